// PlaceResolverComponent: the pipeline stage that turns place-like entities into Doc::places
// (geonameid, point, ISO alpha-3 country, gazetteer name and kind) with ToponymResolver.
//
// Which entities are looked at: LOC always; ORG/MISC only when the gazetteer knows the name as a
// country, region, continent, capital or city of a million ("Washington said"); nationality
// adjectives (Entity::norp, "North Korean") only as country context, never as places.
//
// Thread safety: immutable after Load(); Process() is const and may run concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "geo/gazetteer.h"
#include "geo/resolver.h"
#include "newsgraph/pipeline.h"

namespace newsgraph {
class KbFile;
namespace geo {

class PlaceResolverComponent final : public Component {
 public:
  // Opens the knowledge base at `kb_path` ("" = FindDataFile("knowledge/newsgraph.kb")) and uses
  // its "places" section; without a knowledge-base file, compiles knowledge/places in process.
  static Result<std::unique_ptr<PlaceResolverComponent>> Load(const std::string& kb_path);
  // For tests and benchmarks.
  static std::unique_ptr<PlaceResolverComponent> FromGazetteer(std::unique_ptr<Gazetteer> gazetteer);
  ~PlaceResolverComponent() override;

  std::string_view Name() const override { return "places"; }
  LayerSet Requires() const override { return kLayerEntities; }
  LayerSet Assigns() const override { return kLayerPlaces; }
  Status Process(Doc& doc) const override;

  const Gazetteer& gazetteer() const { return *gazetteer_; }
  const ToponymResolver& resolver() const { return *resolver_; }
  // The mentions Process() resolves for a Doc's entities.
  static std::vector<ToponymMention> MentionsOf(const Doc& doc);

 private:
  PlaceResolverComponent() = default;
  std::unique_ptr<KbFile> kb_;  // keeps the mapping the gazetteer reads
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<ToponymResolver> resolver_;
};

}  // namespace geo
}  // namespace newsgraph
