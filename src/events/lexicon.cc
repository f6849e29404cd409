#include "events/lexicon.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/model_file.h"
#include "events/dep_tree.h"  // AsciiLower

namespace newsgraph::events {
namespace {

std::vector<std::string_view> Split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t pos = line.find(sep, start);
    out.push_back(line.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

const char* const kTypes[] = {"AGREE",    "CONSULT",  "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                              "RETREAT",  "REQUEST",  "ACCUSE",  "REJECT",  "THREATEN",  "PROTEST",
                              "SANCTION", "MOBILIZE", "COERCE",  "ASSAULT"};

bool IsPloverType(std::string_view s) {
  return std::find(std::begin(kTypes), std::end(kTypes), s) != std::end(kTypes);
}

Result<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kKbNotFound, "event lexicon '" + path + "' not found");
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

// Calls fn(fields, fail) for each line of a TSV text that is neither empty nor a '#' comment;
// fail(why) builds the E301 error naming `source` and the line. Stops at the first error.
template <typename Fn>
Status ForEachTsvLine(std::string_view text, std::string_view source, Fn fn) {
  std::size_t line_number = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_number;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    const auto fail = [&](const std::string& why) {
      return Status(ErrorCode::kKbSourceMalformed,
                    std::string(source) + ":" + std::to_string(line_number) + ": " + why);
    };
    if (Status status = fn(Split(line, '\t'), fail); !status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<TriggerLexicon>> TriggerLexicon::Parse(std::string_view triggers_tsv,
                                                              std::string_view support_verbs_tsv,
                                                              std::string_view name,
                                                              std::string_view evaluations_tsv) {
  auto lexicon = std::make_unique<TriggerLexicon>();
  Status status = ForEachTsvLine(triggers_tsv, name, [&](const auto& fields, const auto& fail) -> Status {
    if (fields.size() != 8) {
      return fail("expected 8 tab-separated fields, found " + std::to_string(fields.size()));
    }
    auto entry = std::make_unique<TriggerEntry>();
    std::string_view trigger = Trim(fields[0]);
    if (trigger.empty()) return fail("empty trigger");
    if (const auto gt = trigger.find('>'); gt != std::string_view::npos) {
      entry->lemma = std::string(trigger.substr(0, gt));
      for (std::string_view o : Split(trigger.substr(gt + 1), '|')) {
        if (!Trim(o).empty()) entry->objects.push_back(AsciiLower(Trim(o)));
      }
      if (entry->objects.empty() || entry->lemma.empty())
        return fail("'verb>object|object' needs both sides");
      if (entry->lemma.find_first_of("+ ") != std::string::npos) {
        return fail("'verb>object' takes a plain verb lemma (no particle or modifier)");
      }
    } else if (const auto plus = trigger.find('+'); plus != std::string_view::npos) {
      entry->lemma = std::string(trigger.substr(0, plus));
      entry->particle = std::string(trigger.substr(plus + 1));
    } else if (const auto space = trigger.rfind(' '); space != std::string_view::npos) {
      entry->modifier = std::string(trigger.substr(0, space));
      entry->lemma = std::string(trigger.substr(space + 1));
    } else {
      entry->lemma = std::string(trigger);
    }
    const std::string_view pos = Trim(fields[1]);
    if (pos != "V" && pos != "N" && pos != "A") return fail("part of speech must be V, N or A");
    entry->pos = pos[0];
    if (!entry->objects.empty() && entry->pos != 'V') return fail("'verb>object' entries are verbs (V)");
    entry->event = std::string(Trim(fields[2]));
    if (!IsPloverType(entry->event)) return fail("'" + entry->event + "' is not a PLOVER 2.0 event type");
    const std::string_view mode = Trim(fields[3]);
    entry->mode = mode == "-" ? "" : std::string(mode);
    const std::string_view context = Trim(fields[4]);
    if (context != "-") {
      for (std::string_view c : Split(context, ';')) {
        if (!Trim(c).empty()) entry->context.emplace_back(Trim(c));
      }
    }
    entry->cameo = std::string(Trim(fields[5]));
    if (entry->cameo.size() < 2 || entry->cameo.size() > 4 ||
        !std::all_of(entry->cameo.begin(), entry->cameo.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return fail("CAMEO code must be 2-4 digits");
    }
    const std::string_view recipients = Trim(fields[6]);
    if (recipients != "-") {
      for (std::string_view r : Split(recipients, ',')) {
        if (!Trim(r).empty()) entry->recipient_relations.emplace_back(Trim(r));
      }
    }
    const std::string_view priority = Trim(fields[7]);
    if (priority.size() != 1 || priority[0] < '0' || priority[0] > '9') return fail("priority must be 0-9");
    entry->priority = priority[0] - '0';
    const std::string key = std::string(1, entry->pos) + ":" + entry->lemma;
    lexicon->index_[key].push_back(entry.get());
    lexicon->entries_.push_back(std::move(entry));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  for (auto& [key, list] : lexicon->index_) {
    std::stable_sort(list.begin(), list.end(), [](const TriggerEntry* a, const TriggerEntry* b) {
      const int sa = !a->particle.empty() || !a->modifier.empty() || !a->objects.empty();
      const int sb = !b->particle.empty() || !b->modifier.empty() || !b->objects.empty();
      if (sa != sb) return sa > sb;
      return a->priority > b->priority;
    });
  }
  for (std::string_view line : Split(support_verbs_tsv, '\n')) {
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    lexicon->support_verbs_.emplace(line);
  }
  const std::string evaluations_name = std::string(name) + " (evaluations)";
  status =
      ForEachTsvLine(evaluations_tsv, evaluations_name, [&](const auto& fields, const auto& fail) -> Status {
        if (fields.size() != 3) return fail("expected word, part of speech and polarity");
        const std::string_view word = Trim(fields[0]);
        const std::string_view pos = Trim(fields[1]);
        const std::string_view polarity = Trim(fields[2]);
        if (word.empty()) return fail("empty word");
        if (pos != "V" && pos != "N" && pos != "A") return fail("part of speech must be V, N or A");
        if (polarity != "+" && polarity != "-") return fail("polarity must be + or -");
        lexicon->evaluations_[std::string(pos) + ":" + std::string(word)] = polarity == "+" ? 1 : -1;
        return Status::Ok();
      });
  if (!status.ok()) return status;
  if (lexicon->entries_.empty()) {
    return Status(ErrorCode::kKbSourceMalformed, std::string(name) + ": no trigger entries");
  }
  return lexicon;
}

int TriggerLexicon::Evaluation(std::string_view lemma, char pos) const {
  std::string key;
  key.reserve(lemma.size() + 2);
  key.push_back(pos);
  key.push_back(':');
  key.append(lemma);
  const auto it = evaluations_.find(key);
  return it == evaluations_.end() ? 0 : it->second;
}

Result<std::unique_ptr<TriggerLexicon>> TriggerLexicon::LoadDefault() {
  const std::string triggers_path = FindDataFile("knowledge/events/triggers.tsv");
  const std::string support_path = FindDataFile("knowledge/events/support_verbs.tsv");
  const std::string evaluations_path = FindDataFile("knowledge/events/evaluations.tsv");
  auto triggers = ReadWhole(triggers_path);
  if (!triggers.ok()) return triggers.status();
  auto support = ReadWhole(support_path);
  if (!support.ok()) return support.status();
  auto evaluations = ReadWhole(evaluations_path);
  if (!evaluations.ok()) return evaluations.status();
  return Parse(*triggers, *support, triggers_path, *evaluations);
}

const std::vector<const TriggerEntry*>& TriggerLexicon::Lookup(std::string_view lemma, char pos) const {
  std::string key;
  key.reserve(lemma.size() + 2);
  key.push_back(pos);
  key.push_back(':');
  for (char c : lemma) key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  auto it = index_.find(key);
  return it == index_.end() ? empty_ : it->second;
}

bool TriggerLexicon::IsSupportVerb(std::string_view lemma_with_particle) const {
  return support_verbs_.count(std::string(lemma_with_particle)) > 0;
}

}  // namespace newsgraph::events
