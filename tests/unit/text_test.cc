// Tokenizer, sentence splitter and segmenter component tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "newsgraph/doc.h"
#include "pipeline/stages.h"
#include "text/segment_eval.h"
#include "text/segmenter.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace newsgraph::text {
namespace {

// Tokens separated by spaces; a piece split from the previous one inside a word gets a "+".
std::string Tok(const std::string& text) {
  std::vector<TokenSpan> tokens;
  Tokenize(text, &tokens);
  std::string out;
  for (const TokenSpan& t : tokens) {
    if (!out.empty()) out += ' ';
    if (t.joined()) out += '+';
    out += text.substr(t.byte_begin, t.byte_end - t.byte_begin);
  }
  return out;
}

std::vector<std::string> Sents(const std::string& text) {
  std::vector<TokenSpan> tokens;
  std::vector<SentenceSpan> sentences;
  Segment(text, &tokens, &sentences);
  std::vector<std::string> out;
  for (const SentenceSpan& s : sentences) {
    out.push_back(text.substr(s.byte_begin, s.byte_end - s.byte_begin));
  }
  return out;
}

struct TokCase {
  const char* text;
  const char* expected;
};

TEST(TextTokenizer, EwtConventions) {
  const TokCase cases[] = {
      // contractions and clitics
      {"I don't know.", "I do +n't know ."},
      {"She can't, he won't, they ain't", "She ca +n't , he wo +n't , they ai +n't"},
      {"I'm, you're, we'll, they've, he'd", "I +'m , you +'re , we +'ll , they +'ve , he +'d"},
      {"John's car and Let's go", "John +'s car and Let +'s go"},
      {"I\u2019m sure it\u2019s John\u2019s; it wasn\u2019t",
       "I +\u2019m sure it +\u2019s John +\u2019s ; it was +n\u2019t"},
      {"cannot gonna wanna gotta dont", "can +not gon +na wan +na got +ta do +nt"},
      {"the boys' toys", "the boys +' toys"},
      {"JFK Jr.'s book", "JFK Jr. +'s book"},
      {"O'Connell and the '90s, the 80's, 'em", "O'Connell and the '90s , the 80's , 'em"},
      // quotes
      {"'This is great,' she said.", "' This is great , ' she said ."},
      {"\"Yes,\" he said.", "\" Yes , \" he said ."},
      {"\u201cYes\u201d \u2014 he said \u2013 ok\u2026", "\u201c Yes \u201d \u2014 he said \u2013 ok \u2026"},
      {"``Hi'' there", "`` Hi '' there"},
      // punctuation runs
      {"Wait... what?! No!! Really?", "Wait ... what ?! No !! Really ?"},
      {"word--word (see [1])", "word -- word ( see [ 1 ] )"},
      {"account(s)", "account (s)"},
      // URLs, e-mail, handles, emoticons
      {"See https://example.com/a_b?x=1&y=2.", "See https://example.com/a_b?x=1&y=2 ."},
      {"(www.bbc.co.uk/news)", "( www.bbc.co.uk/news )"},
      {"Mail jane.doe@example.com, now", "Mail jane.doe@example.com , now"},
      {"@BBCWorld #Brexit news", "@BBCWorld #Brexit news"},
      {"fine :) really ;-) yes", "fine :) really ;-) yes"},
      // numbers and units
      {"$1,000.50 and 3.5% of \u00a3522,000", "$ 1,000.50 and 3.5 % of \u00a3 522,000"},
      {"at 3:30 on 9/11 and 5pm", "at 3:30 on 9/11 and 5 pm"},
      {"$13.9M in the 1990s, the 21st", "$ 13.9 M in the 1990s , the 21st"},
      {"in 1969-1970 call 713-853-3989", "in 1969 - 1970 call 713-853-3989"},
      // abbreviations keep their period inside a sentence
      {"Mr. Smith of the U.S. met Gen. Lee at 5 a.m. today",
       "Mr. Smith of the U.S. met Gen. Lee at 5 a.m. today"},
      {"J. R. R. Tolkien, e.g. this", "J. R. R. Tolkien , e.g. this"},
      {"No. 5 but say no.", "No. 5 but say no ."},
      {"etc... and more", "etc ... and more"},
      // hyphens as EWT writes them
      {"long-term e-mail non-violent co-operate Al-Qaeda mid-1980s F-16 well-known",
       "long - term e-mail non-violent co-operate Al - Qaeda mid-1980s F-16 well - known"},
      {"U.S.-led talks", "U.S. - led talks"},
      // emoji and non-Latin scripts
      {"Great \U0001F44D\U0001F3FD news \U0001F1EC\U0001F1E7!",
       "Great \U0001F44D\U0001F3FD news \U0001F1EC\U0001F1E7 !"},
      {"Z\u00fcrich \u0395\u03bb\u03bb\u03ac\u03b4\u03b1 \u5317\u4eac \u041c\u043e\u0441\u043a\u0432\u0430.",
       "Z\u00fcrich \u0395\u03bb\u03bb\u03ac\u03b4\u03b1 \u5317\u4eac \u041c\u043e\u0441\u043a\u0432\u0430 "
       "."},
      {"a\u00a0b\u2009c", "a b c"},
      {"\u300c\u6771\u4eac\u300d\uff08\u65e5\u672c\uff09",
       "\u300c \u6771\u4eac \u300d \uff08 \u65e5\u672c \uff09"},
  };
  for (const TokCase& c : cases) {
    EXPECT_EQ(Tok(c.text), c.expected) << "input: " << c.text;
  }
}

TEST(TextTokenizer, OffsetsWithMultibyteCharacters) {
  const std::string text = "Z\u00fcrich\u2019s \u201cbig\u201d day \U0001F600.";
  Doc doc("d", text);
  std::vector<TokenSpan> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(Tok(text), "Z\u00fcrich +\u2019s \u201c big \u201d day \U0001F600 .");
  for (const TokenSpan& t : tokens) {
    EXPECT_EQ(t.cp_begin, doc.CodePoint(t.byte_begin));
    EXPECT_EQ(t.cp_end, doc.CodePoint(t.byte_end));
  }
  EXPECT_EQ(tokens[0].cp_begin, 0u);
  EXPECT_EQ(tokens[0].cp_end, 6u);  // Zürich: 6 code points, 7 bytes
  EXPECT_EQ(tokens[0].byte_end, 7u);
  EXPECT_EQ(tokens[1].cp_end, 8u);
  // space_after: "Zürich" is glued to "’s"; "’s" has a space after it.
  EXPECT_FALSE(tokens[0].space_after());
  EXPECT_TRUE(tokens[1].space_after());
  EXPECT_FALSE(tokens[2].space_after());
  EXPECT_TRUE(tokens.back().space_after());  // the end of the text counts as a break
}

TEST(TextTokenizer, EmptyAndWhitespaceOnly) {
  std::vector<TokenSpan> tokens{TokenSpan{}};
  Tokenize("", &tokens);
  EXPECT_TRUE(tokens.empty());
  Tokenize(" \n\t \u00a0", &tokens);
  EXPECT_TRUE(tokens.empty());
}

struct SentCase {
  const char* text;
  std::vector<std::string> expected;
};

TEST(TextSplitter, NewsCases) {
  const SentCase cases[] = {
      {"He left. She stayed.", {"He left.", "She stayed."}},
      {"Mr. Smith went to Washington. He met Sen. Jones there.",
       {"Mr. Smith went to Washington.", "He met Sen. Jones there."}},
      {"I live in the U.S. He does too.", {"I live in the U.S.", "He does too."}},
      {"The U.S. Army said so on Jan. 5 at No. 10.", {"The U.S. Army said so on Jan. 5 at No. 10."}},
      {"J. R. R. Tolkien wrote it.", {"J. R. R. Tolkien wrote it."}},
      {"It cost $3.5 million. Nobody paid.", {"It cost $3.5 million.", "Nobody paid."}},
      {"\"Stop!\" he said. Then he left.", {"\"Stop!\" he said.", "Then he left."}},
      {"\"We will win.\" The crowd cheered.", {"\"We will win.\"", "The crowd cheered."}},
      {"He said (it was late.) and left.", {"He said (it was late.) and left."}},
      {"Kim plans Russia trip\nSEOUL (Reuters) - North Korea's leader will travel.",
       {"Kim plans Russia trip", "SEOUL (Reuters) - North Korea's leader will travel."}},
      {"first paragraph\n\nsecond paragraph", {"first paragraph", "second paragraph"}},
      {"talks with the\nPresident today.", {"talks with the\nPresident today."}},
      {"1. First item 2. Second item", {"1. First item", "2. Second item"}},
      {"a) Apples b) Pears", {"a) Apples", "b) Pears"}},
      {"\u2022 One thing \u2022 Another thing", {"\u2022 One thing", "\u2022 Another thing"}},
      {"He paused... and went on.", {"He paused... and went on."}},
      {"It ended.... Then silence.", {"It ended....", "Then silence."}},
      {"Why? Because.", {"Why?", "Because."}},
      {"She works at Yahoo! in London.", {"She works at Yahoo! in London."}},
      {"\u201cNo,\u201d she said. \u201cNever.\u201d", {"\u201cNo,\u201d she said.", "\u201cNever.\u201d"}},
      {"Wait \u2026 What?", {"Wait \u2026", "What?"}},
      {"He died in 1805. [6] Then it rained.[a] Yes.",
       {"He died in 1805. [6]", "Then it rained.[a]", "Yes."}},
      {"It was taken. $44m went missing.", {"It was taken.", "$44m went missing."}},
  };
  for (const SentCase& c : cases) {
    EXPECT_EQ(Sents(c.text), c.expected) << "input: " << c.text;
  }
}

// E-mail and forum text whose header and signature lines lost their line breaks (as in the
// rebuilt EWT text): each rule below, and a case it must leave alone.
TEST(TextSplitter, TimeStampLines) {
  const SentCase cases[] = {
      {"Kay Mann 04/26/2001 07:17 AM Will you send a copy?",
       {"Kay Mann", "04/26/2001 07:17 AM", "Will you send a copy?"}},
      {"Christa Winfrey 08/08/2000 11:36 AM have you heard from anyone?",
       {"Christa Winfrey", "08/08/2000 11:36 AM", "have you heard from anyone?"}},
      // A stamp inside a sentence: after a lowercase word, and completed by a time zone.
      {"It was sent on 08/16/2000 03:48 PM CST by Traci.",
       {"It was sent on 08/16/2000 03:48 PM CST by Traci."}},
      {"The call is at 10:00 AM Houston time.", {"The call is at 10:00 AM Houston time."}},
  };
  for (const SentCase& c : cases) EXPECT_EQ(Sents(c.text), c.expected) << "input: " << c.text;
}

TEST(TextSplitter, ClosingFormulaOfALetter) {
  const SentCase cases[] = {
      {"See you there. Best regards, Debra Perlingiere",
       {"See you there.", "Best regards,", "Debra Perlingiere"}},
      {"Sincerely, Traci Warner", {"Sincerely,", "Traci Warner"}},
      {"Thanks, Kim.", {"Thanks, Kim."}},
      {"Thanks, I will.", {"Thanks, I will."}},
      {"He sent his regards, Smith said.", {"He sent his regards, Smith said."}},
  };
  for (const SentCase& c : cases) EXPECT_EQ(Sents(c.text), c.expected) << "input: " << c.text;
}

TEST(TextSplitter, AddressesEndHeaderLines) {
  const SentCase cases[] = {
      {"Mail kevin.boone@accenture.com Our web address is http://www.accenture.com",
       {"Mail kevin.boone@accenture.com", "Our web address is http://www.accenture.com"}},
      {"See http://a.example.com/1.html http://a.example.com/2.html",
       {"See http://a.example.com/1.html", "http://a.example.com/2.html"}},
      {"Read www.example.com Comments are welcome.", {"Read www.example.com", "Comments are welcome."}},
      {"\"Les Spahnn\" <spahnn@hnks.com> 02/13/2001 08:02 PM All is well.",
       {"\"Les Spahnn\" <spahnn@hnks.com>", "02/13/2001 08:02 PM", "All is well."}},
      {"- TEXT.htm << File: TEXT.htm >> I was thinking of it.",
       {"- TEXT.htm << File: TEXT.htm >>", "I was thinking of it."}},
      // An author line: an e-mail address before a name that does not start sentences.
      {"Claire Ross claire.ross@port.ac.uk University of Portsmouth",
       {"Claire Ross claire.ross@port.ac.uk University of Portsmouth"}},
      {"If x > Y then stop.", {"If x > Y then stop."}},
  };
  for (const SentCase& c : cases) EXPECT_EQ(Sents(c.text), c.expected) << "input: " << c.text;
}

TEST(TextSplitter, EtcBeforeACapital) {
  EXPECT_EQ(Sents("We sell apples, pears, etc. Fresh fruit arrives daily."),
            (std::vector<std::string>{"We sell apples, pears, etc.", "Fresh fruit arrives daily."}));
  EXPECT_EQ(Sents("Apples, pears, etc. are sold."),
            (std::vector<std::string>{"Apples, pears, etc. are sold."}));
}

TEST(TextSplitter, QuoteThenSpeakerAndVerbOfSaying) {
  const SentCase cases[] = {
      {"\u201cSnap!\u201d Pete said. Then he left.", {"\u201cSnap!\u201d Pete said.", "Then he left."}},
      {"\"Are you still there?\" I asked.", {"\"Are you still there?\" I asked."}},
      {"\"Why?\" Betty Ross asked.", {"\"Why?\" Betty Ross asked."}},
      // No verb of saying: a new sentence.
      {"\"Stop!\" Pete left the room.", {"\"Stop!\"", "Pete left the room."}},
  };
  for (const SentCase& c : cases) EXPECT_EQ(Sents(c.text), c.expected) << "input: " << c.text;
}

TEST(TextSplitter, EllipsisBeforeI) {
  EXPECT_EQ(Sents("It took more than an hour... I had enough."),
            (std::vector<std::string>{"It took more than an hour...", "I had enough."}));
}

TEST(TextSplitter, DecimalWithoutLeadingZeroIsNotAFullStop) {
  EXPECT_EQ(Sents("Holt batted .292 with a triple."),
            (std::vector<std::string>{"Holt batted .292 with a triple."}));
}

TEST(TextSplitter, SentenceFinalAbbreviationLosesItsPeriod) {
  const std::string text = "They met Pitt, Briggs & Co. It closed at 6 p.m.";
  std::vector<TokenSpan> tokens;
  std::vector<SentenceSpan> sentences;
  Segment(text, &tokens, &sentences);
  ASSERT_EQ(sentences.size(), 2u);
  std::vector<std::string> forms;
  for (const TokenSpan& t : tokens) forms.push_back(text.substr(t.byte_begin, t.byte_end - t.byte_begin));
  const std::vector<std::string> expected = {"They", "met", "Pitt",   ",",  "Briggs", "&",   "Co",
                                             ".",    "It",  "closed", "at", "6",      "p.m", "."};
  EXPECT_EQ(forms, expected);
  EXPECT_EQ(sentences[0].token_end, 8u);
  EXPECT_FALSE(tokens[6].space_after());
  EXPECT_EQ(tokens[7].cp_begin, tokens[6].cp_end);
}

TEST(TextSplitter, CoversEveryTokenInOrder) {
  const std::string text = "A. B. C! \"D?\" (E.) ... F\n\nG\n";
  std::vector<TokenSpan> tokens;
  std::vector<SentenceSpan> sentences;
  Segment(text, &tokens, &sentences);
  ASSERT_FALSE(sentences.empty());
  std::uint32_t next = 0;
  for (const SentenceSpan& s : sentences) {
    EXPECT_EQ(s.token_begin, next);
    EXPECT_LT(s.token_begin, s.token_end);
    next = s.token_end;
  }
  EXPECT_EQ(next, tokens.size());
}

// Arbitrary bytes (invalid UTF-8, control characters) must never break the invariants.
TEST(TextSegment, ArbitraryBytesKeepInvariants) {
  std::mt19937 rng(12345);
  const std::string alphabet = "aZ9 .\n'\"-?!()$%@#:/,\xe2\x80\x99\xc3\xa9\xff\x80";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int len = static_cast<int>(rng() % 64);
    for (int i = 0; i < len; ++i) {
      text += (rng() % 4 == 0) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    std::vector<TokenSpan> tokens;
    std::vector<SentenceSpan> sentences;
    Segment(text, &tokens, &sentences);
    std::uint32_t prev_end = 0;
    for (const TokenSpan& t : tokens) {
      ASSERT_LE(prev_end, t.byte_begin) << text;
      ASSERT_LT(t.byte_begin, t.byte_end) << text;
      ASSERT_LE(t.byte_end, text.size()) << text;
      prev_end = t.byte_end;
    }
    std::uint32_t next = 0;
    for (const SentenceSpan& s : sentences) {
      ASSERT_EQ(s.token_begin, next) << text;
      ASSERT_LT(s.token_begin, s.token_end) << text;
      next = s.token_end;
    }
    ASSERT_EQ(next, tokens.size()) << text;
  }
}

TEST(TextSegmenter, ComponentFillsTokensAndSentences) {
  auto component = MakeSegmenter(PipelineConfig{});
  ASSERT_TRUE(component.ok());
  EXPECT_EQ((*component)->Name(), "segmenter");
  EXPECT_EQ((*component)->Assigns(), kLayerTokens | kLayerSentences);
  EXPECT_EQ((*component)->Requires(), 0u);
  Doc doc("d", "Kim met Putin. They talked.");
  ASSERT_TRUE((*component)->Process(doc).ok());
  ASSERT_EQ(doc.tokens.size(), 7u);
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.sentence(1).text(), "They talked.");
  EXPECT_EQ(doc.token(2).text(), "Putin");
  EXPECT_FALSE(doc.tokens[2].space_after);
}

