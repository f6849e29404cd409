#include "events/eval_events.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <set>

#include "events/codes.h"
#include "events/dep_tree.h"
#include "io/json_util.h"
#include "newsgraph/io.h"

namespace newsgraph::events {
namespace {

struct GoldEvent {
  std::string type, mode, certainty, when, trigger, sentence;
  std::set<std::string> actor, recipient;
  std::vector<std::string> attribution;
};

struct GoldDoc {
  std::string id, date, text;
  std::vector<GoldEvent> events;
};

std::string MapOldType(std::string type) {
  if (type == "DEMAND") return "REQUEST";
  if (type == "FIGHT") return "ASSAULT";
  if (type == "DISAPPROVE" || type == "INVESTIGATE") return "ACCUSE";
  return type;
}

// Legacy CAMEO country codes some gold records still use, to their ISO alpha-3 equivalents.
std::string ModernCode(std::string code) {
  if (code == "JAP") return "JPN";
  if (code == "ITL") return "ITA";
  if (code == "ROM") return "ROU";
  if (code == "GMY") return "DEU";
  return code;
}

// Country codes stay as they are; every organisation code is the class "IGO" for matching.
std::string MatchCode(std::string code) {
  return IsOrganisationCode(code) ? "IGO" : ModernCode(std::move(code));
}

// Whether system event e lies in the gold sentence (whitespace-insensitive containment either
// way: our splitter may cut a gold sentence in two or join two).
bool SameSentence(const Doc& doc, const Event& e, const std::string& gold_sentence) {
  if (e.sentence >= doc.sentences.size()) return false;
  const SentenceData& sentence = doc.sentences[e.sentence];
  auto squeeze = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out.push_back(c);
    }
    return out;
  };
  const std::string system = squeeze(doc.slice(sentence.byte_begin, sentence.byte_end));
  const std::string gold = squeeze(gold_sentence);
  if (system.empty() || gold.empty()) return false;
  return gold.find(system) != std::string::npos || system.find(gold) != std::string::npos;
}

void AddCodes(simdjson::simdjson_result<simdjson::dom::element> list, std::set<std::string>& out,
              const char* code_field) {
  simdjson::dom::array array;
  if (list.get_array().get(array) != simdjson::SUCCESS) return;
  for (simdjson::dom::element item : array) {
    std::string_view code;
    if (item[code_field].get_string().get(code) == simdjson::SUCCESS && !code.empty()) {
      out.insert(MatchCode(std::string(code)));
    }
  }
}

// Attribution links match when one text contains the other, case-insensitively, or they share
// their last word ("Mr Blair" / "Tony Blair").
bool LinkMatches(const std::string& gold, const std::string& system) {
  const std::string g = AsciiLower(gold);
  const std::string s = AsciiLower(system);
  if (g.find(s) != std::string::npos || s.find(g) != std::string::npos) return true;
  auto last = [](const std::string& x) {
    const auto pos = x.find_last_of(' ');
    return pos == std::string::npos ? x : x.substr(pos + 1);
  };
  return last(g) == last(s);
}

