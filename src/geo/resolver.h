// ToponymResolver: picks the place each toponym mention of a document refers to.
//
// It represents the resolution policy (weights of the population prior, of document context and
// of explicit qualifiers) over a Gazetteer it borrows; the algorithm is described at the top of
// resolver.cc and in docs/stages/geo.md. The pipeline component (MakePlaceResolver) and
// `newsgraph eval geo` both call Resolve(): the component with NER entities, the evaluation
// with gold toponym spans.
//
// Thread safety: immutable after construction; Resolve() is const and may run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geo/gazetteer.h"
#include "newsgraph/doc.h"

namespace newsgraph::geo {

struct ToponymMention {
  std::uint32_t byte_begin = 0;  // into the document text
  std::uint32_t byte_end = 0;
  enum class Kind : std::uint8_t {
    kLocation,     // LOC entity or gold toponym: resolve whenever the gazetteer knows the name
    kOther,        // ORG/MISC entity: resolve only strong senses (countries, capitals, regions)
    kContextOnly,  // nationality adjective ("North Korean"): country context, no place
  } kind = Kind::kLocation;
  // Accept demonyms as names of their country ("Turkish" -> Turkey; TR-News counts them).
  bool resolve_demonyms = false;
};

struct ResolvedPlace {
  std::uint32_t record = kNoIndex;  // into the gazetteer
  double score = 0;                 // winning score
  double margin = 0;                // over the runner-up (large = confident)
};

struct ResolverOptions {
  // Weights (see resolver.cc). Defaults were set by reasoning and checked, sparingly, on the
  // GeoVirus / TR-News dev sets.
  double country_context = 2.5;
  double main_country = 1.0;
  double admin1_context = 2.0;
  double proximity = 1.5;
  double qualifier_match = 8.0;
  double qualifier_miss = -4.0;
  double dateline_weight = 3.0;
  bool use_dateline = true;
};

class ToponymResolver {
 public:
  explicit ToponymResolver(const Gazetteer& gazetteer, ResolverOptions options = {})
      : gazetteer_(gazetteer), options_(options) {}

  // One result per mention (nullopt when unresolved or context-only).
  std::vector<std::optional<ResolvedPlace>> Resolve(std::string_view text,
                                                    std::span<const ToponymMention> mentions) const;

  // A Doc place for a resolved mention.
  Place ToPlace(const ToponymMention& mention, const ResolvedPlace& resolved) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  const Gazetteer& gazetteer_;
  ResolverOptions options_;
};

// "country", "admin1", "city", "continent".
std::string_view PlaceKindName(PlaceKind kind);

}  // namespace newsgraph::geo
