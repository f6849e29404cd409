// MakeEntityRecognizer: the pipeline stage around NerModel. The model is loaded once per
// pipeline (a few hundred milliseconds) and shared read-only by every worker thread; tags from the
// tagger are not used, so this stage needs only tokens and sentences and can run right after the
// segmenter (the decision and its measurement are in docs/MODELS.md).
#include "ner/entity_recognizer.h"

#include <memory>

#include "core/model_file.h"
#include "pipeline/stages.h"

namespace newsgraph {
namespace ner {

Status Annotate(const NerModel& model, Doc& doc) {
  DocWords words;
  words.words.reserve(doc.tokens.size());
  for (const TokenData& t : doc.tokens) {
    if (t.byte_end < t.byte_begin || t.byte_end > doc.text.size()) {
      return Status(ErrorCode::kInternal, "doc '" + doc.id + "': token offsets outside the text");
    }
    words.words.push_back(doc.slice(t.byte_begin, t.byte_end));
  }
  for (const SentenceData& s : doc.sentences) {
    if (s.token_end <= s.token_begin || s.token_begin >= doc.tokens.size()) continue;
    if (!words.sentence_starts.empty() && s.token_begin <= words.sentence_starts.back()) continue;
    words.sentence_starts.push_back(s.token_begin);
  }
  if (words.sentence_starts.empty() || words.sentence_starts.front() != 0) {
    words.sentence_starts.insert(words.sentence_starts.begin(), 0);
  }
  doc.entities.clear();
  if (doc.tokens.empty()) return Status::Ok();
  std::vector<int> labels;
  model.Label(words, labels);
  const std::vector<std::string> iob = ToIob2(labels);
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) doc.tokens[i].ner = iob[i];
  for (EntitySpan& span : model.Entities(words, labels)) {
    Entity e;
    e.token_begin = span.begin;
    e.token_end = span.end;
    e.byte_begin = doc.tokens[span.begin].byte_begin;
    e.byte_end = doc.tokens[span.end - 1].byte_end;
    e.label = std::string(kTypeNames[span.type]);
    e.norp = span.norp;
    e.subtype = std::move(span.subtype);
    doc.entities.push_back(std::move(e));
  }
  return Status::Ok();
}

namespace {

class EntityRecognizer : public Component {
 public:
  explicit EntityRecognizer(std::unique_ptr<NerModel> model) : model_(std::move(model)) {}
  std::string_view Name() const override { return "ner"; }
  LayerSet Requires() const override { return kLayerTokens | kLayerSentences; }
  LayerSet Assigns() const override { return kLayerEntities; }
  Status Process(Doc& doc) const override { return Annotate(*model_, doc); }

 private:
  std::unique_ptr<NerModel> model_;
};

}  // namespace
}  // namespace ner

Result<std::unique_ptr<Component>> MakeEntityRecognizer(const PipelineConfig& config) {
  const std::string path =
      config.model_dir.empty() ? FindDataFile("models/ner.ngm") : config.model_dir + "/ner.ngm";
  auto model = ner::NerModel::Load(path);
  if (!model.ok()) return model.status();
  return std::unique_ptr<Component>(std::make_unique<ner::EntityRecognizer>(std::move(model).value()));
}

}  // namespace newsgraph
