// Knowledge base: compiled file container, TSV sources, ontology, dated actor resolution and the
// actor pipeline stage. The full tests use the project's own knowledge/ folder (in the repo, so
// they never skip); the error-path tests use the tiny source set in tests/data/kb/mini.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "actors/alias_matcher.h"
#include "actors/kb_file.h"
#include "actors/knowledge_base.h"
#include "actors/normalize.h"
#include "actors/resolver.h"
#include "actors/tsv.h"
#include "newsgraph/pipeline.h"
#include "pipeline/stages.h"
#include "test_files.h"

namespace newsgraph::actors {
namespace {

namespace fs = std::filesystem;

std::string KnowledgeDir() { return std::string(NEWSGRAPH_TEST_DATA) + "/../../knowledge"; }
std::string MiniDir() { return std::string(NEWSGRAPH_TEST_DATA) + "/kb/mini"; }

const KnowledgeBase& Kb() {
  static const KnowledgeBase* kb = [] {
    auto r = KnowledgeBase::FromSources(KnowledgeDir());
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return std::move(r).value().release();
  }();
  return *kb;
}

Resolution Must(std::string_view mention, std::string_view date, ResolveContext ctx = {}) {
  ActorResolver resolver(Kb());
  auto r = resolver.Resolve(mention, ctx, date);
  EXPECT_TRUE(r.has_value()) << "no resolution for '" << mention << "' on " << date;
  return r.value_or(Resolution{});
}

std::string TempDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("newsgraph_kb_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

using newsgraph::testing::ReadAll;

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// --- normalisation and the automaton ----------------------------------------------------------

TEST(KbNormalize, MatchStream) {
  EXPECT_EQ(MatchKey("Kim Jong-un"), " kim jong un ");
  EXPECT_EQ(MatchKey("U.S."), " us ");
  EXPECT_EQ(MatchKey("Seoul’s Kookmin University"), " seoul s kookmin university ");
  EXPECT_EQ(MatchKey("  the Russian defense minister, Sergei Shoigu"),
            " the russian defense minister sergei shoigu ");
  EXPECT_EQ(MatchKey("ÉLYSÉE"), MatchKey("élysée"));
  EXPECT_EQ(StripAccents("Erdoğan"), "Erdogan");
  EXPECT_TRUE(IsCaseSensitiveAlias("U.S."));
  EXPECT_TRUE(IsCaseSensitiveAlias("WHO"));
  EXPECT_FALSE(IsCaseSensitiveAlias("NATO Alliance"));
  EXPECT_FALSE(IsCaseSensitiveAlias("Us"));
}

TEST(KbMatcher, FindsOverlappingKeysAndRoundTrips) {
  const AliasMatcher m =
      AliasMatcher::Build({{" north korea ", 0}, {" korea ", 1}, {" north ", 2}, {" he ", 3}});
  EXPECT_EQ(m.Find(" korea "), 1u);
  EXPECT_EQ(m.Find(" kore "), AliasMatcher::kNone);
  std::vector<std::uint32_t> found;
  m.Scan(" in north korea the ", [&](std::size_t, std::uint32_t, std::uint32_t v) { found.push_back(v); });
  ASSERT_EQ(found.size(), 3u);  // " north ", " north korea ", " korea "
  BinaryWriter w;
  m.Save(w);
  AliasMatcher copy;
  BinaryReader r(w.bytes());
  ASSERT_TRUE(copy.Load(r));
  EXPECT_EQ(copy.Find(" north korea "), 0u);
  // A failure link pointing forward would allow endless walks: Load must refuse it.
  std::string bad = w.bytes();
  BinaryReader r2(bad);
  AliasMatcher m2;
  ASSERT_TRUE(m2.Load(r2));
  std::string corrupt = bad;
  corrupt[corrupt.size() / 2] ^= 0x5A;
  BinaryReader r3(corrupt);
  AliasMatcher m3;
  (void)m3.Load(r3);  // must not crash, whatever it returns
}

// --- dates -----------------------------------------------------------------------------------

TEST(KbDates, ParseAndFormat) {
  std::int32_t d = 0;
  bool uncertain = false;
  ASSERT_TRUE(ParseDay("2023-09-05", d, uncertain));
  EXPECT_EQ(FormatDay(d), "2023-09-05");
  EXPECT_FALSE(uncertain);
  ASSERT_TRUE(ParseDay("2019?", d, uncertain));
  EXPECT_TRUE(uncertain);
  EXPECT_EQ(FormatDay(d), "2019-01-01");
  EXPECT_FALSE(ParseDay("2023-02-30", d, uncertain));
  EXPECT_FALSE(ParseDay("23-09-05", d, uncertain));
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
}

// --- dated roles -------------------------------------------------------------------------------

TEST(KbResolve, PutinRoleDependsOnDate) {
  Resolution r = Must("Vladimir Putin", "2009-06-01");
  EXPECT_EQ(r.actor.id, "Q7747");
  EXPECT_EQ(r.actor.code, "RUS");
  EXPECT_EQ(r.actor.sector, "GOV");
  EXPECT_EQ(r.actor.role, "head of government");
  r = Must("President Vladimir Putin", "2023-09-05");
  EXPECT_EQ(r.actor.role, "head of state");
  EXPECT_TRUE(r.in_office);
}

TEST(KbResolve, TrumpOutOfOfficeIn2023) {
  Resolution r = Must("Donald Trump", "2023-09-05");
  EXPECT_EQ(r.actor.id, "Q22686");
  EXPECT_EQ(r.actor.code, "USA");
  EXPECT_EQ(r.actor.sector, "");
  EXPECT_FALSE(r.in_office);
  EXPECT_NE(r.note.find("Donald Trump held no office on 2023-09-05"), std::string::npos) << r.note;
  r = Must("Trump", "2018-03-01");
  EXPECT_EQ(r.actor.sector, "GOV");
  EXPECT_EQ(r.actor.role, "head of state");
  EXPECT_TRUE(r.in_office);

  ActorResolver resolver(Kb());
  const RoleCheck rc = resolver.CheckRole("Q22686", "2023-09-05", "head of government");
  EXPECT_FALSE(rc.held);
  EXPECT_EQ(rc.explanation, "Donald Trump did not hold USA head of government on 2023-09-05");
  EXPECT_NE(rc.terms.find("2017-01-20 to 2021-01-20"), std::string::npos) << rc.terms;
  EXPECT_TRUE(resolver.CheckRole("Q22686", "2019-01-01", "head of government").held);
}

TEST(KbResolve, AdministrationIsCheckedAgainstTheDate) {
  Resolution r = Must("The Trump administration", "2023-09-05");
  EXPECT_EQ(r.actor.code, "USA");
  EXPECT_EQ(r.actor.sector, "GOV");
  EXPECT_FALSE(r.in_office);
  EXPECT_EQ(r.note.rfind("Donald Trump did not hold USA head of government on 2023-09-05", 0), 0u) << r.note;
  r = Must("the Trump administration", "2019-05-01");
  EXPECT_TRUE(r.in_office);
  EXPECT_EQ(r.note, "");
  r = Must("the Putin government", "2023-09-05");  // head of state counts as leading it
  EXPECT_EQ(r.actor.code, "RUS");
  EXPECT_TRUE(r.in_office);
}

TEST(KbResolve, ShoiguMovesFromDefenceToSecurityCouncil) {
  Resolution r = Must("the Russian defense minister, Sergei Shoigu", "2023-09-05");
  EXPECT_EQ(r.actor.name, "Sergei Shoigu");
  EXPECT_EQ(r.actor.code, "RUS");
  EXPECT_EQ(r.actor.sector, "MIL");
  EXPECT_EQ(r.actor.role, "defence minister");
  r = Must("Shoigu", "2024-06-15");
  EXPECT_EQ(r.actor.sector, "GOV");
  EXPECT_EQ(r.actor.role, "Security Council secretary");
}

TEST(KbResolve, DeadLeaderKeepsCountryWithoutSector) {
  Resolution r = Must("the reclusive Kim Jong Il", "2023-09-05");
  EXPECT_EQ(r.actor.id, "Q10665");
  EXPECT_EQ(r.actor.code, "PRK");
  EXPECT_EQ(r.actor.sector, "");
  EXPECT_FALSE(r.in_office);
  EXPECT_NE(r.note.find("died 2011-12-17"), std::string::npos) << r.note;
  r = Must("Kim Jong Il", "2005-01-01");
  EXPECT_EQ(r.actor.role, "head of state");
}

TEST(KbResolve, AmbiguousNamesPickWhoeverHeldOfficeOnTheDate) {
  EXPECT_EQ(Must("President Bush", "1991-03-01").actor.id, "Q23505");
  EXPECT_EQ(Must("President Bush", "2003-03-20").actor.id, "Q207");
  // "Security Council" alone is the UN's; Russia's has its own names.
  EXPECT_EQ(Must("the Security Council", "2023-01-01").actor.code, "UNO");
  EXPECT_EQ(Must("Russia's Security Council", "2023-01-01").actor.code, "RUS");
}

TEST(KbResolve, TalibanBeforeAndAfterKabulFell) {
  Resolution r = Must("the Taliban", "2021-08-14");
  EXPECT_EQ(r.actor.code, "AFG");
  EXPECT_EQ(r.actor.sector, "REB");
  r = Must("Taliban", "2021-08-15");
  EXPECT_EQ(r.actor.sector, "GOV");
  r = Must("Taliban", "1998-01-01");
  EXPECT_EQ(r.actor.sector, "GOV");
}

TEST(KbResolve, Metonyms) {
  struct Case {
    const char* text;
    const char* code;
    const char* sector;
  } cases[] = {{"the Kremlin", "RUS", "GOV"},  {"The White House", "USA", "GOV"},
               {"the Pentagon", "USA", "MIL"}, {"Downing Street", "GBR", "GOV"},
               {"Moscow", "RUS", "GOV"},       {"Pyongyang", "PRK", "GOV"},
               {"Zhongnanhai", "CHN", "GOV"},  {"Kyiv", "UKR", "GOV"},
               {"Brussels", "EUR", ""},        {"Washington", "USA", "GOV"},
               {"Beijing", "CHN", "GOV"}};
  for (const auto& c : cases) {
    const Resolution r = Must(c.text, "2023-09-05");
    EXPECT_EQ(r.actor.code, c.code) << c.text;
    EXPECT_EQ(r.actor.sector, c.sector) << c.text;
  }
}

TEST(KbResolve, NationalityAdjectivesTakeTheSectorNoun) {
  Resolution r = Must("Russian officials", "2023-09-05");
  EXPECT_EQ(r.actor.code, "RUS");
  EXPECT_EQ(r.actor.sector, "GOV");
  ResolveContext ctx;
  ctx.after = " troops crossed the border";
  r = Must("North Korean", "2023-09-05", ctx);
  EXPECT_EQ(r.actor.code, "PRK");
  EXPECT_EQ(r.actor.sector, "MIL");
  ctx.after = " and Russian discussions";
  r = Must("North Korean", "2023-09-05", ctx);
  EXPECT_EQ(r.actor.sector, "");
  r = Must("the police", "2023-09-05");
  EXPECT_EQ(r.actor.code, "");
  EXPECT_EQ(r.actor.sector, "COP");
}

// A people is named by its demonym's plural; words without an -s plural are not given one.
TEST(KbResolve, PluralDemonymsNameThePeople) {
  EXPECT_EQ(Must("Palestinians", "2023-09-05").actor.code, "PSE");
  EXPECT_EQ(Must("Iraqis", "2023-09-05").actor.code, "IRQ");
  EXPECT_EQ(Must("Britons", "2023-09-05").actor.code, "GBR");
  ActorResolver resolver(Kb());
  EXPECT_FALSE(resolver.Resolve("Britishs", {}, "2023-09-05").has_value());
  EXPECT_FALSE(resolver.Resolve("Chineses", {}, "2023-09-05").has_value());
}

// Peoples and regions that belong to one country are coded with it; a name several countries
// share is not.
TEST(KbResolve, PeoplesOfOneCountryAreCodedWithIt) {
  EXPECT_EQ(Must("Yoruba leaders", "2000-01-01").actor.code, "NGA");
  EXPECT_EQ(Must("Chechen rebels", "2000-01-01").actor.code, "RUS");
  EXPECT_EQ(Must("the Scottish Executive", "2005-01-01").actor.code, "GBR");
  ActorResolver resolver(Kb());
  const auto kurdish = resolver.Resolve("Kurdish rebels", {}, "2000-01-01");
  EXPECT_TRUE(!kurdish.has_value() || kurdish->actor.code.empty());
}

TEST(KbResolve, AfricanArmedGroupsAndParties) {
  EXPECT_EQ(Must("The UNITA militarist wing", "1998-06-01").actor.code, "AGO");
  EXPECT_EQ(Must("the Revolutionary United Front", "1999-01-01").actor.sector, "REB");
  EXPECT_EQ(Must("Kifaya", "2005-06-01").actor.code, "EGY");
}

// Leaders and officials of the 2000s news that the Wikidata extract lacks or names in another
// language.
TEST(KbResolve, LeadersTheExtractMissesOrMisnames) {
  EXPECT_EQ(Must("Hamid Karzai", "2004-06-01").actor.role, "head of state");
  EXPECT_EQ(Must("Colonel Gaddafi", "2004-06-01").actor.code, "LBY");
  EXPECT_EQ(Must("Lionel Jospin", "2000-06-01").actor.role, "head of government");
  EXPECT_EQ(Must("Zapatero", "2005-06-01").actor.code, "ESP");
  EXPECT_EQ(Must("Viktor Yanukovych", "2004-06-01").actor.role, "head of government");
  EXPECT_EQ(Must("Kofi Annan", "2003-06-01").actor.code, "UNO");
  EXPECT_EQ(Must("Javier Solana", "2003-06-01").actor.code, "EUR");
  EXPECT_EQ(Must("Moqtada al-Sadr", "2004-06-01").actor.sector, "REB");
  EXPECT_EQ(Must("Pope John Paul II", "2003-06-01").actor.role, "head of state");
  EXPECT_EQ(Must("Ayatollah Khomeini", "1985-06-01").actor.code, "IRN");
  EXPECT_EQ(Must("Archbishop Desmond Tutu", "1995-11-12").actor.code, "ZAF");
  EXPECT_EQ(Must("Joschka Fischer", "2004-06-01").actor.role, "foreign minister");
  EXPECT_EQ(Must("Amr Moussa", "2004-06-01").actor.role, "Arab League secretary-general");
  EXPECT_EQ(Must("Romano Prodi", "2003-06-01").actor.code, "EUR");
}

// The Arabic article inside a name is spelt "al-" or "El", or dropped from a person's name; a
// leading one ("al-Qaeda") stays.
TEST(KbResolve, TheArabicArticleHasItsSpellings) {
  EXPECT_EQ(Must("President Omar El Bashir", "2000-06-01").actor.code, "SDN");
  EXPECT_EQ(Must("Omar el-Bashir", "2000-06-01").actor.role, "head of state");
  EXPECT_EQ(Must("Omar Bashir", "2000-06-01").actor.code, "SDN");
  ActorResolver resolver(Kb());
  EXPECT_FALSE(resolver.Resolve("Qaeda", {}, "2004-06-01").has_value());
}

// Intelligence services are their country's SPY sector; the Soviet KGB is coded RUS, as the
// PLOVER records code the Soviet Union.
TEST(KbResolve, IntelligenceServices) {
  EXPECT_EQ(Must("a senior KGB officer", "1985-01-01").actor.code, "RUS");
  EXPECT_EQ(Must("a senior KGB officer", "1985-01-01").actor.sector, "SPY");
  EXPECT_EQ(Must("MI6", "2005-01-01").actor.code, "GBR");
}

TEST(KbResolve, CapitalsOnlyAliasesNeedCapitals) {
  EXPECT_EQ(Must("U.S. and allied sources", "2023-09-05").actor.code, "USA");
  EXPECT_EQ(Must("US", "2023-09-05").actor.code, "USA");
  ActorResolver resolver(Kb());
  EXPECT_FALSE(resolver.Resolve("us", {}, "2023-09-05").has_value());
  EXPECT_FALSE(resolver.Resolve("who said it", {}, "2023-09-05").has_value());
  EXPECT_FALSE(resolver.Resolve("Zorblax Quuxington", {}, "2023-09-05").has_value());
}

// A misspelt country or leader is read as the one the knowledge base knows, one edit away, when
// nothing else knows the word; a lone surname only after a title, a leader only in office.
TEST(KbResolve, MisspeltNamesAreCorrectedWhenNothingElseKnowsThem) {
  const KnownNameFilter places = [](std::string_view word) {
    return word == "Granada" || word == "Columbia";
  };
  ActorResolver resolver(Kb(), places);
  const auto afghanistan = resolver.Resolve("Afganistan", {}, "1986-06-01");
  ASSERT_TRUE(afghanistan.has_value());
  EXPECT_EQ(afghanistan->actor.code, "AFG");
  EXPECT_NE(afghanistan->note.find("Afghanistan"), std::string::npos) << afghanistan->note;
  const auto bouteflika = resolver.Resolve("Abdelaziz Bouteflicka", {}, "2003-01-01");
  ASSERT_TRUE(bouteflika.has_value());
  EXPECT_EQ(bouteflika->actor.code, "DZA");
  EXPECT_EQ(bouteflika->actor.sector, "GOV");
  ResolveContext titled;
  titled.before = "an appeal from President ";
  const auto gbagbo = resolver.Resolve("Gbago", titled, "2003-01-01");
  ASSERT_TRUE(gbagbo.has_value());
  EXPECT_EQ(gbagbo->actor.code, "CIV");
  // Not corrected: a lone surname without a title, a leader out of office on the date, a place
  // the gazetteer knows, a longer name the knowledge base does not know, a change of form at the
  // end of a word, and anything when the resolver has no gazetteer filter.
  EXPECT_FALSE(resolver.Resolve("Gbago", {}, "2003-01-01").has_value());
  const auto out_of_office = resolver.Resolve("Abdelaziz Bouteflicka", {}, "1990-01-01");
  EXPECT_TRUE(!out_of_office.has_value() || out_of_office->actor.code.empty());
  EXPECT_FALSE(resolver.Resolve("Granada", {}, "2003-01-01").has_value());
  const auto district = resolver.Resolve("District of Columbia", {}, "2003-01-01");
  EXPECT_TRUE(!district.has_value() || district->actor.code != "COL");
  const auto fund = resolver.Resolve("the Afganistan Relief Fund", {}, "2003-01-01");
  EXPECT_TRUE(!fund.has_value() || fund->actor.code.empty());
  const auto columbian = resolver.Resolve("Columbian", {}, "2003-01-01");  // the place's adjective
  EXPECT_TRUE(!columbian.has_value() || columbian->actor.code != "COL");
  const auto americas = resolver.Resolve("Americas", {}, "2003-01-01");
  EXPECT_TRUE(!americas.has_value() || americas->actor.code.empty());
  ActorResolver without_filter(Kb());
  EXPECT_FALSE(without_filter.Resolve("Afganistan", {}, "1986-06-01").has_value());
}

// A person's alias inside a longer name the knowledge base does not know is someone else's name;
// an initial, an honorific or a misspelt first name of the person's own is not.
TEST(KbResolve, ANameRunningOnFromAPersonsAliasIsSomeoneElse) {
  ActorResolver resolver(Kb());
  const auto raffarin = resolver.Resolve("Jean-Pierre Raffarin", {}, "2004-06-01");
  EXPECT_TRUE(!raffarin.has_value() || raffarin->actor.code != "USA");
  const auto laura = resolver.Resolve("Laura Bush", {}, "2004-06-01");
  EXPECT_TRUE(!laura.has_value() || laura->actor.id != "Q207");
  EXPECT_EQ(Must("Vladimir V. Putin", "2004-06-01").actor.id, "Q7747");
  EXPECT_EQ(Must("Mr Tony Blair", "2004-06-01").actor.id, "Q9545");
  EXPECT_EQ(Must("Mihkail Khodorkovsky", "2004-06-01").actor.code, "RUS");
}

TEST(KbResolve, SeedArticleActors) {
  Resolution r = Must("North Korean leader Kim Jong Un", "2023-09-05");
  EXPECT_EQ(r.actor.id, "Q56226");
  EXPECT_EQ(r.actor.name, "Kim Jong Un");
  EXPECT_EQ(r.actor.code, "PRK");
  EXPECT_EQ(r.actor.sector, "GOV");
  EXPECT_EQ(r.actor.role, "head of state");
  r = Must("the New York Times", "2023-09-05");
  EXPECT_EQ(r.actor.code, "USA");
  EXPECT_EQ(r.actor.sector, "MED");
  r = Must("A National Security Council spokesperson", "2023-09-05");
  EXPECT_EQ(r.actor.code, "USA");
  EXPECT_EQ(r.actor.sector, "GOV");
  r = Must("Andrei Lankov", "2023-09-05");
  EXPECT_EQ(r.actor.code, "KOR");
  EXPECT_EQ(r.actor.sector, "EDU");
  r = Must("Seoul’s Kookmin University", "2023-09-05");
  EXPECT_EQ(r.actor.code, "KOR");
  EXPECT_EQ(r.actor.sector, "EDU");
  EXPECT_EQ(Must("North Korea", "2023-09-05").actor.code, "PRK");
  EXPECT_EQ(Must("China", "2023-09-05").actor.code, "CHN");
  EXPECT_EQ(Must("Russia", "2023-09-05").actor.code, "RUS");
  EXPECT_EQ(Must("Ukraine", "2023-09-05").actor.code, "UKR");
  EXPECT_EQ(Must("the United States", "2023-09-05").actor.code, "USA");
}

TEST(KbResolve, SurnamesAndContextAliasesFollowTheDocument) {
  ActorResolver resolver(Kb());
  DocMemory memory;
  ResolveContext ctx;
  ctx.memory = &memory;
  ctx.kinds = KindBit(ActorKind::kPerson);
  EXPECT_FALSE(resolver.Resolve("Kim", ctx, "2023-09-05").has_value());
  auto kju = resolver.Resolve("Kim Jong Un", ctx, "2023-09-05");
  ASSERT_TRUE(kju.has_value());
  memory.NotePerson(Kb(), kju->index, "Kim Jong Un");
  auto kim = resolver.Resolve("Kim", ctx, "2023-09-05");
  ASSERT_TRUE(kim.has_value());
  EXPECT_EQ(kim->actor.id, "Q56226");
  auto kji = resolver.Resolve("Kim Jong Il", ctx, "2023-09-05");
  ASSERT_TRUE(kji.has_value());
  memory.NotePerson(Kb(), kji->index, "Kim Jong Il");
  EXPECT_EQ(resolver.Resolve("Kim", ctx, "2023-09-05")->actor.id, "Q56226");  // the first Kim keeps it
  // Another first name with the surname is someone else; a title with it is the same person.
  auto bush = resolver.Resolve("George W. Bush", ctx, "2004-06-01");
  ASSERT_TRUE(bush.has_value());
  memory.NotePerson(Kb(), bush->index, "George W. Bush");
  const auto laura = resolver.Resolve("Laura Bush", ctx, "2004-06-01");
  EXPECT_TRUE(!laura.has_value() || laura->actor.id != "Q207");
  EXPECT_EQ(resolver.Resolve("Mr Bush", ctx, "2004-06-01")->actor.id, "Q207");

  ctx.kinds = kAllKinds;
  EXPECT_FALSE(resolver.Resolve("the North", ctx, "2023-09-05").has_value());
  memory.NoteSeen(Kb().FindId("PRK"));
  auto north = resolver.Resolve("the North", ctx, "2023-09-05");
  ASSERT_TRUE(north.has_value());
  EXPECT_EQ(north->actor.code, "PRK");
}

TEST(KbResolve, UnknownPersonTakesSectorFromTitle) {
  ActorResolver resolver(Kb());
  ResolveContext ctx;
  ctx.kinds = KindBit(ActorKind::kPerson);
  ctx.before = "said the Russian defense minister, ";
  auto r = resolver.Resolve("Ivan Hypotheticov", ctx, "2023-09-05");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->actor.code, "RUS");
  EXPECT_EQ(r->actor.sector, "MIL");
  EXPECT_EQ(r->note, "from title");
  ctx.before = "the defense minister went home and ";
  EXPECT_FALSE(resolver.Resolve("Ivan Hypotheticov", ctx, "2023-09-05").has_value());
}

// Resolves `name` as a person mentioned right after `before` on `date`.
std::optional<Resolution> PersonAfter(std::string_view before, std::string_view name, std::string_view date) {
  ActorResolver resolver(Kb());
  ResolveContext ctx;
  ctx.kinds = KindBit(ActorKind::kPerson);
  ctx.before = before;
  return resolver.Resolve(name, ctx, date);
}

// The country must be part of the title: a rank may stand between them, other words may not.
TEST(KbResolve, TheTitlesCountryMustBelongToTheTitle) {
  auto r = PersonAfter("Nigerian junior foreign minister ", "Ivan Hypotheticov", "2023-09-05");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->actor.code, "NGA");
  r = PersonAfter("said Russian Deputy Foreign Minister ", "Ivan Hypotheticov", "2023-09-05");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->actor.code, "RUS");
  r = PersonAfter("The German government today welcomed President ", "Ivan Hypotheticov", "2023-09-05");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->actor.code, "");
  EXPECT_EQ(r->actor.sector, "GOV");
}

