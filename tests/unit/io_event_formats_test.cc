// Event row writers: column counts of GDELT/ICEWS/POLECAT rows and well-formed PLOVER JSON lines.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "io/event_formats.h"
#include "split_tabs.h"

namespace newsgraph {
namespace {

using newsgraph::testing::SplitTabsToStrings;

Event SampleEvent() {
  Event e;
  e.id = "ev-1";
  e.event = "AGREE";
  e.mode = "";
  e.context = {"military", "diplomatic"};
  e.cameo = "036";
  e.quad = 1;
  e.goldstein = 4.0;
  e.certainty = "future";
  e.actor.push_back(EventArgument{"Kim\tJong Un", "PRK", "GOV", "Q56226", 0, 0});
  e.actor.push_back(EventArgument{"aides", "PRK", "", "", 0, 0});
  e.recipient.push_back(EventArgument{"Vladimir Putin", "RUS", "GOV", "Q7747", 0, 0});
  e.date = "2023-09";
  e.location = EventLocation{"Vladivostok", "RUS", 43.1056, 131.8735, 2013348};
  e.attribution.push_back(AttributionLink{"the New York Times", "USA", "publication"});
  e.sentence = 0;
  e.confidence = 0.8;
  return e;
}

EventRecord Record(const Event& e) {
  EventRecord r;
  r.event = &e;
  r.doc_id = "seed";
  r.doc_date = "2023-09-05";
  r.doc_url = "https://example.org/a";
  r.doc_source = "The \"Paper\"";
  r.sentence_text = "Kim Jong Un plans to\nmeet Putin.";
  return r;
}

TEST(IoEventFormats, TabularColumnCounts) {
  const Event e = SampleEvent();
  Event bare;  // no arguments, no location, no date
  bare.id = "x";
  for (EventFormat f : {EventFormat::kGdelt, EventFormat::kIcews, EventFormat::kPolecat}) {
    const std::size_t expected = f == EventFormat::kGdelt ? 61 : f == EventFormat::kIcews ? 20 : 27;
    EXPECT_EQ(EventFormatColumns(f).size(), expected);
    std::string header;
    AppendEventHeader(f, header);
    ASSERT_EQ(header.back(), '\n');
    header.pop_back();
    EXPECT_EQ(SplitTabsToStrings(header).size(), expected);
    for (const Event* ev : std::vector<const Event*>{&e, &bare}) {
      std::string row;
      EventRecord r = Record(*ev);
      if (ev == &bare) r.doc_date.clear();
      AppendEventRow(f, r, row);
      ASSERT_EQ(row.back(), '\n');
      row.pop_back();
      EXPECT_EQ(row.find('\n'), std::string::npos);
      EXPECT_EQ(SplitTabsToStrings(row).size(), expected) << row;
    }
  }
}

TEST(IoEventFormats, GdeltFields) {
  const Event e = SampleEvent();
  std::string row;
  AppendGdeltRow(Record(e), row);
  row.pop_back();
  const auto cols = SplitTabsToStrings(row);
  EXPECT_EQ(cols[0], std::to_string(GdeltEventId("ev-1")));
  EXPECT_EQ(cols[1], "20230905");
  EXPECT_EQ(cols[2], "202309");
  EXPECT_EQ(cols[3], "2023");
  EXPECT_EQ(cols[4], "2023.6795");  // day 248 of 365
  EXPECT_EQ(cols[5], "PRKGOV");
  EXPECT_EQ(cols[6], "Kim Jong Un");
  EXPECT_EQ(cols[7], "PRK");
  EXPECT_EQ(cols[12], "GOV");
  EXPECT_EQ(cols[15], "RUSGOV");
  EXPECT_EQ(cols[17], "RUS");
  EXPECT_EQ(cols[25], "1");
  EXPECT_EQ(cols[26], "036");
  EXPECT_EQ(cols[27], "036");
  EXPECT_EQ(cols[28], "03");
  EXPECT_EQ(cols[29], "1");
  EXPECT_EQ(cols[30], "4");
  EXPECT_EQ(cols[35], "0");  // Actor1Geo_Type
  EXPECT_EQ(cols[51], "4");  // ActionGeo_Type: a gazetteer place
  EXPECT_EQ(cols[52], "Vladivostok");
  EXPECT_EQ(cols[53], "RUS");
  EXPECT_EQ(cols[56], "43.1056");
  EXPECT_EQ(cols[58], "2013348");
  EXPECT_EQ(cols[59], "20230905000000");
  EXPECT_EQ(cols[60], "https://example.org/a");
  EXPECT_EQ(GdeltEventId("12345"), 12345);
  EXPECT_GT(GdeltEventId("abc"), 0);
  EXPECT_EQ(GdeltEventId("abc"), GdeltEventId("abc"));
}

TEST(IoEventFormats, IcewsAndPolecatFields) {
  const Event e = SampleEvent();
  std::string row;
  AppendIcewsRow(Record(e), row);
  row.pop_back();
  auto cols = SplitTabsToStrings(row);
  EXPECT_EQ(cols[1], "2023-09-05");
  EXPECT_EQ(cols[4], "PRK");
  EXPECT_EQ(cols[6], "036");
  EXPECT_EQ(cols[10], "RUS");
  EXPECT_EQ(cols[12], "1");
  EXPECT_EQ(cols[14], "Vladivostok");
  EXPECT_EQ(cols[17], "RUS");
  row.clear();
  AppendPolecatRow(Record(e), row);
  row.pop_back();
  cols = SplitTabsToStrings(row);
  EXPECT_EQ(cols[2], "AGREE");
  EXPECT_EQ(cols[6], "military;diplomatic");
  EXPECT_EQ(cols[10], "Q56226");
  EXPECT_EQ(cols[23], "future");
  EXPECT_EQ(cols[25], "Kim Jong Un plans to meet Putin.");
}

TEST(IoEventFormats, PloverLinesParse) {
  const Event e = SampleEvent();
  Event bare;
  bare.id = "x";
  for (const Event* ev : std::vector<const Event*>{&e, &bare}) {
    std::string line;
    AppendEventRow(EventFormat::kPlover, Record(*ev), line);
    ASSERT_EQ(line.back(), '\n');
    line.pop_back();
    EXPECT_EQ(line.find('\n'), std::string::npos);
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    ASSERT_FALSE(parser.parse(line).get(root)) << line;
    EXPECT_EQ(std::string_view(root["id"]), ev->id);
    for (const char* field : {"date", "actor", "recipient", "event", "mode", "context", "certainty",
                              "attribution", "event_loc", "text", "cite_info"}) {
      simdjson::dom::element value;
      EXPECT_FALSE(root[field].get(value)) << field;
    }
  }
  std::string line;
  AppendPloverJson(Record(e), line);
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(line);
  EXPECT_EQ(std::string_view(root["date"]), "2023-09-05");
  EXPECT_EQ(std::string_view(root["event"].at(0)), "AGREE");
  EXPECT_EQ(std::string_view(root["actor"].at(0)["code"]), "PRK");
  EXPECT_EQ(std::string_view(root["actor"].at(0)["identifier_id"]), "Q56226");
  EXPECT_EQ(std::string_view(root["cite_info"]["publication"]), "The \"Paper\"");
  EXPECT_EQ(int64_t(root["event_loc"]["geonameid"]), 2013348);
}

TEST(IoEventFormats, RecordsOfDoc) {
  Doc doc("d", "First sentence. Kim will meet Putin.");
  doc.date = "2023-09-05";
  doc.sentences.push_back(SentenceData{0, 0, 0, 15, {}});
  doc.sentences.push_back(SentenceData{0, 0, 16, 36, {}});
  Event e = SampleEvent();
  e.sentence = 1;
  doc.events.push_back(e);
  const auto records = EventRecordsOf(doc);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].sentence_text, "Kim will meet Putin.");
  EXPECT_EQ(records[0].doc_date, "2023-09-05");
  EXPECT_EQ(*ParseEventFormat("gdelt"), EventFormat::kGdelt);
  EXPECT_FALSE(ParseEventFormat("csv").ok());
}

}  // namespace
}  // namespace newsgraph
