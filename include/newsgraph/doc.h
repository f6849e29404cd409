// Doc: one news article and every annotation newsgraph assigns to it.
//
// A Doc owns its data (spaCy's rule): the NFC-normalised UTF-8 text, the tokens, the sentences
// and each annotation layer live in the Doc as plain records; Token, Sentence and Span are
// cheap views (a Doc pointer plus indices) that must not outlive their Doc.
//
// Offsets. Internally every layer stores byte offsets into `text` (fast to slice). The document
// JSON of the interface speaks in Unicode code points; Doc::CodePoint() converts, and tokens keep
// both because the writers and evaluations need both constantly.
//
// Layers are filled by pipeline components (pipeline.h), each declaring what it requires and what
// it assigns. A layer that no component filled is empty (tags are "", heads are -1).
//
// Thread safety: a Doc is a value owned by one thread at a time; distinct Docs may be processed
// concurrently by the same (immutable) pipeline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph {

struct TokenData {
  std::uint32_t byte_begin = 0;  // into Doc::text, end exclusive
  std::uint32_t byte_end = 0;
  std::uint32_t cp_begin = 0;  // code-point offsets, end exclusive
  std::uint32_t cp_end = 0;
  std::string upos;  // UD universal tag ("" until tagged)
  std::string xpos;  // Penn Treebank tag
  std::string lemma;
  std::string feats;       // UD features "Mood=Ind|Tense=Past" or "" / "_"
  std::int32_t head = -1;  // 1-based index within the sentence, 0 = root, -1 = not parsed
  std::string deprel;
  std::string ner;  // IOB2 tag ("B-PER", "O"); "" until recognised
  bool space_after = true;
  // Pre-tokenized input (CoNLL-U, CoNLL) keeps its original columns verbatim so writers can
  // reproduce the input exactly; empty for raw text.
  std::vector<std::string> input_columns;
};

struct SentenceData {
  std::uint32_t token_begin = 0;  // half-open range into Doc::tokens
  std::uint32_t token_end = 0;
  std::uint32_t byte_begin = 0;  // byte range of the sentence text
  std::uint32_t byte_end = 0;
  // Comment lines of a CoNLL-U input sentence ("# sent_id = ..."), kept for round trips.
  std::vector<std::string> comments;
};

// What the knowledge base says an actor mention refers to, on the document's date.
struct ActorRef {
  std::string id;      // Wikidata QID or our own id ("" when unknown)
  std::string name;    // canonical name
  std::string code;    // ISO alpha-3 or organisation code (UNO, NAT, EUR, IGO)
  std::string sector;  // GOV MIL LEG JUD COP REB OPP ... or ""
  std::string role;    // "head of state", "defence minister", ... or ""
};

struct Entity {
  std::uint32_t byte_begin = 0;
  std::uint32_t byte_end = 0;
  std::uint32_t token_begin = 0;  // half-open range into Doc::tokens
  std::uint32_t token_end = 0;
  std::string label;    // PER ORG LOC MISC
  bool norp = false;    // nationality / group adjective ("North Korean"), label MISC
  std::string subtype;  // finer kind when known: "country", "city", "region", ...
  std::optional<ActorRef> actor;
};

struct TimeExpr {
  std::uint32_t byte_begin = 0;
  std::uint32_t byte_end = 0;
  std::string type;      // DATE TIME DURATION SET
  std::string value;     // TIMEX3 value: 2023-09, 2023-W35, P3Y, PAST_REF, XXXX-07 when unanchored
  std::string mod;       // START MID END APPROX BEFORE AFTER ... or ""
  bool anchored = true;  // false when relative and the document has no date
};

struct Place {
  std::uint32_t byte_begin = 0;
  std::uint32_t byte_end = 0;
  std::int64_t geonameid = 0;
  double lat = 0;
  double lon = 0;
  std::string country;  // ISO alpha-3
  std::string name;     // gazetteer name
  std::string feature;  // "country", "admin1", "city"
};

struct EventArgument {
  std::string text;
  std::string code;
  std::string sector;
  std::string entity_id;
  std::uint32_t byte_begin = 0;  // mention in the text
  std::uint32_t byte_end = 0;
};

struct AttributionLink {
  std::string text;
  std::string code;
  std::string kind;  // publication | source | person | organisation | government | ...
};

struct EventLocation {
  std::string text;
  std::string country;
  double lat = 0;
  double lon = 0;
  std::int64_t geonameid = 0;
};