// "President Mugabe": a surname right after a title is the one person of that surname in office,
// for an office of the title's kind.
TEST(KbResolve, ASurnameAfterATitleIsThePersonInOffice) {
  auto r = PersonAfter("demanding that President ", "Mugabe", "2000-01-01");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->actor.id, "Q10707");
  EXPECT_EQ(r->actor.code, "ZWE");
  r = PersonAfter("demanding that ", "Mugabe", "2000-01-01");
  EXPECT_TRUE(!r.has_value() || r->actor.id != "Q10707");
  r = PersonAfter("said General ", "Mugabe", "2000-01-01");  // a military title: not the head of state
  EXPECT_TRUE(!r.has_value() || r->actor.id != "Q10707");
}

// Leaders reach back to 1945: "Reagan" in 1986 is the US head of state.
TEST(KbResolve, ColdWarLeaders) {
  Resolution r = Must("Ronald Reagan", "1986-06-01");
  EXPECT_EQ(r.actor.code, "USA");
  EXPECT_EQ(r.actor.sector, "GOV");
}

// --- ontology --------------------------------------------------------------------------------

TEST(KbOntology, CameoAndPlover) {
  const Ontology& o = Kb().ontology();
  EXPECT_GE(o.cameo_codes().size(), 300u);
  EXPECT_EQ(o.plover_types().size(), 16u);
  const CameoCode* c = o.Cameo("036");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name, "Express intent to meet or negotiate");
  EXPECT_EQ(c->quad, 1);
  EXPECT_DOUBLE_EQ(c->goldstein, 4.0);
  EXPECT_EQ(c->plover_event, "AGREE");
  EXPECT_EQ(o.Cameo("163")->plover_event, "COERCE");
  EXPECT_EQ(o.Quad("1823"), 4);
  EXPECT_DOUBLE_EQ(o.Goldstein("190"), -10.0);
  EXPECT_EQ(o.DefaultCameo("ASSAULT"), "190");
  EXPECT_EQ(o.DefaultCameo("CONSULT"), "040");
  EXPECT_EQ(o.DefaultCameo("NOPE"), "");
  EXPECT_TRUE(o.IsMode("CONSULT", "visit"));
  EXPECT_TRUE(o.IsContext("military"));
  EXPECT_EQ(o.Cameo("999"), nullptr);
  for (const auto& t : o.plover_types()) {
    const CameoCode* d = o.Cameo(t.default_cameo);
    ASSERT_NE(d, nullptr) << t.name;
  }
}

