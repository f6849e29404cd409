// Pipeline::Build is the one place where the stages are put together, in this order:
//   segmenter → tagger → parser → entity recognizer → actor resolver → time tagger →
//   place resolver → event coder → checker.
// `until` cuts the list short (segment, tag, parse, ner, full) so cheap jobs (segment, eval of a
// single stage) do not load models they do not need.
#include "newsgraph/pipeline.h"

#include <exception>
#include <string>

#include "pipeline/stages.h"

namespace newsgraph {
namespace {

using Factory = Result<std::unique_ptr<Component>> (*)(const PipelineConfig&);

struct StageEntry {
  const char* last_of;  // the `until` value that ends the pipeline after this stage, or nullptr
  Factory make;
};

std::string LayerNames(LayerSet set) {
  static const char* kNames[] = {"tokens", "sentences", "tags",   "lemmas", "deps", "entities",
                                 "times",  "places",    "actors", "events", "flags"};
  std::string out;
  for (unsigned i = 0; i < sizeof(kNames) / sizeof(kNames[0]); ++i) {
    if (set & (1u << i)) {
      if (!out.empty()) out += ", ";
      out += kNames[i];
    }
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Build(const PipelineConfig& config) {
  static const StageEntry kStages[] = {
      {"segment", &MakeSegmenter},    {"tag", &MakeTagger},          {"parse", &MakeParser},
      {"ner", &MakeEntityRecognizer}, {nullptr, &MakeActorResolver}, {nullptr, &MakeTimeTagger},
      {nullptr, &MakePlaceResolver},  {nullptr, &MakeEventCoder},    {nullptr, &MakeChecker},
  };
  const std::string until = config.until.empty() ? "full" : config.until;
  if (until != "segment" && until != "tag" && until != "parse" && until != "ner" && until != "full") {
    return Status(ErrorCode::kUsage, "unknown pipeline end '" + until + "' (segment, tag, parse, ner, full)");
  }
  auto pipeline = std::make_unique<Pipeline>(config);
  LayerSet assigned = config.pretokenized ? (kLayerTokens | kLayerSentences) : 0;
  for (const StageEntry& stage : kStages) {
    auto component = stage.make(config);
    if (!component.ok()) return component.status();
    const LayerSet missing = (*component)->Requires() & ~assigned;
    if (missing != 0) {
      return Status(ErrorCode::kInternal,
                    "pipeline stage '" + std::string((*component)->Name()) +
                        "' requires layers no earlier stage assigns: " + LayerNames(missing));
    }
    assigned |= (*component)->Assigns();
    pipeline->Add(std::move(component).value());
    if (stage.last_of != nullptr && until == stage.last_of) break;
  }
  return pipeline;
}

Status Pipeline::Process(Doc& doc) const {
  for (const auto& component : components_) {
    Status status;
    try {
      status = component->Process(doc);
    } catch (const std::exception& e) {
      // A component must not throw; if one does, the document fails and the batch goes on.
      status = Status(ErrorCode::kInternal, "stage '" + std::string(component->Name()) + "' failed on doc '" +
                                                doc.id + "': " + e.what());
    }
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

std::vector<std::string_view> Pipeline::ComponentNames() const {
  std::vector<std::string_view> names;
  for (const auto& component : components_) names.push_back(component->Name());
  return names;
}

}  // namespace newsgraph
