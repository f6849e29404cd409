#include "check/checker.h"

#include <algorithm>
#include <set>

#include "actors/knowledge_base.h"
#include "pipeline/stages.h"

namespace newsgraph::check {
namespace {

// Words that make a mention claim an office rather than just name a person.
bool AssertsOffice(std::string_view text) {
  static const char* const kWords[] = {
      "administration", "government", "cabinet", "regime", "President", "president", "Prime Minister",
      "prime minister", "Chancellor", "Premier", "King",   "Queen",     "Secretary", "Minister"};
  for (const char* w : kWords) {
    if (text.find(w) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

Status Checker::Process(Doc& doc) const {
  std::set<std::pair<std::uint32_t, std::uint32_t>> flagged;
  auto check = [&](std::uint32_t begin, std::uint32_t end, const std::string& date) {
    if (begin >= end || flagged.count({begin, end})) return;
    const std::string_view text = doc.slice(begin, end);
    if (!AssertsOffice(text)) return;
    actors::ResolveContext context;
    auto resolution = resolver_.Resolve(text, context, date);
    if (!resolution || resolution->in_office || resolution->note.empty()) return;
    if (resolution->kind != actors::ActorKind::kPerson) return;
    flagged.insert({begin, end});
    doc.flags.push_back(Flag{"anachronism", begin, end, resolution->note});
  };
  for (const Event& e : doc.events) {
    // A full event date is the most precise reference; partial dates fall back to the document's.
    const std::string date = e.date.size() == 10 ? e.date : doc.date;
    if (date.empty()) continue;
    for (const auto* args : {&e.actor, &e.recipient}) {
      for (const EventArgument& a : *args) check(a.byte_begin, a.byte_end, date);
    }
  }
  if (!doc.date.empty()) {
    for (const Entity& ent : doc.entities) {
      if (ent.label != "PER") continue;
      // Include a title just before the name ("President Trump").
      std::uint32_t begin = ent.byte_begin;
      const std::string_view before = std::string_view(doc.text).substr(0, ent.byte_begin);
      for (const char* title : {"President ", "Prime Minister ", "Chancellor ", "Premier "}) {
        const std::string_view t(title);
        if (before.size() >= t.size() && before.substr(before.size() - t.size()) == t) {
          begin = static_cast<std::uint32_t>(before.size() - t.size());
        }
      }
      if (begin != ent.byte_begin) check(begin, ent.byte_end, doc.date);
    }
  }
  std::sort(doc.flags.begin(), doc.flags.end(),
            [](const Flag& a, const Flag& b) { return a.byte_begin < b.byte_begin; });
  return Status::Ok();
}

}  // namespace newsgraph::check

namespace newsgraph {

Result<std::unique_ptr<Component>> MakeChecker(const PipelineConfig& config) {
  auto kb = actors::SharedKnowledgeBase(config.kb_path);
  if (!kb.ok()) return kb.status();
  return std::unique_ptr<Component>(std::make_unique<check::Checker>(**kb));
}

}  // namespace newsgraph