// --- sources and the compiled file --------------------------------------------------------------

TEST(KbSources, MiniSourcesCompile) {
  auto kb = KnowledgeBase::FromSources(MiniDir());
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  ActorResolver resolver(**kb);
  auto r = resolver.Resolve("Bob Sample", {}, "2015-01-01");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->actor.sector, "MIL");
  EXPECT_EQ(r->note, "role dates uncertain");
  EXPECT_FALSE(resolver.Resolve("Washington", {}, "2015-01-01").has_value());  // dropped capital
}

class KbBadSource : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir("bad");
    fs::copy(MiniDir(), dir_, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  void TearDown() override { fs::remove_all(dir_); }
  Status Build(const std::string& file, const std::string& extra_line) {
    std::ofstream out(dir_ + "/" + file, std::ios::app);
    out << extra_line;
    out.close();
    auto kb = KnowledgeBase::FromSources(dir_);
    return kb.ok() ? Status::Ok() : kb.status();
  }
  std::string dir_;
};

TEST_F(KbBadSource, TooFewFieldsNamesFileAndLine) {
  const Status s = Build("people.tsv", "person:x\n");
  EXPECT_EQ(s.code(), ErrorCode::kKbSourceMalformed);
  EXPECT_NE(s.message().find("people.tsv:3:"), std::string::npos) << s.message();
}