Result<std::vector<GoldDoc>> ReadGold(const std::string& path, bool& document_form) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kGoldNotFound, "gold file '" + path + "' not found");
  simdjson::dom::parser parser;
  std::vector<GoldDoc> docs;
  std::string line;
  int line_number = 0;
  document_form = false;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::element root;
    if (parser.parse(line).get(root) != simdjson::SUCCESS) {
      return Status(ErrorCode::kGoldMalformed,
                    path + ":" + std::to_string(line_number) + ": not a JSON object");
    }
    GoldDoc doc;
    std::string_view s;
    simdjson::dom::array events;
    if (root["events"].get_array().get(events) == simdjson::SUCCESS) {
      document_form = true;
      if (root["doc_id"].get_string().get(s) == simdjson::SUCCESS) doc.id = std::string(s);
      if (root["date"].get_string().get(s) == simdjson::SUCCESS) doc.date = std::string(s);
      if (root["text"].get_string().get(s) != simdjson::SUCCESS) {
        return Status(ErrorCode::kGoldMalformed, path + ":" + std::to_string(line_number) + ": no text");
      }
      doc.text = std::string(s);
      for (simdjson::dom::element e : events) {
        GoldEvent g;
        if (e["event"].get_string().get(s) == simdjson::SUCCESS) g.type = MapOldType(std::string(s));
        if (e["mode"].get_string().get(s) == simdjson::SUCCESS) g.mode = std::string(s);
        if (e["certainty"].get_string().get(s) == simdjson::SUCCESS) g.certainty = std::string(s);
        if (e["when"].get_string().get(s) == simdjson::SUCCESS) g.when = std::string(s);
        if (e["trigger"].get_string().get(s) == simdjson::SUCCESS) g.trigger = std::string(s);
        if (e["sentence"].get_string().get(s) == simdjson::SUCCESS) g.sentence = std::string(s);
        AddCodes(e["actor"], g.actor, "code");
        AddCodes(e["recipient"], g.recipient, "code");
        simdjson::dom::array links;
        if (e["attribution"].get_array().get(links) == simdjson::SUCCESS) {
          for (simdjson::dom::element link : links) {
            if (link.get_string().get(s) == simdjson::SUCCESS) g.attribution.emplace_back(s);
          }
        }
        doc.events.push_back(std::move(g));
      }
    } else {
      if (root["id"].get_string().get(s) == simdjson::SUCCESS) doc.id = std::string(s);
      if (root["date"].get_string().get(s) == simdjson::SUCCESS) doc.date = std::string(s);
      if (root["text"].get_string().get(s) != simdjson::SUCCESS) {
        return Status(ErrorCode::kGoldMalformed, path + ":" + std::to_string(line_number) + ": no text");
      }
      doc.text = std::string(s);
      GoldEvent g;
      if (root["event"].get_string().get(s) == simdjson::SUCCESS) g.type = MapOldType(std::string(s));
      if (root["eventText"].get_string().get(s) == simdjson::SUCCESS) g.trigger = std::string(s);
      g.sentence = doc.text;
      AddCodes(root["source"], g.actor, "code");
      AddCodes(root["target"], g.recipient, "code");
      doc.events.push_back(std::move(g));
    }
    if (doc.id.empty()) doc.id = "line" + std::to_string(line_number);
    docs.push_back(std::move(doc));
  }
  if (docs.empty()) return Status(ErrorCode::kGoldMalformed, "gold file '" + path + "' has no records");
  return docs;
}

void AppendCodes(std::string& out, std::string_view key, const std::set<std::string>& codes) {
  io::AppendKey(out, key);
  out.push_back('[');
  bool first = true;
  for (const std::string& c : codes) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(out, c);
  }
  out.push_back(']');
}

void AppendString(std::string& out, std::string_view key, std::string_view value) {
  io::AppendKey(out, key);
  AppendJsonString(out, value);
}

// One side of an error line: a gold or a system event in the same JSON shape, so the two can be
// compared field by field.
struct EventSide {
  std::string_view type, trigger;
  std::set<std::string> actor, recipient;
  std::string_view certainty, when;
  std::vector<std::string_view> attribution;
  std::optional<std::string_view> sentence;
};

std::string SideJson(const EventSide& e) {
  std::string out = "{";
  io::AppendKey(out, "type", true);
  AppendJsonString(out, e.type);
  AppendString(out, "trigger", e.trigger);
  AppendCodes(out, "actor", e.actor);
  AppendCodes(out, "recipient", e.recipient);
  AppendString(out, "certainty", e.certainty);
  AppendString(out, "when", e.when);
  io::AppendKey(out, "attribution");
  out.push_back('[');
  for (std::size_t i = 0; i < e.attribution.size(); ++i) {
    if (i) out.push_back(',');
    AppendJsonString(out, e.attribution[i]);
  }
  out.push_back(']');
  if (e.sentence) AppendString(out, "sentence", *e.sentence);
  out.push_back('}');
  return out;
}

std::string GoldJson(const GoldEvent& g) {
  EventSide side{g.type, g.trigger, g.actor, g.recipient, g.certainty, g.when, {}, g.sentence};
  side.attribution.assign(g.attribution.begin(), g.attribution.end());
  return SideJson(side);
}

std::set<std::string> Codes(const std::vector<EventArgument>& arguments) {
  std::set<std::string> codes;
  for (const auto& a : arguments) {
    if (!a.code.empty()) codes.insert(MatchCode(a.code));
  }
  return codes;
}

