// The parser as a pipeline stage: loads models/parser.ngm once; Process() is const and shares
// the immutable model across threads.
#include <memory>

#include "core/model_file.h"
#include "parser/parser.h"
#include "pipeline/stages.h"

namespace newsgraph {
namespace {

class ParserComponent : public Component {
 public:
  explicit ParserComponent(std::unique_ptr<syntax::ParserModel> model) : model_(std::move(model)) {}
  std::string_view Name() const override { return "parser"; }
  LayerSet Requires() const override { return kLayerTokens | kLayerSentences | kLayerTags; }
  LayerSet Assigns() const override { return kLayerDeps; }

  Status Process(Doc& doc) const override {
    thread_local std::vector<std::string_view> forms, tags;
    thread_local std::vector<int> heads, labels;
    for (const SentenceData& s : doc.sentences) {
      forms.clear();
      tags.clear();
      for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
        forms.push_back(doc.slice(doc.tokens[i].byte_begin, doc.tokens[i].byte_end));
        tags.push_back(doc.tokens[i].xpos);
      }
      model_->Parse(forms, tags, heads, labels);
      for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
        TokenData& t = doc.tokens[i];
        t.head = heads[i - s.token_begin];
        t.deprel = model_->label(labels[i - s.token_begin]);
      }
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<syntax::ParserModel> model_;
};

}  // namespace

Result<std::unique_ptr<Component>> MakeParser(const PipelineConfig& config) {
  const std::string path =
      config.model_dir.empty() ? FindDataFile("models/parser.ngm") : config.model_dir + "/parser.ngm";
  auto model = syntax::ParserModel::Load(path);
  if (!model.ok()) return model.status();
  return std::unique_ptr<Component>(std::make_unique<ParserComponent>(std::move(model).value()));
}

}  // namespace newsgraph