TEST_F(KbBadSource, BadDate) {
  const Status s = Build("roles.tsv", "person:bob\tRUS\tMIL\tminister\t2012-13-01\t\n");
  EXPECT_EQ(s.code(), ErrorCode::kKbSourceMalformed);
  EXPECT_NE(s.message().find("roles.tsv:2: bad start date"), std::string::npos) << s.message();
}

TEST_F(KbBadSource, UnknownSectorAndUnknownId) {
  Status s = Build("sectors.tsv", "spies\tSPYY\n");
  EXPECT_EQ(s.code(), ErrorCode::kKbSourceMalformed);
  EXPECT_NE(s.message().find("unknown sector 'SPYY'"), std::string::npos) << s.message();
}

TEST_F(KbBadSource, RoleForUnknownActor) {
  const Status s = Build("roles.tsv", "person:nobody\tRUS\tGOV\tminister\t2000\t\n");
  EXPECT_EQ(s.code(), ErrorCode::kKbSourceMalformed);
  EXPECT_NE(s.message().find("unknown actor id 'person:nobody'"), std::string::npos);
}

TEST_F(KbBadSource, MissingFileAndBadOntology) {
  fs::remove(dir_ + "/people.tsv");
  auto kb = KnowledgeBase::FromSources(dir_);
  ASSERT_FALSE(kb.ok());
  EXPECT_EQ(kb.status().code(), ErrorCode::kKbSourceMalformed);
  EXPECT_NE(kb.status().message().find("people.tsv"), std::string::npos);
}