struct Event {
  std::string id;
  std::string event;  // PLOVER 2.0 type
  std::string mode;
  std::vector<std::string> context;
  std::string cameo;  // string with leading zeros
  int quad = 0;
  double goldstein = 0;
  std::string certainty;  // asserted | future | hypothetical | negated | historical
  std::vector<EventArgument> actor;
  std::vector<EventArgument> recipient;
  std::string date;  // ISO (partial) date or ""
  // The report's date when the text gives none and the event is stated in the present or
  // present perfect ("has imposed sanctions"): when it can be assumed to hold. "" otherwise.
  std::string assumed_date;
  std::optional<EventLocation> location;
  std::vector<AttributionLink> attribution;  // outermost first
  std::uint32_t trigger_byte_begin = 0;
  std::uint32_t trigger_byte_end = 0;
  std::uint32_t sentence = 0;
  double confidence = 0;
};

struct Flag {
  std::string kind;  // anachronism | ...
  std::uint32_t byte_begin = 0;
  std::uint32_t byte_end = 0;
  std::string message;
};

class Doc;

// View of one token. Valid while its Doc lives and its token vector is unchanged.
class Token {
 public:
  Token(const Doc* doc, std::uint32_t index) : doc_(doc), index_(index) {}
  std::uint32_t index() const { return index_; }
  const TokenData& data() const;
  std::string_view text() const;

 private:
  const Doc* doc_;
  std::uint32_t index_;
};

// View of a half-open token range [begin, end).
class Span {
 public:
  Span(const Doc* doc, std::uint32_t token_begin, std::uint32_t token_end)
      : doc_(doc), begin_(token_begin), end_(token_end) {}
  std::uint32_t token_begin() const { return begin_; }
  std::uint32_t token_end() const { return end_; }
  std::uint32_t size() const { return end_ - begin_; }
  Token operator[](std::uint32_t i) const { return Token(doc_, begin_ + i); }
  // The text from the first token's start to the last token's end (empty for an empty span).
  std::string_view text() const;

 private:
  const Doc* doc_;
  std::uint32_t begin_;
  std::uint32_t end_;
};

class Doc {
 public:
  Doc() = default;
  Doc(std::string id, std::string text) : id(std::move(id)), text(std::move(text)) {}

  // Metadata.
  std::string id;
  std::string date;  // YYYY-MM-DD or "" when unknown
  std::string title;
  std::string url;
  std::string source;

  std::string text;  // NFC UTF-8

  // Layers.
  std::vector<TokenData> tokens;
  std::vector<SentenceData> sentences;
  std::vector<Entity> entities;
  std::vector<TimeExpr> times;
  std::vector<Place> places;
  std::vector<Event> events;
  std::vector<Flag> flags;

  // Views.
  Token token(std::uint32_t i) const { return Token(this, i); }
  Span sentence(std::uint32_t i) const {
    return Span(this, sentences[i].token_begin, sentences[i].token_end);
  }
  Span span(std::uint32_t token_begin, std::uint32_t token_end) const {
    return Span(this, token_begin, token_end);
  }
  std::string_view slice(std::uint32_t byte_begin, std::uint32_t byte_end) const {
    return std::string_view(text).substr(byte_begin, byte_end - byte_begin);
  }
  // Index of the sentence containing token i (binary search); sentences must be set.
  std::uint32_t SentenceOfToken(std::uint32_t token_index) const;

  // Code-point index of a byte offset into `text` (offset must be on a character boundary or
  // text.size()). O(log n + 64) after a one-off O(n) index build; the index is invalidated by
  // changing `text` only through ResetText().
  std::uint32_t CodePoint(std::uint32_t byte_offset) const;
  // Replaces the text and drops every layer.
  void ResetText(std::string new_text);

 private:
  // cp_checkpoints_[k] = number of code points in text[0, 64*k).
  mutable std::vector<std::uint32_t> cp_checkpoints_;
};

inline const TokenData& Token::data() const { return doc_->tokens[index_]; }
inline std::string_view Token::text() const {
  const TokenData& t = data();
  return doc_->slice(t.byte_begin, t.byte_end);
}
inline std::string_view Span::text() const {
  if (begin_ >= end_) return {};
  return doc_->slice(doc_->tokens[begin_].byte_begin, doc_->tokens[end_ - 1].byte_end);
}

}  // namespace newsgraph
