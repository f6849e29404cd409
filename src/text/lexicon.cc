#include "text/lexicon.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

namespace newsgraph::text {
namespace {

// A sorted list of words with binary search; built once from an initializer list.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words) {
    std::sort(words_.begin(), words_.end());
  }
  bool Contains(std::string_view w) const { return std::binary_search(words_.begin(), words_.end(), w); }

 private:
  std::vector<std::string_view> words_;
};

// Lowercases ASCII into buf (n <= size); returns the view, or an empty view when too long.
std::string_view LowerAscii(std::string_view w, char* buf, std::size_t size) {
  if (w.size() > size) return {};
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return {buf, w.size()};
}

const WordSet& Titles() {
  static const WordSet s{"Mr",   "Mrs",  "Ms",  "Messrs", "Mssrs", "Dr",   "Prof",  "Gen",  "Lt",   "Col",
                         "Maj",  "Capt", "Cpl", "Sgt",    "Adm",   "Cmdr", "Cdr",   "Brig", "Sen",  "Rep",
                         "Reps", "Sens", "Gov", "Govs",   "Pres",  "Rev",  "Hon",   "Amb",  "Supt", "Insp",
                         "Det",  "Atty", "Fr",  "Pvt",    "Gens",  "Drs",  "Lieut", "Cmdr", "Mme",  "Mlle",
                         "Msgr", "Rt",   "Sec", "Secs",   "Treas", "Dir",  "PS",    "P.S",  "P.P.S"};
  return s;
}
const WordSet& NumberAbbrevs() {
  static const WordSet s{"No",   "Nos",     "no",      "nos",     "Vol", "vol",  "Vols", "vols",
                         "Art",  "art",     "Arts",    "Fig",     "fig", "Figs", "pp",   "Nr",
                         "nr",   "N\u00b0", "N\u00ba", "n\u00ba", "Ch",  "ch",   "Sec",  "sec",
                         "Para", "para",    "Op",      "op",      "Tel", "tel",  "Ext",  "ext",
                         "Ref",  "ref",     "Pt",      "pt",      "Ps",  "Ex",   "ex",   "Rs"};
  return s;
}
const WordSet& OtherAbbrevs() {
  static const WordSet s{// companies, names
                         "Inc", "Corp", "Co", "Ltd", "Plc", "Bros", "Jr", "Sr", "Esq", "Cos", "Assn", "Dept",
                         "Univ", "Govt", "Intl", "Natl", "Mfg",
                         // months and days
                         "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
                         "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
                         // places
                         "St", "Ste", "Ave", "Blvd", "Rd", "Mt", "Ft", "Sq", "Hwy", "Pl", "Ct", "Ln",
                         // US states as the AP style book abbreviates them
                         "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
                         "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb",
                         "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
                         // common lowercase and mixed-case ones
                         "etc", "vs", "Vs", "v", "co", "st", "approx", "Approx", "est", "Est", "cf", "al",
                         "ca", "viz", "incl", "esp", "dept", "govt", "yr", "yrs", "hr", "hrs", "min", "mins",
                         "max", "misc", "Misc", "tbsp", "tsp", "oz", "lb", "lbs", "ft", "sq", "mt", "jr",
                         "sr", "Attn", "attn", "Mssr", "Ph", "Pp", "eg", "ie", "Eg", "Ie", "Ed", "ed", "eds",
                         "Eds", "Fed", "Ltd", "ltd", "inc", "corp", "dist", "Dist", "div", "Div", "Assoc",
                         "assoc", "Bldg", "bldg", "Dem", "Repub"};
  return s;
}
const WordSet& HyphenPrefixes() {
  static const WordSet s{"anti",   "bi",     "co",    "counter", "cross", "cyber", "e",     "ex",
                         "extra",  "hyper",  "inter", "intra",   "macro", "mega",  "micro", "mid",
                         "mini",   "multi",  "neo",   "non",     "over",  "post",  "pre",   "pro",
                         "pseudo", "psycho", "quasi", "re",      "semi",  "socio", "sub",   "super",
                         "trans",  "tri",    "ultra", "un",      "under", "uni",   "geo",   "eco",
                         "infra",  "meta",   "mis",   "out",     "poly",  "proto", "retro", "techno"};
  return s;
}
const WordSet& Starters() {
  static const WordSet s{
      "A",         "About",   "According", "After",   "Again",        "All",         "Also",
      "Although",  "Among",   "An",        "And",     "Another",      "Any",         "Are",
      "As",        "At",      "Because",   "Before",  "Both",         "But",         "By",
      "Can",       "Could",   "Did",       "Do",      "Does",         "Dr.",         "During",
      "Each",      "Even",    "Every",     "Few",     "For",          "From",        "Had",
      "Has",       "Have",    "He",        "Her",     "Here",         "His",         "How",
      "However",   "I",       "If",        "In",      "Is",           "It",          "Its",
      "Just",      "Last",    "Let",       "Many",    "May",          "Meanwhile",   "Might",
      "More",      "Most",    "Mr.",       "Mrs.",    "Ms.",          "Much",        "Must",
      "My",        "Next",    "No",        "Not",     "Now",          "Of",          "On",
      "One",       "Only",    "Or",        "Other",   "Our",          "Please",      "She",
      "Should",    "Since",   "So",        "Some",    "Still",        "Such",        "That",
      "The",       "Their",   "Then",      "There",   "These",        "They",        "This",
      "Those",     "Though",  "Thus",      "To",      "Two",          "Under",       "Until",
      "We",        "Were",    "What",      "When",    "Where",        "Which",       "While",
      "Who",       "Why",     "Will",      "With",    "Would",        "Yes",         "Yet",
      "You",       "Your",    "Was",       "Three",   "Four",         "Five",        "Later",
      "Earlier",   "Instead", "Officials", "Police",  "Critics",      "Analysts",    "Asked",
      "Yesterday", "Today",   "Tomorrow",  "Despite", "Nevertheless", "Nonetheless", "Furthermore",
      "Moreover",  "Indeed",  "Once",      "Several", "Neither",      "Nor",         "Whether",
      "Whatever",  "Without", "Within",    "Over",    "Through"};
  return s;
}
const WordSet& ContinuationWords() {
  static const WordSet s{"a",    "an",    "the",   "of",   "to",   "and",  "or",   "but",   "in",   "on",
                         "at",   "by",    "for",   "from", "with", "into", "that", "which", "who",  "whose",
                         "his",  "her",   "their", "its",  "our",  "my",   "your", "as",    "than", "is",
                         "are",  "was",   "were",  "be",   "been", "has",  "have", "had",   "will", "would",
                         "this", "these", "those", "not",  "if",   "when"};
  return s;
}