TEST_F(KbBadSource, OntologyQuadOutOfRange) {
  const Status s = Build("ontology/cameo.tsv", "037\tExpress intent to settle\t7\t5.0\n");
  EXPECT_EQ(s.code(), ErrorCode::kKbSourceMalformed);
  EXPECT_NE(s.message().find("cameo.tsv:6: quad class"), std::string::npos) << s.message();
}

TEST(KbFileFormat, SectionsRoundTrip) {
  KbFileWriter w;
  w.AddSection("alpha", "hello");
  w.AddSection("places", std::string(1000, 'x'));
  w.AddSection("alpha", "hello again");  // replaces
  auto f = KbFile::FromImage(w.Image(), "mem");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ((*f)->Section("alpha").value(), "hello again");
  EXPECT_EQ((*f)->Section("places")->size(), 1000u);
  EXPECT_FALSE((*f)->Section("nope").has_value());
  EXPECT_EQ((*f)->SectionNames().size(), 2u);
}

TEST(KbFileFormat, BuildOpenAndReject) {
  const std::string dir = TempDir("file");
  const std::string path = dir + "/newsgraph.kb";
  // The mini sources have no places: write the actor sections only.
  auto kb = KnowledgeBase::FromSources(MiniDir());
  ASSERT_TRUE(kb.ok());
  KbFileWriter w;
  w.AddSection("actors", (*kb)->SaveActors());
  w.AddSection("ontology", (*kb)->SaveOntology());
  ASSERT_TRUE(w.Write(path).ok());
  auto opened = KnowledgeBase::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ActorResolver resolver(**opened);
  auto r = resolver.Resolve("the White House", {}, "2020-01-01");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->actor.code, "USA");
  EXPECT_EQ((*opened)->ontology().Goldstein("036"), 4.0);

  const std::string image = ReadAll(path);
  WriteAll(path, image.substr(0, image.size() / 2));
  auto truncated = KnowledgeBase::Open(path);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), ErrorCode::kKbBadFormat);
  EXPECT_NE(truncated.status().message().find(path), std::string::npos);

  std::string flipped = image;
  flipped[flipped.size() - 3] ^= 0x40;
  WriteAll(path, flipped);
  auto corrupt = KnowledgeBase::Open(path);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.status().code(), ErrorCode::kKbBadFormat);
  EXPECT_NE(corrupt.status().message().find("checksum"), std::string::npos);

  WriteAll(path, "not a knowledge base at all");
  EXPECT_EQ(KnowledgeBase::Open(path).status().code(), ErrorCode::kKbBadFormat);
  EXPECT_EQ(KnowledgeBase::Open(dir + "/missing.kb").status().code(), ErrorCode::kKbNotFound);
  fs::remove_all(dir);
}