std::string SystemJson(const Doc& doc, const Event& e) {
  EventSide side{e.event,
                 doc.slice(e.trigger_byte_begin, e.trigger_byte_end),
                 Codes(e.actor),
                 Codes(e.recipient),
                 e.certainty,
                 e.date,
                 {},
                 std::nullopt};
  for (const AttributionLink& link : e.attribution) side.attribution.push_back(link.text);
  if (e.sentence < doc.sentences.size()) {
    const SentenceData& sentence = doc.sentences[e.sentence];
    side.sentence = doc.slice(sentence.byte_begin, sentence.byte_end);
  }
  return SideJson(side);
}

std::string ErrorLine(std::string_view doc_id, std::string_view kind, const std::string* gold,
                      const std::string* system) {
  std::string out = "{";
  io::AppendKey(out, "doc", true);
  AppendJsonString(out, doc_id);
  AppendString(out, "kind", kind);
  if (gold) {
    io::AppendKey(out, "gold");
    out += *gold;
  }
  if (system) {
    io::AppendKey(out, "system");
    out += *system;
  }
  out.push_back('}');
  return out;
}

// Pass 1 pairs a gold event only with system events of its own sentence (when the gold names
// it), pass 2 with any of the document: a loose first pass would let an early gold event take the
// system event that codes a later sentence's event. Returns each gold event's partner (-1: none).
std::vector<std::int64_t> PairEvents(const GoldDoc& g, const Doc& doc, ArgumentRule rule,
                                     std::vector<bool>& used) {
  used.assign(doc.events.size(), false);
  std::vector<std::int64_t> partner(g.events.size(), -1);
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t k = 0; k < g.events.size(); ++k) {
      const GoldEvent& ge = g.events[k];
      if (partner[k] >= 0 || (pass == 0 && ge.sentence.empty())) continue;
      for (std::size_t i = 0; i < doc.events.size(); ++i) {
        const Event& se = doc.events[i];
        if (used[i] || se.event != ge.type) continue;
        if (pass == 0 && !SameSentence(doc, se, ge.sentence)) continue;
        if (!SideMatches(ge.actor, Codes(se.actor), rule) ||
            !SideMatches(ge.recipient, Codes(se.recipient), rule)) {
          continue;
        }
        used[i] = true;
        partner[k] = static_cast<std::int64_t>(i);
        break;
      }
    }
  }
  return partner;
}

}  // namespace

// The two argument rules (see eval_events.h). Strict, the reported F1: an event whose actor or
// recipient the system did not code is not the gold event's (who did what to whom). Lenient is
// printed for comparison with the figures reported before 2026-11-28.
bool SideMatches(const std::set<std::string>& gold, const std::set<std::string>& system, ArgumentRule rule) {
  if (gold.empty() || system.empty()) return rule == ArgumentRule::kLenient || gold.empty() == system.empty();
  return std::any_of(gold.begin(), gold.end(), [&](const std::string& x) { return system.count(x) > 0; });
}

