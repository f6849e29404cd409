#include "cli/summary.h"

#include <fmt/format.h>

namespace newsgraph::cli {
namespace {

std::string Args(const std::vector<EventArgument>& args) {
  std::string out;
  for (const auto& a : args) {
    if (!out.empty()) out += " + ";
    out += a.text;
    if (!a.code.empty()) out += fmt::format(" [{}{}]", a.code, a.sector);
  }
  return out.empty() ? "-" : out;
}

}  // namespace

void WriteSummary(const Doc& doc, std::string& out) {
  out += fmt::format("document {}  date {}\n", doc.id, doc.date.empty() ? "unknown" : doc.date);
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const SentenceData& s = doc.sentences[i];
    out += fmt::format("\n[{}] {}\n    ", i, doc.slice(s.byte_begin, s.byte_end));
    std::size_t width = 4;
    for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) {
      const TokenData& tok = doc.tokens[t];
      std::string cell(doc.slice(tok.byte_begin, tok.byte_end));
      if (!tok.upos.empty()) cell += "/" + tok.upos;
      if (width + cell.size() + 1 > 100) {
        out += "\n    ";
        width = 4;
      }
      out += cell;
      out += ' ';
      width += cell.size() + 1;
    }
    out += '\n';
  }
  if (!doc.entities.empty()) out += "\nEntities\n";
  for (const Entity& e : doc.entities) {
    out += fmt::format("  {:<34} {:<5}", doc.slice(e.byte_begin, e.byte_end), e.label + (e.norp ? "*" : ""));
    if (e.actor)
      out += fmt::format(" {} {} {} {}", e.actor->code, e.actor->sector, e.actor->id, e.actor->role);
    out += '\n';
  }
  if (!doc.times.empty()) out += "\nTimes\n";
  for (const TimeExpr& t : doc.times) {
    out += fmt::format("  {:<34} {:<9} {}{}\n", doc.slice(t.byte_begin, t.byte_end), t.type, t.value,
                       t.mod.empty() ? "" : " (" + t.mod + ")");
  }
  if (!doc.places.empty()) out += "\nPlaces\n";
  for (const Place& p : doc.places) {
    out += fmt::format("  {:<34} {} {:.4f},{:.4f} geonames:{}\n", doc.slice(p.byte_begin, p.byte_end),
                       p.country, p.lat, p.lon, p.geonameid);
  }
  if (!doc.events.empty()) out += "\nEvents\n";
  for (const Event& e : doc.events) {
    out += fmt::format("  {:<10} {:<12} {} -> {}  date {}  trigger '{}'\n", e.event, e.certainty,
                       Args(e.actor), Args(e.recipient), e.date.empty() ? "?" : e.date,
                       doc.slice(e.trigger_byte_begin, e.trigger_byte_end));
    if (!e.attribution.empty()) {
      std::string chain;
      for (const auto& a : e.attribution) chain += (chain.empty() ? "" : " <- ") + a.text;
      out += fmt::format("             according to {}\n", chain);
    }
  }
  if (!doc.flags.empty()) out += "\nFlags\n";
  for (const Flag& f : doc.flags) {
    out += fmt::format("  {}: '{}' {}\n", f.kind, doc.slice(f.byte_begin, f.byte_end), f.message);
  }
  out += fmt::format("\n{} sentences, {} tokens, {} entities, {} times, {} places, {} events, {} flags\n",
                     doc.sentences.size(), doc.tokens.size(), doc.entities.size(), doc.times.size(),
                     doc.places.size(), doc.events.size(), doc.flags.size());
}

}  // namespace newsgraph::cli