TEST(KbFileFormat, FullKnowledgeBaseRoundTrips) {
  KbFileWriter w;
  w.AddSection("actors", Kb().SaveActors());
  w.AddSection("ontology", Kb().SaveOntology());
  auto file = KbFile::FromImage(w.Image(), "full");
  ASSERT_TRUE(file.ok());
  auto kb = KnowledgeBase::FromFile(std::move(file).value());
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  EXPECT_EQ((*kb)->actors().size(), Kb().actors().size());
  ActorResolver resolver(**kb);
  auto r = resolver.Resolve("Sergei Shoigu", {}, "2023-09-05");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->actor.sector, "MIL");
}

// --- the pipeline stage ----------------------------------------------------------------------

// One token per space-separated word and a sentence per full stop, as the stage tests below need.
Doc SpaceTokenized(std::string id, std::string text) {
  Doc doc(std::move(id), std::move(text));
  std::size_t at = 0;
  while (at < doc.text.size()) {
    const std::size_t end = std::min(doc.text.find(' ', at), doc.text.size());
    TokenData t;
    t.byte_begin = static_cast<std::uint32_t>(at);
    t.byte_end = static_cast<std::uint32_t>(end);
    t.lemma = std::string(doc.slice(t.byte_begin, t.byte_end));
    doc.tokens.push_back(t);
    if (doc.text.compare(at, end - at, ".") == 0) {
      SentenceData s;
      s.token_begin = doc.sentences.empty() ? 0 : doc.sentences.back().token_end;
      s.token_end = static_cast<std::uint32_t>(doc.tokens.size());
      s.byte_begin = doc.tokens[s.token_begin].byte_begin;
      s.byte_end = static_cast<std::uint32_t>(end);
      doc.sentences.push_back(s);
    }
    at = end + 1;
  }
  return doc;
}

