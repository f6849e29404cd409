// Pipeline: an ordered list of components built from one configuration in one place.
//
// Each Component declares the layers it requires and the layers it assigns; Pipeline::Build
// checks that every requirement is assigned by an earlier component and refuses otherwise.
// Components and the models they hold are immutable after construction and shared by all
// threads: Process() is const and may run concurrently on different Docs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph {

enum Layer : std::uint32_t {
  kLayerTokens = 1u << 0,
  kLayerSentences = 1u << 1,
  kLayerTags = 1u << 2,  // upos, xpos, feats
  kLayerLemmas = 1u << 3,
  kLayerDeps = 1u << 4,  // head, deprel
  kLayerEntities = 1u << 5,
  kLayerTimes = 1u << 6,
  kLayerPlaces = 1u << 7,
  kLayerActors = 1u << 8,  // Entity::actor
  kLayerEvents = 1u << 9,
  kLayerFlags = 1u << 10,
};
using LayerSet = std::uint32_t;

class Component {
 public:
  virtual ~Component() = default;
  virtual std::string_view Name() const = 0;
  virtual LayerSet Requires() const = 0;
  virtual LayerSet Assigns() const = 0;
  virtual Status Process(Doc& doc) const = 0;
};

struct PipelineConfig {
  // Directory holding the shipped model files (tagger.ngm, parser.ngm, ner.ngm).
  std::string model_dir;
  // Compiled knowledge base file; "" = the default location.
  std::string kb_path;
  // Stop after this stage: "segment", "tag", "parse", "ner", "full" (default).
  std::string until = "full";
  // Replace invalid UTF-8 by U+FFFD instead of rejecting the document.
  bool repair_utf8 = false;
  // Documents larger than this many bytes are rejected with E103.
  std::uint64_t max_document_bytes = 20u << 20;
  // Input is pre-tokenized (CoNLL-U / CoNLL): skip tokenization and sentence splitting.
  bool pretokenized = false;
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Build(const PipelineConfig& config);

  // Runs every component in order. On error the Doc is left partially annotated.
  Status Process(Doc& doc) const;

  std::vector<std::string_view> ComponentNames() const;
  const PipelineConfig& config() const { return config_; }

  explicit Pipeline(PipelineConfig config) : config_(std::move(config)) {}
  void Add(std::unique_ptr<Component> component) { components_.push_back(std::move(component)); }

 private:
  PipelineConfig config_;
  std::vector<std::unique_ptr<Component>> components_;
};

}  // namespace newsgraph
