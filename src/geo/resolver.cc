// Toponym resolution: choosing, for every place name in a document, the gazetteer entry it
// refers to.
//
// The problem. "Paris" names 40-odd GeoNames places, "Georgia" a country and a US state,
// "Washington" a capital, a state and dozens of towns. A news reader settles these from (1) what
// is famous, (2) what else the article talks about, and (3) explicit qualifiers ("Paris, Texas").
// Neural geoparsers learn the same cues from Wikipedia; we encode them as a small additive score,
// which is fast (microseconds per document), explainable, and needs no 10 GB Elasticsearch
// gazetteer.
//
// The score of candidate c for the mentions that share one normalised name (one sense per
// document: every "Paris" of an article gets the same answer) is
//
//   prior(c)              countries 10, continents 9.5, hand-written regions/seas 8.5,
//                         admin1 regions 6 + 0.4 log10(pop),
//                         cities log10(pop) + 3 for national capitals, +1 for regional seats,
//                         +0.3 for county seats, -1.5 for city sections (PPLX);
//                         -1.5 when the name is only a GeoNames alternative name of c (-3
//                         when another place bears it as its main name); -5 for a region or
//                         city named like its own country (the State of Mexico)
// + qualifier             +8 when a mention is followed by ", <region or country>" (or written
//                         "Paris, Texas") that contains c, -4 when it does not
// + country context       up to +2.5 when other names of the article (or its dateline,
//                         "MOSCOW (Reuters) -") resolve into c's country; demonyms count too;
//                         +1 more when that is the article's main country
// + region context        +2 when another name resolves to c's admin1 region (or, for a
//                         region candidate, to a city inside it)
// + proximity             +1.5 / +0.75 when another resolved city or region lies within 200 /
//                         500 km
//
// Context depends on the other names' answers, so resolution iterates: round 0 seeds the
// context with what is nearly certain (names whose best prior is a country, unambiguous names,
// the dateline, demonyms); rounds 1-2 recompute every answer from the previous round's answers
// of the *other* names (a name never supports itself). Three rounds settle in practice; the
// order of names does not matter because each round reads only the previous one.
//
// Names the gazetteer does not know are retried without leading direction words ("northern
// Syria"), without trailing generic words ("Hubei province"), and as "X of Y" -> Y ("the Pacific
// Coast of Russia" -> Russia), which trades precision of the point for recall of the country.
#include "geo/resolver.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