TEST(TextSegmenter, PretokenizedDocKeepsItsTokens) {
  Doc doc("d", "New York-based firm . It grew .");
  // Hand-made tokens that the tokenizer would split differently.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> spans = {{0, 14},  {15, 19}, {20, 21},
                                                                      {22, 24}, {25, 29}, {30, 31}};
  for (const auto& [b, e] : spans) {
    TokenData t;
    t.byte_begin = b;
    t.byte_end = e;
    t.cp_begin = b;
    t.cp_end = e;
    doc.tokens.push_back(t);
  }
  ASSERT_TRUE(SegmentDoc(doc).ok());
  ASSERT_EQ(doc.tokens.size(), spans.size());
  EXPECT_EQ(doc.token(0).text(), "New York-based");
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.sentences[0].token_end, 3u);
  // Sentences already present are left alone.
  doc.sentences.resize(1);
  doc.sentences[0].token_end = 6;
  ASSERT_TRUE(SegmentDoc(doc).ok());
  EXPECT_EQ(doc.sentences.size(), 1u);
}

TEST(TextEval, GoldenRules) {
  const std::string path = std::string(NEWSGRAPH_SHARED_DATA) + "/segmentation/golden_rules_en.jsonl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent: " << path;
  auto result = EvalGoldenRules(path);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->total, 48);
  std::string failures;
  for (const auto& f : result->failures) failures += f.id + " ";
  EXPECT_GE(result->correct, 47) << "failed cases: " << failures;
}

TEST(TextEval, EwtDevSegmentation) {
  const std::string path = std::string(NEWSGRAPH_SHARED_DATA) + "/ud/en_ewt-ud-dev.conllu";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent: " << path;
  auto result = EvalConlluSegmentation(path);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_GE(result->tokens.F1(), 99.0);
  EXPECT_GE(result->sentences.F1(), 88.0);
}

TEST(TextEval, MissingGoldFileIsE501) {
  auto result = EvalGoldenRules("/nonexistent/golden.jsonl");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kGoldNotFound);
}

}  // namespace
}  // namespace newsgraph::text
