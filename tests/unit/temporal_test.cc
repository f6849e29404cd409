// Tests of src/temporal: the case table (tests/data/temporal/cases.tsv), calendar arithmetic,
// the pipeline stage on the seed article, the TimeML reader/scorer, and robustness.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "newsgraph/doc.h"
#include "pipeline/stages.h"
#include "split_tabs.h"
#include "temporal/calendar.h"
#include "temporal/timeml.h"
#include "temporal/timex.h"

namespace newsgraph::temporal {
namespace {

using newsgraph::testing::SplitTabsToStrings;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(TemporalCases, Table) {
  const std::string path = std::string(NEWSGRAPH_TEST_DATA) + "/temporal/cases.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::string line;
  int rows = 0;
  std::vector<std::string> failures;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabsToStrings(line);
    ASSERT_GE(f.size(), 4u) << "line " << line_no;
    f.resize(8);
    const std::string& sentence = f[0];
    const std::string& phrase = f[1];
    const std::string& date = f[2];
    const std::string& type = f[3];
    ++rows;
    const std::size_t pb = sentence.find(phrase);
    ASSERT_NE(pb, std::string::npos) << "line " << line_no << ": phrase not in sentence";
    const std::size_t pe = pb + phrase.size();
    std::vector<TimeExpr> out;
    SharedTimexRecognizer().Recognize(sentence, date, {}, {}, &out);
    const TimeExpr* hit = nullptr;
    for (const TimeExpr& t : out) {
      if (t.byte_begin < pe && pb < t.byte_end) {
        hit = &t;
        break;
      }
    }
    std::ostringstream why;
    if (type == "NONE") {
      if (hit != nullptr) {
        why << "expected no time expression, got ["
            << sentence.substr(hit->byte_begin, hit->byte_end - hit->byte_begin) << "] " << hit->type << " "
            << hit->value;
      }
    } else if (hit == nullptr) {
      why << "no time expression found";
    } else {
      const std::string extent = sentence.substr(hit->byte_begin, hit->byte_end - hit->byte_begin);
      if (hit->type != type || hit->value != f[4] || hit->mod != f[5] || (!f[6].empty() && extent != f[6]) ||
          (!f[7].empty() && hit->anchored != (f[7] == "1"))) {
        why << "expected " << type << " " << f[4] << " mod=" << f[5] << " [" << f[6] << "]"
            << (f[7].empty() ? "" : " anchored=" + f[7]) << "; got " << hit->type << " " << hit->value
            << " mod=" << hit->mod << " [" << extent << "] anchored=" << hit->anchored;
      }
    }
    if (!why.str().empty()) {
      failures.push_back("line " + std::to_string(line_no) + " (" + phrase + " @ " +
                         (date.empty() ? "no date" : date) + "): " + why.str() + "\n    " + sentence);
    }
  }
  EXPECT_GE(rows, 150);
  for (const auto& m : failures) ADD_FAILURE() << m;
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << rows << " rows failed";
}

TEST(TemporalCalendar, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2023));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2023, 13), 0);
  EXPECT_FALSE(IsValidDate(2023, 2, 29));
  EXPECT_FALSE(IsValidDate(2023, 4, 31));
  EXPECT_TRUE(IsValidDate(2024, 2, 29));
}

