#include "text/segmenter.h"

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/stages.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace newsgraph {
namespace text {
namespace {

// Per-thread scratch so segmenting a stream of documents allocates nothing per document beyond
// the Doc's own vectors.
struct Scratch {
  std::vector<TokenSpan> tokens;
  std::vector<SentenceSpan> sentences;
};
Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

void CopySentences(const std::vector<SentenceSpan>& spans, Doc& doc) {
  doc.sentences.resize(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    SentenceData& s = doc.sentences[i];
    s.token_begin = spans[i].token_begin;
    s.token_end = spans[i].token_end;
    s.byte_begin = spans[i].byte_begin;
    s.byte_end = spans[i].byte_end;
  }
}

// Sentences for tokens someone else made: rebuild the spans (with abbreviation periods guessed
// from the text, since the tokenizer did not classify them) and split without touching them.
void AddSentencesToTokens(Doc& doc, Scratch& scratch) {
  scratch.tokens.resize(doc.tokens.size());
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
    const TokenData& t = doc.tokens[i];
    TokenSpan& s = scratch.tokens[i];
    s.byte_begin = t.byte_begin;
    s.byte_end = t.byte_end;
    s.cp_begin = t.cp_begin;
    s.cp_end = t.cp_end;
    s.flags = t.space_after ? kTokenSpaceAfter : 0;
    s.abbrev = AbbrevKind::kNone;
    const std::string_view form = doc.slice(t.byte_begin, t.byte_end);
    if (form.size() >= 2 && form.back() == '.' && form.find_first_not_of('.') != form.npos) {
      s.abbrev = AbbrevKind::kOther;
    }
  }
  SplitSentences(doc.text, &scratch.tokens, &scratch.sentences, /*detach_periods=*/false);
  CopySentences(scratch.sentences, doc);
}

}  // namespace

Status SegmentDoc(Doc& doc) {
  if (doc.text.size() > std::numeric_limits<std::uint32_t>::max() - 1) {
    return Status(ErrorCode::kDocumentTooLarge,
                  "document '" + doc.id + "' exceeds 4 GiB, which the tokenizer cannot index");
  }
  Scratch& scratch = ThreadScratch();
  if (!doc.tokens.empty()) {
    if (doc.sentences.empty()) AddSentencesToTokens(doc, scratch);
    return Status::Ok();
  }
  Segment(doc.text, &scratch.tokens, &scratch.sentences);
  doc.tokens.resize(scratch.tokens.size());
  for (std::size_t i = 0; i < scratch.tokens.size(); ++i) {
    const TokenSpan& s = scratch.tokens[i];
    TokenData& t = doc.tokens[i];
    t.byte_begin = s.byte_begin;
    t.byte_end = s.byte_end;
    t.cp_begin = s.cp_begin;
    t.cp_end = s.cp_end;
    t.space_after = s.space_after();
  }
  CopySentences(scratch.sentences, doc);
  return Status::Ok();
}

namespace {

class SegmenterComponent final : public Component {
 public:
  std::string_view Name() const override { return "segmenter"; }
  LayerSet Requires() const override { return 0; }
  LayerSet Assigns() const override { return kLayerTokens | kLayerSentences; }
  Status Process(Doc& doc) const override { return SegmentDoc(doc); }
};

}  // namespace
}  // namespace text

Result<std::unique_ptr<Component>> MakeSegmenter(const PipelineConfig& /*config*/) {
  return std::unique_ptr<Component>(std::make_unique<text::SegmenterComponent>());
}

}  // namespace newsgraph