Result<EventEvalReport> EvaluateEvents(const std::string& gold_path, const Pipeline& pipeline,
                                       bool list_errors) {
  EventEvalReport report;
  auto gold = ReadGold(gold_path, report.document_form);
  if (!gold.ok()) return gold.status();
  ReaderOptions options;
  for (GoldDoc& g : *gold) {
    ++report.documents;
    Doc doc(g.id, g.text);
    doc.date = g.date;
    Status status = PrepareText(doc, options);
    if (status.ok()) status = pipeline.Process(doc);
    if (!status.ok()) {
      ++report.failed_documents;
      report.errors.push_back(status.ToString());
    }
    for (const Event& e : doc.events) {
      ++report.by_type[e.event].system;
      ++report.total.system;
    }
    std::vector<bool> used;
    const std::vector<std::int64_t> partner = PairEvents(g, doc, ArgumentRule::kStrict, used);
    {
      std::vector<bool> lenient_used;
      const auto lenient = PairEvents(g, doc, ArgumentRule::kLenient, lenient_used);
      report.lenient.gold += static_cast<int>(g.events.size());
      report.lenient.system += static_cast<int>(doc.events.size());
      const auto matched =
          std::count_if(lenient.begin(), lenient.end(), [](std::int64_t i) { return i >= 0; });
      report.lenient.matched_gold += static_cast<int>(matched);
      report.lenient.matched_system += static_cast<int>(matched);
    }
    for (std::size_t k = 0; k < g.events.size(); ++k) {
      const GoldEvent& ge = g.events[k];
      ++report.by_type[ge.type].gold;
      ++report.total.gold;
      if (partner[k] < 0) {
        if (list_errors) {
          const std::string gj = GoldJson(ge);
          report.error_lines.push_back(ErrorLine(g.id, "missed", &gj, nullptr));
        }
        continue;
      }
      const Event& se = doc.events[static_cast<std::size_t>(partner[k])];
      ++report.by_type[ge.type].matched_gold;
      ++report.by_type[ge.type].matched_system;
      ++report.total.matched_gold;
      ++report.total.matched_system;
      if (!report.document_form) continue;
      ++report.pairs;
      report.certainty_correct += se.certainty == ge.certainty;
      report.date_correct += se.date == ge.when;
      report.mode_correct += se.mode == ge.mode;
      bool attribution_ok = se.attribution.size() == ge.attribution.size();
      for (std::size_t a = 0; attribution_ok && a < ge.attribution.size(); ++a) {
        attribution_ok = LinkMatches(ge.attribution[a], se.attribution[a].text);
      }
      report.attribution_correct += attribution_ok;
      if (list_errors) {
        const std::string gj = GoldJson(ge), sj = SystemJson(doc, se);
        if (se.certainty != ge.certainty) {
          report.error_lines.push_back(ErrorLine(g.id, "certainty", &gj, &sj));
        }
        if (se.date != ge.when) report.error_lines.push_back(ErrorLine(g.id, "date", &gj, &sj));
        if (!attribution_ok) report.error_lines.push_back(ErrorLine(g.id, "attribution", &gj, &sj));
      }
    }
    if (list_errors) {
      for (std::size_t i = 0; i < doc.events.size(); ++i) {
        if (used[i]) continue;
        const std::string sj = SystemJson(doc, doc.events[i]);
        report.error_lines.push_back(ErrorLine(g.id, "spurious", nullptr, &sj));
      }
    }
  }
  return report;
}

std::string FormatEventReport(const EventEvalReport& report) {
  auto prf = [](const TypeCounts& c) {
    const double p = c.system ? static_cast<double>(c.matched_system) / c.system : 0.0;
    const double r = c.gold ? static_cast<double>(c.matched_gold) / c.gold : 0.0;
    const double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    return std::array<double, 3>{p, r, f};
  };
  std::string out = fmt::format("{:<10} {:>5} {:>6} {:>7} {:>7} {:>7} {:>7}\n", "type", "gold", "system",
                                "matched", "P", "R", "F1");
  for (const auto& [type, counts] : report.by_type) {
    const auto [p, r, f] = prf(counts);
    out += fmt::format("{:<10} {:>5} {:>6} {:>7} {:>7.3f} {:>7.3f} {:>7.3f}\n", type, counts.gold,
                       counts.system, counts.matched_gold, p, r, f);
  }
  const auto [p, r, f] = prf(report.total);
  out += fmt::format("{:<10} {:>5} {:>6} {:>7} {:>7.3f} {:>7.3f} {:>7.3f}\n", "ALL", report.total.gold,
                     report.total.system, report.total.matched_gold, p, r, f);
  // Not a table row (scripts read the row that starts with "ALL"): the pre-0.3.0 figure.
  const auto [lp, lr, lf] = prf(report.lenient);
  out += fmt::format(
      "lenient (a side without codes ignored, as before 0.3.0): matched {} P {:.3f} R {:.3f} F1 {:.3f}\n",
      report.lenient.matched_gold, lp, lr, lf);
  if (report.document_form && report.pairs > 0) {
    const double n = report.pairs;
    out += fmt::format(
        "\nmatched pairs {}: certainty accuracy {:.3f}, date accuracy {:.3f}, attribution accuracy "
        "{:.3f}, mode accuracy {:.3f}\n",
        report.pairs, report.certainty_correct / n, report.date_correct / n, report.attribution_correct / n,
        report.mode_correct / n);
  }
  out += fmt::format("documents {}, failed {}\n", report.documents, report.failed_documents);
  return out;
}

}  // namespace newsgraph::events