TEST(TemporalCalendar, DayCountsRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(IsoWeekday(DaysFromCivil(2023, 9, 5)), 2);  // Tuesday
  for (std::int64_t d = -800000; d < 800000; d += 997) {
    const CivilDate c = CivilFromDays(d);
    ASSERT_TRUE(IsValidDate(c.year, c.month, c.day) || c.year < 1) << d;
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
}

TEST(TemporalCalendar, IsoWeeks) {
  EXPECT_EQ(IsoWeekOf(DaysFromCivil(2023, 9, 5)).week, 36);
  const IsoWeek w = IsoWeekOf(DaysFromCivil(2021, 1, 1));
  EXPECT_EQ(w.year, 2020);
  EXPECT_EQ(w.week, 53);
  const IsoWeek w2 = IsoWeekOf(DaysFromCivil(2019, 12, 30));
  EXPECT_EQ(w2.year, 2020);
  EXPECT_EQ(w2.week, 1);
  EXPECT_EQ(IsoWeeksInYear(2020), 53);
  EXPECT_EQ(IsoWeeksInYear(2015), 53);
  EXPECT_EQ(IsoWeeksInYear(2023), 52);
  EXPECT_EQ(IsoWeeksInYear(2026), 53);
}

TEST(TemporalCalendar, ParseIsoDate) {
  EXPECT_TRUE(ParseIsoDate("2023-09-05").has_value());
  EXPECT_TRUE(ParseIsoDate("2023-09-05T10:00").has_value());
  EXPECT_FALSE(ParseIsoDate("2023-02-30").has_value());
  EXPECT_FALSE(ParseIsoDate("2023-9-5").has_value());
  EXPECT_FALSE(ParseIsoDate("").has_value());
  EXPECT_FALSE(ParseIsoDate("yesterday!").has_value());
  const CivilDate d = AddMonths({2024, 1, 31}, 1);
  EXPECT_EQ(d.month, 2);
  EXPECT_EQ(d.day, 29);
  const CivilDate e = AddMonths({2024, 1, 15}, -1);
  EXPECT_EQ(e.year, 2023);
  EXPECT_EQ(e.month, 12);
}

// The pipeline stage, on the tokens of the project segmenter, over the whole seed article.
TEST(TemporalPipeline, SeedArticle) {
  Doc doc("seed", ReadFile(std::string(NEWSGRAPH_TEST_DATA) + "/seed.txt"));
  ASSERT_FALSE(doc.text.empty());
  doc.date = "2023-09-05";
  PipelineConfig config;
  auto seg = MakeSegmenter(config);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  ASSERT_TRUE((*seg)->Process(doc).ok());
  auto tagger = MakeTimeTagger(config);
  ASSERT_TRUE(tagger.ok());
  EXPECT_EQ((*tagger)->Requires(), kLayerTokens | kLayerSentences);
  EXPECT_EQ((*tagger)->Assigns(), static_cast<LayerSet>(kLayerTimes));
  ASSERT_TRUE((*tagger)->Process(doc).ok());
  struct Want {
    const char* text;
    const char* value;
    const char* mod;
  };
  const Want want[] = {
      {"this month", "2023-09", ""},  {"last week", "2023-W35", ""}, {"July", "2023-07", ""},
      {"late May", "2023-05", "END"}, {"August", "2023-08", ""},     {"2022", "2022", ""},
      {"2000", "2000", ""},           {"2011", "2011", ""},          {"the past", "PAST_REF", ""},
      {"Last month", "2023-08", ""},  {"July", "2023-07", ""}};
  ASSERT_EQ(doc.times.size(), std::size(want));
  for (std::size_t i = 0; i < doc.times.size(); ++i) {
    const TimeExpr& t = doc.times[i];
    EXPECT_EQ(doc.slice(t.byte_begin, t.byte_end), want[i].text);
    EXPECT_EQ(t.value, want[i].value) << want[i].text;
    EXPECT_EQ(t.mod, want[i].mod) << want[i].text;
    EXPECT_EQ(t.type, "DATE");
    EXPECT_TRUE(t.anchored);
  }
  // Running twice gives the same layer (the stage replaces, not appends).
  ASSERT_TRUE((*tagger)->Process(doc).ok());
  EXPECT_EQ(doc.times.size(), std::size(want));
}

TEST(TemporalPipeline, TagsDecideDirection) {
  // With tags, a VBD verb sends a bare weekday into the past, MD into the future.
  Doc doc("t", "Officials met Friday.");
  doc.date = "2023-09-05";
  auto add = [&](std::uint32_t b, std::uint32_t e, const char* xpos) {
    TokenData t;
    t.byte_begin = b;
    t.byte_end = e;
    t.xpos = xpos;
    doc.tokens.push_back(t);
  };
  add(0, 9, "NNS");
  add(10, 13, "VBD");
  add(14, 20, "NNP");
  add(20, 21, ".");
  doc.sentences.push_back({0, 4, 0, 21, {}});
  std::vector<TimeExpr> out;
  SharedTimexRecognizer().Recognize(doc, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value, "2023-09-01");
  doc.tokens[1].xpos = "MD";
  out.clear();
  SharedTimexRecognizer().Recognize(doc, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value, "2023-09-08");
}

TEST(TemporalTimeml, ParseAndScore) {
  const std::string xml =
      "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" "
      "functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>\n<TEXT>Sales fell &amp; rose <TIMEX3 "
      "tid=\"t1\" type=\"DATE\" value=\"1997\">last year</TIMEX3> and <EVENT eid=\"e1\">grew</EVENT> for "
      "<TIMEX3 value=\"P2M\" tid=\"t2\" type=\"DURATION\">two months</TIMEX3>.</TEXT></TimeML>";
  auto doc = ParseTimeml(xml, "x.tml");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->dct, "1998-01-08");
  EXPECT_EQ(doc->text, "Sales fell & rose last year and grew for two months.");
  ASSERT_EQ(doc->gold.size(), 2u);
  EXPECT_EQ(doc->text.substr(doc->gold[0].byte_begin, doc->gold[0].byte_end - doc->gold[0].byte_begin),
            "last year");
  EXPECT_EQ(doc->gold[1].value, "P2M");
  std::vector<TimeExpr> sys;
  SharedTimexRecognizer().Recognize(doc->text, doc->dct, {}, {}, &sys);
  const TimexScores s = ScoreTimexes(doc->text, doc->gold, sys, nullptr);
  EXPECT_EQ(s.strict.matched, 2u);
  EXPECT_EQ(s.value_correct, 2u);
  EXPECT_DOUBLE_EQ(s.ValueF1(), 100.0);
  // Relaxed overlap: a longer system extent still matches; F1 x accuracy.
  std::vector<TimeExpr> partial = {doc->gold[0]};
  partial[0].byte_begin -= 5;  // "rose last year"
  partial[0].value = "1998";
  const TimexScores p = ScoreTimexes(doc->text, doc->gold, partial, nullptr);
  EXPECT_EQ(p.strict.matched, 0u);
  EXPECT_EQ(p.relaxed.matched, 1u);
  EXPECT_EQ(p.value_correct, 0u);
  EXPECT_NEAR(p.relaxed.F1(), 100.0 * 2 * 1.0 * 0.5 / 1.5, 1e-9);
  EXPECT_FALSE(ParseTimeml("<TimeML>no text</TimeML>", "bad.tml").ok());
  EXPECT_FALSE(ParseTimeml("<TEXT>a <TIMEX3 type=\"DATE\">b</TEXT>", "open.tml").ok());
}