const WordSet& ClosingHeads() {
  static const WordSet s{"regards", "thanks",    "thx",          "sincerely", "cheers",
                         "best",    "cordially", "respectfully", "truly"};
  return s;
}
const WordSet& ClosingModifiers() {
  static const WordSet s{"best", "kind", "kindest", "warm", "warmest",
                         "many", "with", "yours",   "very", "and"};
  return s;
}

const WordSet& SpeechVerbs() {
  static const WordSet s{"say",      "says",      "said",     "ask",     "asks",      "asked",    "reply",
                         "replied",  "answer",    "answered", "whisper", "whispered", "shout",    "shouted",
                         "yell",     "yelled",    "cry",      "cried",   "scream",    "screamed", "mutter",
                         "muttered", "mumble",    "mumbled",  "exclaim", "exclaimed", "wonder",   "wondered",
                         "think",    "thought",   "howl",     "howled",  "sigh",      "sighed",   "insist",
                         "insisted", "beg",       "begged",   "laugh",   "laughed",   "repeat",   "repeated",
                         "explain",  "explained", "add",      "added",   "write",     "wrote",    "murmur",
                         "murmured", "groan",     "groaned",  "snap",    "snapped",   "gasp",     "gasped"};
  return s;
}

}  // namespace

AbbrevKind LookupAbbreviation(std::string_view word, bool next_is_digit) {
  if (word.empty()) return AbbrevKind::kNone;
  if (Titles().Contains(word)) return AbbrevKind::kTitle;
  if (next_is_digit && NumberAbbrevs().Contains(word)) return AbbrevKind::kNumber;
  if (OtherAbbrevs().Contains(word)) return AbbrevKind::kOther;
  return AbbrevKind::kNone;
}

bool IsKeptHyphenPrefix(std::string_view prefix) {
  char buf[16];
  const std::string_view lower = LowerAscii(prefix, buf, sizeof buf);
  return !lower.empty() && HyphenPrefixes().Contains(lower);
}

std::size_t ContractionSplit(std::string_view word) {
  // Called for every word, so the shape is checked before any lookup: every entry is "im" or
  // ends in "nt", "na", "ta" or "not".
  const std::size_t n = word.size();
  if (n < 2 || n > 8) return 0;
  if (n == 2) return (word == "Im" || word == "im") ? 1 : 0;
  const char last = static_cast<char>(word[n - 1] | 0x20);
  const char before = static_cast<char>(word[n - 2] | 0x20);
  const bool nt = last == 't' && before == 'n';
  if (!nt && last != 'a' && last != 't') return 0;
  char buf[8];
  const std::string_view w = LowerAscii(word, buf, sizeof buf);
  if (nt) {
    static const WordSet kNt{"dont",     "doesnt", "didnt",  "isnt",  "wasnt",   "arent",
                             "werent",   "hasnt",  "havent", "hadnt", "couldnt", "wouldnt",
                             "shouldnt", "wont",   "cant",   "aint",  "mustnt",  "neednt"};
    return kNt.Contains(w) ? n - 2 : 0;
  }
  if (n == 5 && last == 'a') {
    return (w == "gonna" || w == "wanna" || w == "gotta" || w == "outta") ? 3 : 0;
  }
  if (n == 6 && last == 't' && w == "cannot") return 3;
  return 0;
}

bool IsSentenceStarter(std::string_view word) { return Starters().Contains(word); }

bool IsContinuationWord(std::string_view word) { return ContinuationWords().Contains(word); }

bool IsClosingFormulaHead(std::string_view lower_word) { return ClosingHeads().Contains(lower_word); }

bool IsClosingFormulaModifier(std::string_view lower_word) { return ClosingModifiers().Contains(lower_word); }

bool IsSpeechVerb(std::string_view word) { return SpeechVerbs().Contains(word); }

}  // namespace newsgraph::text