namespace newsgraph::geo {
namespace {

constexpr std::size_t kMaxCandidates = 40;

struct Group {
  std::string key;
  std::vector<std::size_t> mentions;
  std::vector<Candidate> candidates;
  std::vector<double> base;               // prior + match adjustment + qualifier
  std::vector<std::uint32_t> qualifiers;  // admin1/country records named as qualifiers
  bool strict = true;                     // every mention is kOther
  bool context_only = true;               // every mention is kContextOnly
  int chosen = -1;
  double score = 0;
  double margin = 0;
};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsWordChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '-' || c == '\'' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Capitalised words starting at `pos` (up to `max_words`), as the list of prefixes' ends.
std::vector<std::size_t> CapitalisedRun(std::string_view text, std::size_t pos, int max_words) {
  std::vector<std::size_t> ends;
  std::size_t i = pos;
  for (int w = 0; w < max_words && i < text.size(); ++w) {
    const bool lower_joiner = text.substr(i).starts_with("of ") || text.substr(i).starts_with("and ");
    if (!IsUpper(text[i]) && !lower_joiner) break;
    std::size_t j = i;
    while (j < text.size() && IsWordChar(text[j])) ++j;
    if (j == i) break;
    if (!lower_joiner) ends.push_back(j);
    if (j >= text.size() || text[j] != ' ') break;
    i = j + 1;
  }
  return ends;
}

double Prior(const PlaceRecord& r, NameMatch match) {
  double p = 0;
  const double pop = std::log10(1.0 + r.population);
  switch (r.kind) {
    case PlaceKind::kCountry:
      p = 10 + 0.1 * pop;
      break;
    case PlaceKind::kContinent:
      p = 9.5;
      break;
    case PlaceKind::kRegion:
      p = 8.5;
      break;
    case PlaceKind::kAdmin1:
      p = 6 + 0.4 * pop;
      break;
    case PlaceKind::kCity:
      p = pop;
      switch (r.feature) {
        case CityFeature::kCapital:
          p += 3;
          break;
        case CityFeature::kAdmin1Seat:
          p += 1;
          break;
        case CityFeature::kAdmin2Seat:
          p += 0.3;
          break;
        case CityFeature::kSection:
          p -= 1.5;
          break;
        default:
          break;
      }
      break;
  }
  if (match == NameMatch::kAlternate) p -= 1.5;
  return p;
}

bool Contains(const Gazetteer& g, std::uint32_t container, std::uint32_t place) {
  if (container == place) return true;
  const PlaceRecord c = g.record(container);
  const PlaceRecord p = g.record(place);
  if (c.kind == PlaceKind::kCountry) return p.country_index == container;
  if (c.kind == PlaceKind::kAdmin1) return p.admin1_index == container;
  return false;
}

std::string CountryOf(const PlaceRecord& r) {
  if (r.country[0] == '\0') return {};  // continents, international regions and seas
  return std::string(r.country, 3);
}

const std::array<std::string_view, 22> kLeadingWords = {
    "north ",     "south ",        "east ",         "west ",         "northern ",     "southern ",
    "eastern ",   "western ",      "central ",      "northeast ",    "northwest ",    "southeast ",
    "southwest ", "northeastern ", "northwestern ", "southeastern ", "southwestern ", "greater ",
    "downtown ",  "upstate ",      "metropolitan ", "rural "};
const std::array<std::string_view, 12> kTrailingWords = {
    " province",   " state",       " county", " city",         " region", " district",
    " prefecture", " governorate", " oblast", " municipality", " island", " islands"};

// Names of institutions that contain a place ("Bank of England", "Times of India").
bool IsInstitution(std::string_view key) {
  static constexpr std::string_view kWords[] = {
      "university", "college",  "school",     "bank",   "times",       "voice",   "corporation",
      "company",    "ministry", "institute",  "museum", "hospital",    "church",  "council",
      "party",      "airport",  "government", "league", "association", "academy", "court"};
  for (std::string_view w : kWords) {
    const std::size_t at = key.find(w);
    if (at != std::string_view::npos && (at == 0 || key[at - 1] == ' ')) return true;
  }
  return false;
}

}  // namespace

std::string_view PlaceKindName(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCountry:
      return "country";
    case PlaceKind::kAdmin1:
      return "admin1";
    case PlaceKind::kContinent:
      return "continent";
    case PlaceKind::kRegion:
      return "region";
    case PlaceKind::kCity:
      return "city";
  }
  return "city";
}