// The TempEval-3 training data (dev for us): a regression guard on the figures in
// docs/BENCHMARKS.md (lexical tense cues, no tagger).
TEST(TemporalTimeml, TempEval3TrainRegression) {
  const std::filesystem::path root = std::filesystem::path(NEWSGRAPH_SHARED_DATA) / "timex" / "te3-train";
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "shared data not available: " << root;
  TimexScores total;
  for (const char* sub : {"TimeBank", "AQUAINT"}) {
    for (const auto& e : std::filesystem::directory_iterator(root / sub)) {
      if (e.path().extension() != ".tml") continue;
      auto doc = ParseTimeml(ReadFile(e.path().string()), e.path().string());
      ASSERT_TRUE(doc.ok()) << doc.status().ToString();
      std::vector<TimeExpr> sys;
      SharedTimexRecognizer().Recognize(doc->text, doc->dct, {}, {}, &sys);
      total.Merge(ScoreTimexes(doc->text, doc->gold, sys, nullptr));
    }
  }
  EXPECT_GT(total.relaxed.gold, 1700u);
  EXPECT_GE(total.relaxed.F1(), 90.0);
  EXPECT_GE(total.ValueF1(), 82.8) << total.ValueF1();
}

// Texts that end inside a construction (prefix words, dangling numbers) must not read past the end.
TEST(TemporalRobustness, TruncatedConstructions) {
  for (const char* text : {"about",      "It lasted about",
                           "more than",  "at least",
                           "up to",      "nearly",
                           "no more",    "the",
                           "the end of", "early",
                           "mid-",       "Sept.",
                           "3 p.",       "15:",
                           "every",      "last",
                           "two",        "a year and a",
                           "'",          "the year two thousand and",
                           "9/5/",       "2023-09-"}) {
    std::vector<TimeExpr> out;
    SharedTimexRecognizer().Recognize(text, "2023-09-05", {}, {}, &out);
    for (const TimeExpr& t : out) EXPECT_LE(t.byte_end, std::string_view(text).size()) << text;
  }
}

// Arbitrary text and dates: no crash, offsets inside the text, no impossible calendar values.
TEST(TemporalRobustness, RandomTextAndDates) {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {
      "May",  " ",           "29",      "Feb.",   "2023",         "-",        "/",     ":",     "p.m.",
      "last", "week",        "the",     "'",      "\xE2\x80\x99", "s",        "mid",   "31",    "9",
      "12",   ",",           "ago",     "every",  "Tuesday",      "quarter",  "first", "\xC3",  "\xFF",
      "00",   "99999999999", "half",    "a",      "year",         "and",      "of",    "1990s", "\n",
      ".",    "twenty",      "-five",   "while",  "moment",       "annually", "%",     "one",   "day",
      "will", "this",        "quarter", "earlier"};
  const std::vector<std::string> dates = {"2023-09-05", "",           "2024-02-29", "0001-01-01",
                                          "9999-12-31", "2023-02-30", "garbage",    "2021-01-01"};
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    const int n = static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    std::vector<TimeExpr> out;
    SharedTimexRecognizer().Recognize(text, dates[rng() % dates.size()], {}, {}, &out);
    for (const TimeExpr& t : out) {
      ASSERT_LE(t.byte_begin, t.byte_end);
      ASSERT_LE(t.byte_end, text.size());
      ASSERT_FALSE(t.value.empty()) << text;
      if (t.value.size() == 10 && t.value[4] == '-' && t.value[7] == '-' && t.value[0] != 'X' &&
          t.value[8] != 'X') {
        ASSERT_TRUE(ParseIsoDate(t.value).has_value()) << t.value << " from: " << text;
      }
    }
  }
}

}  // namespace
}  // namespace newsgraph::temporal
