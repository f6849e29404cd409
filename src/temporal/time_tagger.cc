// The pipeline stage of src/temporal: fills Doc::times with the shared TimexRecognizer.
//
// The recogniser lexes the text itself (its grammar needs to see "p.m.", "9/5/23" and "mid-1990s"
// however the tokenizer split them), so tokens are used only for their tags (tense direction)
// and sentences only to bound the tense search.
#include "pipeline/stages.h"
#include "temporal/timex.h"

namespace newsgraph {
namespace {

class TimeTagger final : public Component {
 public:
  std::string_view Name() const override { return "temporal"; }
  LayerSet Requires() const override { return kLayerTokens | kLayerSentences; }
  LayerSet Assigns() const override { return kLayerTimes; }
  Status Process(Doc& doc) const override {
    doc.times.clear();
    temporal::SharedTimexRecognizer().Recognize(doc, &doc.times);
    return Status::Ok();
  }
};

}  // namespace

Result<std::unique_ptr<Component>> MakeTimeTagger(const PipelineConfig& /*config*/) {
  // Build the shared lexicon now, not on the first document.
  (void)temporal::SharedTimexRecognizer();
  return std::unique_ptr<Component>(std::make_unique<TimeTagger>());
}

}  // namespace newsgraph