Entity EntityAt(const Doc& doc, std::string_view name, std::size_t from, const char* label = "PER") {
  Entity e;
  e.byte_begin = static_cast<std::uint32_t>(doc.text.find(name, from));
  e.byte_end = e.byte_begin + static_cast<std::uint32_t>(name.size());
  while (e.token_begin < doc.tokens.size() && doc.tokens[e.token_begin].byte_begin < e.byte_begin)
    ++e.token_begin;
  e.token_end = e.token_begin;
  while (e.token_end < doc.tokens.size() && doc.tokens[e.token_end].byte_end <= e.byte_end) ++e.token_end;
  e.label = label;
  return e;
}

TEST(KbStage, FillsEntityActors) {
  PipelineConfig config;
  auto stage = MakeActorResolver(config);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  EXPECT_EQ((*stage)->Requires(), kLayerEntities);
  EXPECT_EQ((*stage)->Assigns(), kLayerActors | kLayerEntities);
  Doc doc("seed",
          "North Korean leader Kim Jong Un met the Kremlin. Kim said North Korean troops would go. "
          "The reclusive Kim Jong Il traveled. Kim left.");
  doc.date = "2023-09-05";
  auto add = [&](std::string_view text, const char* label, bool norp, std::size_t from = 0) {
    Entity e;
    const std::size_t at = doc.text.find(text, from);
    e.byte_begin = static_cast<std::uint32_t>(at);
    e.byte_end = static_cast<std::uint32_t>(at + text.size());
    e.label = label;
    e.norp = norp;
    doc.entities.push_back(e);
    return at;
  };
  add("North Korean", "MISC", true);
  add("Kim Jong Un", "PER", false);
  add("the Kremlin", "ORG", false);
  const std::size_t kim = add("Kim", "PER", false, doc.text.find("Kremlin"));
  add("North Korean", "MISC", true, kim);
  add("Kim Jong Il", "PER", false);
  add("Kim", "PER", false, doc.text.find("Kim left"));
  ASSERT_TRUE((*stage)->Process(doc).ok());
  ASSERT_TRUE(doc.entities[0].actor.has_value());
  EXPECT_EQ(doc.entities[0].actor->code, "PRK");
  EXPECT_EQ(doc.entities[0].actor->sector, "GOV");  // "North Korean leader"
  EXPECT_EQ(doc.entities[1].actor->id, "Q56226");
  EXPECT_EQ(doc.entities[2].actor->code, "RUS");
  EXPECT_EQ(doc.entities[3].actor->id, "Q56226");
  EXPECT_EQ(doc.entities[4].actor->sector, "MIL");
  EXPECT_EQ(doc.entities[5].actor->id, "Q10665");
  EXPECT_EQ(doc.entities[5].actor->sector, "");
  EXPECT_EQ(doc.entities[6].actor->id, "Q56226");
}

