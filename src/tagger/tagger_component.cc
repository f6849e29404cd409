// The tagger as a pipeline stage: loads models/tagger.ngm once; Process() is const and shares
// the immutable model across threads.
#include <memory>

#include "core/model_file.h"
#include "pipeline/stages.h"
#include "tagger/tagger.h"

namespace newsgraph {
namespace {

class TaggerComponent : public Component {
 public:
  explicit TaggerComponent(std::unique_ptr<syntax::TaggerModel> model) : model_(std::move(model)) {}
  std::string_view Name() const override { return "tagger"; }
  LayerSet Requires() const override { return kLayerTokens | kLayerSentences; }
  LayerSet Assigns() const override { return kLayerTags | kLayerLemmas; }

  Status Process(Doc& doc) const override {
    thread_local std::vector<std::string_view> words;
    thread_local std::vector<int> classes;
    for (const SentenceData& s : doc.sentences) {
      words.clear();
      for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
        words.push_back(doc.slice(doc.tokens[i].byte_begin, doc.tokens[i].byte_end));
      }
      model_->Tag(words, classes);
      for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
        TokenData& t = doc.tokens[i];
        const int c = classes[i - s.token_begin];
        const syntax::TagClass& tc = model_->tag_class(c);
        t.upos = tc.upos;
        t.xpos = tc.xpos;
        t.feats = tc.feats;
        t.lemma = model_->Lemma(words[i - s.token_begin], c);
      }
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<syntax::TaggerModel> model_;
};

}  // namespace

Result<std::unique_ptr<Component>> MakeTagger(const PipelineConfig& config) {
  const std::string path =
      config.model_dir.empty() ? FindDataFile("models/tagger.ngm") : config.model_dir + "/tagger.ngm";
  auto model = syntax::TaggerModel::Load(path);
  if (!model.ok()) return model.status();
  return std::unique_ptr<Component>(std::make_unique<TaggerComponent>(std::move(model).value()));
}

}  // namespace newsgraph
