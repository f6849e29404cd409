// Fuzzes the event coder on arbitrary dependency trees: whatever CoNLL-U parses (heads that form
// cycles or point anywhere, several roots, any relation and tag) must be coded without a crash, a
// sanitizer report or a hang. Every proper noun becomes a coded entity so that the argument,
// attribution and certainty rules run too, not only trigger lookup. The lexicon is a small one
// written here (the repository's files are not found from a fuzzer binary), with a trigger of each
// kind the rules treat specially: a support-verb noun, a verb>object entry, a particle verb, a
// priority-0 word, a reporting verb.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "events/event_coder.h"
#include "events/lexicon.h"
#include "io/conllu.h"

namespace {

constexpr std::string_view kTriggers =
    "attack\tV\tASSAULT\t-\tmilitary\t190\tobj\t3\n"
    "attack\tN\tASSAULT\t-\tmilitary\t190\ton,against\t3\n"
    "kill\tV\tASSAULT\t-\t-\t190\tobj\t2\n"
    "beat+up\tV\tASSAULT\tbeat\t-\t182\tobj\t3\n"
    "meet\tV\tCONSULT\t-\tdiplomatic\t040\tobj,with\t2\n"
    "talk\tN\tCONSULT\t-\tdiplomatic\t046\twith\t2\n"
    "visit\tV\tCONSULT\tvisit\tdiplomatic\t042\tobj,to\t3\n"
    "demand\tV\tREQUEST\tchange\t-\t1042\tobj,from,of\t2\n"
    "urge\tV\tREQUEST\t-\t-\t100\tobj\t2\n"
    "push\tV\tREQUEST\t-\t-\t100\tfor\t0\n"
    "warn\tV\tTHREATEN\t-\t-\t130\tobj\t0\n"
    "sanction\tN\tSANCTION\tdiscontinue\teconomic\t163\ton,against\t3\n"
    "aid\tN\tAID\t-\teconomic\t070\tto\t2\n"
    "evacuate\tV\tAID\t-\t-\t0234\tobj\t2\n"
    "standby\tN\tMOBILIZE\t-\tmilitary\t152\t-\t2\n"
    "arrest\tV\tCOERCE\tarrest\t-\t173\tobj\t3\n"
    "cancel>restriction|curfew\tV\tCONCEDE\t-\tlegal\t081\t-\t2\n"
    "agree\tV\tAGREE\t-\tdiplomatic\t030\twith,to\t2\n"
    "support\tV\tSUPPORT\t-\t-\t051\tobj\t2\n"
    "accuse\tV\tACCUSE\tallege\t-\t112\tobj\t3\n"
    "protest\tV\tPROTEST\t-\t-\t140\tagainst\t2\n"
    "withdraw\tV\tRETREAT\twithdraw\tmilitary\t0874\tfrom\t2\n";
constexpr std::string_view kSupportVerbs = "hold\nlaunch\nimpose\nput\norder\nissue\n";

const newsgraph::events::EventCoder& Coder() {
  static const newsgraph::events::EventCoder* coder = [] {
    auto lexicon = newsgraph::events::TriggerLexicon::Parse(kTriggers, kSupportVerbs, "fuzz");
    if (!lexicon.ok()) __builtin_trap();
    auto sectors = [](std::string_view, std::string_view head,
                      std::string_view) -> std::optional<newsgraph::ActorRef> {
      if (head == "police") return newsgraph::ActorRef{"", "", "", "COP", ""};
      if (head == "troops") return newsgraph::ActorRef{"", "", "", "MIL", ""};
      return std::nullopt;
    };
    return new newsgraph::events::EventCoder(std::move(lexicon).value(), sectors, nullptr);
  }();
  return *coder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto docs = newsgraph::ParseConllu(input, "fuzz.conllu");
  if (!docs.ok()) return 0;
  std::size_t n = 0;
  for (newsgraph::Doc& doc : *docs) {
    doc.date = "2023-09-05";
    for (std::uint32_t t = 0; t < doc.tokens.size(); ++t) {
      if (doc.tokens[t].upos != "PROPN") continue;
      newsgraph::Entity e;
      e.token_begin = t;
      e.token_end = t + 1;
      e.byte_begin = doc.tokens[t].byte_begin;
      e.byte_end = doc.tokens[t].byte_end;
      e.label = (n % 3 == 0) ? "PER" : (n % 3 == 1 ? "LOC" : "ORG");
      e.actor = newsgraph::ActorRef{"", "", (n % 2 == 0) ? "RUS" : "UKR", (n % 4 == 0) ? "GOV" : "", ""};
      doc.entities.push_back(e);
      ++n;
    }
    (void)Coder().Process(doc);
  }
  return 0;
}