// Names the recogniser missed or could not resolve are found by the knowledge base; a capital at
// the start of a sentence, or a lower-case word, is no evidence of a name.
TEST(KbStage, AddsNamesTheRecogniserMissed) {
  PipelineConfig config;
  auto stage = MakeActorResolver(config);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  Doc doc = SpaceTokenized(
      "names",
      "Officials said Lockheed Martin sued Boeing . \" Let us go . The commission said the euro fell . "
      "Ministers backed the European common market plan and the euro area budget . Talks with the union "
      "failed .");
  doc.date = "2005-01-10";
  Entity lockheed;  // the recogniser's PER, which the knowledge base cannot resolve as a person
  lockheed.byte_begin = static_cast<std::uint32_t>(doc.text.find("Lockheed"));
  lockheed.byte_end = lockheed.byte_begin + 15;
  lockheed.token_begin = 2;
  lockheed.token_end = 4;
  lockheed.label = "PER";
  doc.entities.push_back(lockheed);
  ASSERT_TRUE((*stage)->Process(doc).ok());
  std::map<std::string, std::string> found;  // text -> label:code
  for (const Entity& e : doc.entities) {
    found[std::string(doc.slice(e.byte_begin, e.byte_end))] = e.label + ":" + (e.actor ? e.actor->code : "");
  }
  EXPECT_EQ(found["Lockheed Martin"], "ORG:USA");
  EXPECT_EQ(found["Boeing"], "ORG:USA");
  EXPECT_EQ(found.count("Let"), 0u);
  EXPECT_EQ(found.count("The commission"), 0u);
  EXPECT_EQ(found.count("euro"), 0u);
  EXPECT_EQ(found["European common market"], "ORG:EUR");  // an alias in lower case inside a sentence
  EXPECT_EQ(found["euro area"], "ORG:EUR");               // several words in lower case
  EXPECT_EQ(found.count("the union"), 0u);
  EXPECT_EQ(doc.entities.size(), 4u);
  for (std::size_t i = 1; i < doc.entities.size(); ++i) {
    EXPECT_LT(doc.entities[i - 1].byte_begin, doc.entities[i].byte_begin);
  }
}

// The stage corrects misspelt actor names with the gazetteer as its check: a place it knows is
// no typo of a country.
TEST(KbStage, CorrectsMisspeltNamesButNotPlaces) {
  PipelineConfig config;
  auto stage = MakeActorResolver(config);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  Doc doc = SpaceTokenized("typos", "Troops in Afganistan and Granada waited .");
  doc.date = "2003-01-10";
  for (const std::string_view name : {"Afganistan", "Granada"}) {
    doc.entities.push_back(EntityAt(doc, name, 0, "LOC"));
  }
  ASSERT_TRUE((*stage)->Process(doc).ok());
  std::map<std::string, std::string> code;
  for (const Entity& e : doc.entities)
    code[std::string(doc.slice(e.byte_begin, e.byte_end))] = e.actor ? e.actor->code : "";
  EXPECT_EQ(code["Afganistan"], "AFG");
  EXPECT_NE(code["Granada"], "GRD");
}

// A report's protagonist, introduced by an indefinite description and named afterwards, takes
// the description's country when the knowledge base does not know them; so do later mentions of
// the surname, and nobody else.
TEST(KbStage, TheFirstPersonNamedIsTheOneTheLedeDescribed) {
  PipelineConfig config;
  auto stage = MakeActorResolver(config);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  const auto described = [](std::string text) {
    Doc doc = SpaceTokenized("lede", std::move(text));
    doc.date = "2005-01-10";
    for (std::uint32_t t = 0; t + 2 < doc.tokens.size(); ++t) {
      if (doc.slice(doc.tokens[t].byte_begin, doc.tokens[t].byte_end) != "An") continue;
      doc.tokens[t].upos = "DET";
      doc.tokens[t].lemma = "an";
      doc.tokens[t].head = static_cast<std::int32_t>(t + 4);  // "An ex-Russian intelligence officer"
      doc.tokens[t + 3].upos = "NOUN";
    }
    return doc;
  };
  Doc doc = described(
      "An ex-Russian intelligence officer is on strike . Viktor Makarov , 50 , claims he was betrayed . "
      "Mr Makarov met Ivan Petrov .");
  doc.entities.push_back(EntityAt(doc, "Viktor Makarov", 0));
  doc.entities.push_back(EntityAt(doc, "Mr Makarov", 0));
  doc.entities.push_back(EntityAt(doc, "Ivan Petrov", 0));
  ASSERT_TRUE((*stage)->Process(doc).ok());
  ASSERT_EQ(doc.entities.size(), 3u);
  ASSERT_TRUE(doc.entities[0].actor.has_value());
  EXPECT_EQ(doc.entities[0].actor->code, "RUS");
  ASSERT_TRUE(doc.entities[1].actor.has_value());
  EXPECT_EQ(doc.entities[1].actor->code, "RUS");
  EXPECT_TRUE(!doc.entities[2].actor || doc.entities[2].actor->code.empty());
  // A description after the name describes someone else.
  Doc after = described("Viktor Makarov is on strike . An ex-Russian intelligence officer spoke .");
  after.entities.push_back(EntityAt(after, "Viktor Makarov", 0));
  ASSERT_TRUE((*stage)->Process(after).ok());
  EXPECT_TRUE(!after.entities[0].actor || after.entities[0].actor->code.empty());
}

}  // namespace
}  // namespace newsgraph::actors