std::vector<std::optional<ResolvedPlace>> ToponymResolver::Resolve(
    std::string_view text, std::span<const ToponymMention> mentions) const {
  const Gazetteer& g = gazetteer_;
  std::vector<std::optional<ResolvedPlace>> results(mentions.size());
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> group_of_key;
  std::vector<Candidate> scratch;

  // Qualifier places (regions and countries) named by capitalised words starting at `pos`.
  auto qualifier_at = [&](std::size_t pos, std::vector<std::uint32_t>& out) {
    const auto ends = CapitalisedRun(text, pos, 4);
    for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
      g.Lookup(text.substr(pos, *it - pos), scratch);
      bool found = false;
      for (const auto& c : scratch) {
        const PlaceRecord r = g.record(c.record);
        if ((r.kind == PlaceKind::kAdmin1 || r.kind == PlaceKind::kCountry) &&
            c.match != NameMatch::kDemonym && c.match != NameMatch::kStop) {
          out.push_back(c.record);
          found = true;
        }
      }
      if (found) return true;
    }
    return false;
  };

  // ---- group mentions by normalised name, with fallbacks for unknown names ----
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const ToponymMention& m = mentions[i];
    if (m.byte_begin >= m.byte_end || m.byte_end > text.size()) continue;
    std::string_view surface = text.substr(m.byte_begin, m.byte_end - m.byte_begin);
    std::vector<std::uint32_t> qualifiers;
    // "Paris, Texas" inside the span: the head is the name, the rest qualifies it.
    if (const auto comma = surface.find(','); comma != std::string_view::npos && comma > 0) {
      std::size_t q = comma + 1;
      while (q < surface.size() && surface[q] == ' ') ++q;
      qualifier_at(m.byte_begin + q, qualifiers);
      surface = surface.substr(0, comma);
    }
    // "Paris, Texas" where only "Paris" is the mention.
    {
      std::size_t p = m.byte_end;
      if (p + 2 < text.size() && text[p] == ',' && text[p + 1] == ' ') {
        qualifier_at(p + 2, qualifiers);
      }
    }
    const bool demonyms = m.resolve_demonyms || m.kind == ToponymMention::Kind::kContextOnly;
    auto candidates_for = [&](const std::string& key, std::vector<Candidate>& out) {
      g.Lookup(key, out, /*normalised=*/true);
      if (!demonyms) {
        out.erase(std::remove_if(out.begin(), out.end(),
                                 [](const Candidate& c) { return c.match == NameMatch::kDemonym; }),
                  out.end());
      }
      if (out.size() > kMaxCandidates) out.resize(kMaxCandidates);
    };
    std::string key = NormalizePlaceName(surface);
    std::vector<Candidate> cands;
    candidates_for(key, cands);
    if (cands.empty() && demonyms && key.size() > 1 && key.back() == 's') {
      std::string singular = key.substr(0, key.size() - 1);  // "Russians" -> "russian"
      candidates_for(singular, cands);
      // Only a demonym may lose its plural "s": "Americas" is not "America".
      cands.erase(std::remove_if(cands.begin(), cands.end(),
                                 [](const Candidate& c) { return c.match != NameMatch::kDemonym; }),
                  cands.end());
      if (!cands.empty()) key = singular;
    }
    if (cands.empty()) {
      for (auto w : kLeadingWords) {
        if (key.starts_with(w)) {
          std::string rest = key.substr(w.size());
          candidates_for(rest, cands);
          if (!cands.empty()) key = rest;
          break;
        }
      }
    }
    if (cands.empty()) {
      for (auto w : kTrailingWords) {
        if (key.size() > w.size() && key.ends_with(w)) {
          std::string rest = key.substr(0, key.size() - w.size());
          candidates_for(rest, cands);
          if (!cands.empty()) key = rest;
          break;
        }
      }
    }
    if (cands.empty() && m.kind == ToponymMention::Kind::kLocation && !IsInstitution(key)) {
      // "Pacific Coast of Russia" (inside the span) or "Pacific Coast" + " of Russia" after it;
      // only for place mentions: "University of California" is not California.
      std::vector<std::uint32_t> of_places;
      if (const auto of = key.rfind(" of "); of != std::string::npos) {
        std::string rest = key.substr(of + 4);
        g.Lookup(rest, scratch, true);
        for (const auto& c : scratch) {
          const auto kind = g.record(c.record).kind;
          if ((kind == PlaceKind::kCountry || kind == PlaceKind::kAdmin1) && c.match != NameMatch::kStop &&
              c.match != NameMatch::kDemonym) {
            cands.push_back(c);
          }
        }
        if (!cands.empty()) key = "of:" + rest;
      } else if (m.byte_end + 4 < text.size() && text.substr(m.byte_end, 4) == " of ") {
        if (qualifier_at(m.byte_end + 4, of_places)) {
          for (auto r : of_places) cands.push_back({r, NameMatch::kName});
          key = "of:" + key;
        }
      }
    }
    if (std::any_of(cands.begin(), cands.end(),
                    [](const Candidate& c) { return c.match == NameMatch::kStop; })) {
      continue;  // names.tsv says this is never a place
    }
    if (cands.empty()) continue;
    // A GeoNames alternative name never beats the main name of a country, continent or region:
    // "Mexico" is the country even though it is also an alternative name of Mexico City.
    const bool primary_area = std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) {
      const auto kind = g.record(c.record).kind;
      return kind != PlaceKind::kCity && c.match != NameMatch::kAlternate;
    });
    if (primary_area) {
      cands.erase(std::remove_if(cands.begin(), cands.end(),
                                 [&](const Candidate& c) {
                                   return c.match == NameMatch::kAlternate &&
                                          g.record(c.record).kind == PlaceKind::kCity;
                                 }),
                  cands.end());
    }

    auto [it, inserted] = group_of_key.try_emplace(key, groups.size());
    if (inserted) {
      Group grp;
      grp.key = key;
      grp.candidates = std::move(cands);
      groups.push_back(std::move(grp));
    }
    Group& grp = groups[it->second];
    grp.mentions.push_back(i);
    if (m.kind != ToponymMention::Kind::kOther) grp.strict = false;
    if (m.kind != ToponymMention::Kind::kContextOnly) grp.context_only = false;
    grp.qualifiers.insert(grp.qualifiers.end(), qualifiers.begin(), qualifiers.end());
  }

  // ---- base scores: prior, match kind, qualifiers ----
  for (auto& grp : groups) {
    grp.base.resize(grp.candidates.size());
    // Places that bear a country's name inside that country (the State of Mexico, Taiwan
    // Province, Luxembourg City) yield to the country itself unless qualified.
    std::vector<std::string> named_countries;
    bool main_name_match = false;
    for (const auto& c : grp.candidates) {
      const PlaceRecord r = g.record(c.record);
      if (r.kind == PlaceKind::kCountry) named_countries.push_back(CountryOf(r));
      main_name_match = main_name_match || c.match != NameMatch::kAlternate;
    }
    for (std::size_t k = 0; k < grp.candidates.size(); ++k) {
      const auto& c = grp.candidates[k];
      const PlaceRecord rec = g.record(c.record);
      double s = Prior(rec, c.match);
      // An exonym or old name weighs less when some place bears the name as its own
      // ("Franklin" the town, not Columbus).
      if (c.match == NameMatch::kAlternate && main_name_match) s -= 1.5;
      if (rec.kind != PlaceKind::kCountry && std::find(named_countries.begin(), named_countries.end(),
                                                       CountryOf(rec)) != named_countries.end()) {
        s -= 5;
      }
      if (!grp.qualifiers.empty()) {
        bool inside = false;
        for (auto q : grp.qualifiers) inside = inside || Contains(g, q, c.record);
        s += inside ? options_.qualifier_match : options_.qualifier_miss;
      }
      grp.base[k] = s;
    }
  }

  // ---- dateline ("MOSCOW (Reuters) -", "SEOUL, South Korea (AP) —") ----
  std::string dateline_country;
  double dateline_lat = 0, dateline_lon = 0;
  bool dateline_point = false;
  if (options_.use_dateline && !text.empty()) {
    std::size_t j = 0;
    while (j < text.size() && j < 40 &&
           (IsUpper(text[j]) || text[j] == ' ' || text[j] == '.' || text[j] == '-' || text[j] == '\'')) {
      ++j;
    }
    std::string_view head = text.substr(0, j);
    while (!head.empty() && (head.back() == ' ' || head.back() == '-')) head.remove_suffix(1);
    std::size_t letters = 0;
    for (char c : head) letters += IsUpper(c) ? 1 : 0;
    const std::string_view rest = text.substr(j);
    const bool marker = rest.starts_with(",") || rest.starts_with("(") || rest.starts_with("\xE2\x80\x94") ||
                        rest.starts_with("\xE2\x80\x93") || rest.starts_with("- ") || rest.starts_with(":");
    // A dateline is an all-capitals place name of 3+ letters followed by a marker; "U.S." style
    // sentence openings are rejected by the letter count.
    if (letters >= 3 && marker) {
      std::vector<std::uint32_t> quals;
      if (rest.starts_with(",")) {
        std::size_t q = j + 1;
        while (q < text.size() && text[q] == ' ') ++q;
        qualifier_at(q, quals);
      }
      g.Lookup(head, scratch);
      double best = -1e9;
      std::uint32_t best_record = kNoIndex;
      for (const auto& c : scratch) {
        if (c.match == NameMatch::kDemonym || c.match == NameMatch::kStop) continue;
        double s = Prior(g.record(c.record), c.match);
        if (!quals.empty()) {
          bool inside = false;
          for (auto q : quals) inside = inside || Contains(g, q, c.record);
          s += inside ? options_.qualifier_match : options_.qualifier_miss;
        }
        if (s > best) {
          best = s;
          best_record = c.record;
        }
      }
      if (best_record != kNoIndex) {
        const PlaceRecord r = g.record(best_record);
        dateline_country = CountryOf(r);
        if (r.kind == PlaceKind::kCity || r.kind == PlaceKind::kAdmin1) {
          dateline_point = true;
          dateline_lat = r.lat;
          dateline_lon = r.lon;
        }
      }
    }
  }

  // ---- iterate: context from the other names' answers ----
  const std::size_t n = groups.size();
  std::vector<std::uint32_t> answer(n, kNoIndex);  // previous round's record per group
  // Round 0 seeds: nearly certain names.
  for (std::size_t gi = 0; gi < n; ++gi) {
    const auto& grp = groups[gi];
    std::size_t best = 0;
    for (std::size_t k = 1; k < grp.candidates.size(); ++k) {
      if (grp.base[k] > grp.base[best]) best = k;
    }
    const PlaceRecord r = g.record(grp.candidates[best].record);
    const bool certain = grp.candidates.size() == 1 || r.kind == PlaceKind::kCountry || grp.context_only ||
                         !grp.qualifiers.empty();
    if (certain) answer[gi] = grp.candidates[best].record;
  }

  for (int round = 0; round < 3; ++round) {
    // Country weights of all answers; each group subtracts its own contribution below.
    std::map<std::string, double> country_weight;
    for (std::size_t gi = 0; gi < n; ++gi) {
      if (answer[gi] == kNoIndex) continue;
      country_weight[CountryOf(g.record(answer[gi]))] += 1.0;
    }
    if (!dateline_country.empty()) country_weight[dateline_country] += options_.dateline_weight;

    // The article's main country (most mentions, dateline included), if any.
    std::string main_country;
    double main_weight = 0;
    for (const auto& [country, w] : country_weight) {
      if (!country.empty() && w > main_weight) {
        main_weight = w;
        main_country = country;
      }
    }

    std::vector<std::uint32_t> next(n, kNoIndex);
    for (std::size_t gi = 0; gi < n; ++gi) {
      Group& grp = groups[gi];
      const std::string own_country =
          answer[gi] == kNoIndex ? std::string() : CountryOf(g.record(answer[gi]));
      double best_score = -1e9, second = -1e9;
      int best = -1;
      for (std::size_t k = 0; k < grp.candidates.size(); ++k) {
        const std::uint32_t rec = grp.candidates[k].record;
        const PlaceRecord r = g.record(rec);
        double s = grp.base[k];
        const std::string country = CountryOf(r);
        if (!country.empty()) {
          auto it = country_weight.find(country);
          double w = it == country_weight.end() ? 0.0 : it->second;
          if (country == own_country) w -= 1.0;
          if (w > 0) {
            const double scale = r.kind == PlaceKind::kCountry ? 0.4 : 1.0;
            s += scale * options_.country_context * std::min(1.0, w / 2.0);
            if (country == main_country && r.kind != PlaceKind::kCountry && w >= 2) {
              s += options_.main_country;
            }
          }
        }
        if (r.kind == PlaceKind::kCity || r.kind == PlaceKind::kAdmin1) {
          bool region = false;
          double nearest = 1e9;
          for (std::size_t oj = 0; oj < n; ++oj) {
            if (oj == gi || answer[oj] == kNoIndex) continue;
            const std::uint32_t other = answer[oj];
            const PlaceRecord o = g.record(other);
            if (o.kind != PlaceKind::kCity && o.kind != PlaceKind::kAdmin1) continue;
            if (r.kind == PlaceKind::kCity) {
              region = region || (r.admin1_index != kNoIndex &&
                                  (other == r.admin1_index || o.admin1_index == r.admin1_index));
            } else {
              region = region || o.admin1_index == rec;
            }
            nearest = std::min(nearest, HaversineKm(r.lat, r.lon, o.lat, o.lon));
          }
          if (dateline_point) {
            nearest = std::min(nearest, HaversineKm(r.lat, r.lon, dateline_lat, dateline_lon));
          }
          if (region) s += options_.admin1_context;
          if (nearest < 200) {
            s += options_.proximity;
          } else if (nearest < 500) {
            s += options_.proximity / 2;
          }
        }
        if (s > best_score) {
          second = best_score;
          best_score = s;
          best = static_cast<int>(k);
        } else if (s > second) {
          second = s;
        }
      }
      grp.chosen = best;
      grp.score = best_score;
      grp.margin = second > -1e8 ? best_score - second : best_score;
      next[gi] = best >= 0 ? grp.candidates[static_cast<std::size_t>(best)].record : kNoIndex;
    }
    if (next == answer) break;
    answer = std::move(next);
  }

  // ---- answers for each mention ----
  for (const auto& grp : groups) {
    if (grp.chosen < 0 || grp.context_only) continue;
    const Candidate& c = grp.candidates[static_cast<std::size_t>(grp.chosen)];
    const PlaceRecord r = g.record(c.record);
    if (grp.strict) {
      // ORG/MISC entities name places only when the sense is strong: "Washington" said of the
      // government is still a toponym, "Dallas Cowboys" is not looked up at all.
      const bool strong_kind =
          r.kind != PlaceKind::kCity || r.feature == CityFeature::kCapital || r.population >= 1000000;
      const bool strong_name =
          c.match == NameMatch::kName || c.match == NameMatch::kAscii || c.match == NameMatch::kAlias;
      if (!strong_kind || !strong_name) continue;
    }
    for (std::size_t i : grp.mentions) {
      if (mentions[i].kind == ToponymMention::Kind::kContextOnly) continue;
      if (c.match == NameMatch::kDemonym && !mentions[i].resolve_demonyms) continue;
      results[i] = ResolvedPlace{c.record, grp.score, grp.margin};
    }
  }
  return results;
}

Place ToponymResolver::ToPlace(const ToponymMention& mention, const ResolvedPlace& resolved) const {
  const PlaceRecord r = gazetteer_.record(resolved.record);
  Place p;
  p.byte_begin = mention.byte_begin;
  p.byte_end = mention.byte_end;
  p.geonameid = r.geonameid;
  p.lat = std::round(static_cast<double>(r.lat) * 1e4) / 1e4;
  p.lon = std::round(static_cast<double>(r.lon) * 1e4) / 1e4;
  p.country = CountryOf(r);
  p.name = std::string(gazetteer_.name(r));
  p.feature = std::string(PlaceKindName(r.kind));
  return p;
}

}  // namespace newsgraph::geo
