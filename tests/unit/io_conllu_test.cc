// CoNLL-U and CoNLL/IOB2 parsing and writing: gold columns, offsets, round trips, errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/conllu.h"
#include "newsgraph/io.h"

namespace newsgraph {
namespace {

std::string TestFile(const std::string& name) { return std::string(NEWSGRAPH_TEST_DATA) + "/io/" + name; }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(IoConllu, ParsesDocumentsSentencesAndGoldColumns) {
  auto docs = ReadConlluFile(TestFile("sample.conllu"));
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 2u);
  const Doc& a = (*docs)[0];
  EXPECT_EQ(a.id, "doc-a");
  EXPECT_EQ(a.date, "2023-09-05");
  // "ca" + "n't" spell "can't": laid out contiguously. "À"+"le" do not spell "Au": surface form.
  EXPECT_EQ(a.text, "Kim can't meet Putin. Au revoir.");
  ASSERT_EQ(a.sentences.size(), 2u);
  ASSERT_EQ(a.tokens.size(), 10u);
  EXPECT_EQ(a.token(1).text(), "ca");
  EXPECT_EQ(a.token(2).text(), "n't");
  EXPECT_FALSE(a.tokens[1].space_after);
  EXPECT_EQ(a.tokens[0].upos, "PROPN");
  EXPECT_EQ(a.tokens[0].xpos, "NNP");
  EXPECT_EQ(a.tokens[0].feats, "Number=Sing");
  EXPECT_EQ(a.tokens[0].head, 4);
  EXPECT_EQ(a.tokens[0].deprel, "nsubj");
  EXPECT_EQ(a.tokens[2].feats, "");
  EXPECT_EQ(a.tokens[0].input_columns.size(), 10u);
  EXPECT_EQ(a.token(6).text(), "Au");  // "À" spans the multiword surface form
  EXPECT_EQ(a.token(7).text(), "Au");
  EXPECT_EQ(a.tokens[8].lemma, "revoir");
  EXPECT_EQ(a.sentences[0].comments.size(), 5u);
  EXPECT_EQ(a.sentences[1].token_begin, 6u);
  EXPECT_EQ(a.slice(a.sentences[0].byte_begin, a.sentences[0].byte_end), "Kim can't meet Putin.");

  const Doc& b = (*docs)[1];
  EXPECT_EQ(b.id, "doc-b");
  EXPECT_EQ(b.text, "Séoul said\n\nYes");  // "# newpar" separates paragraphs
  EXPECT_EQ(b.tokens[1].cp_begin, 6u);     // code points, "é" is two bytes
  EXPECT_EQ(b.tokens[1].byte_begin, 7u);
  EXPECT_EQ(b.tokens[1].feats, "Mood=Ind|Tense=Past");
}

TEST(IoConllu, RoundTripIsIdentical) {
  const std::string input = Slurp(TestFile("sample.conllu"));
  auto docs = ParseConllu(input, "sample.conllu");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  std::string out;
  for (const Doc& d : *docs) WriteConllu(d, out);
  EXPECT_EQ(out, input);
}

TEST(IoConllu, RoundTripOfSharedTreebank) {
  const std::string path = std::string(NEWSGRAPH_SHARED_DATA) + "/ud/en_ewt-ud-dev.conllu";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data not present: " << path;
  const std::string input = Slurp(path);
  auto docs = ParseConllu(input, path);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  std::size_t sentences = 0;
  std::string out;
  for (const Doc& d : *docs) {
    sentences += d.sentences.size();
    WriteConllu(d, out);
  }
  EXPECT_EQ(sentences, 2001u);
  // The writer normalises nothing the parser kept: output equals input up to blank-line layout.
  std::string normalized = input;
  while (!normalized.empty() && normalized.back() == '\n') normalized.pop_back();
  while (!out.empty() && out.back() == '\n') out.pop_back();
  EXPECT_EQ(out.size(), normalized.size());
  EXPECT_TRUE(out == normalized);
}

// Every GUM document and the EWT training treebank parse and write back byte for byte.
TEST(IoConllu, RoundTripOfGumAndEwtTrain) {
  const std::string root = std::string(NEWSGRAPH_SHARED_DATA);
  if (!std::filesystem::exists(root + "/gum")) GTEST_SKIP() << "shared data not present: " << root;
  std::vector<std::string> paths = {root + "/ud/en_ewt-ud-train.conllu"};
  for (const char* split : {"/gum/train/dep", "/gum/dev/dep"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root + split)) paths.push_back(entry.path());
  }
  std::size_t dated = 0;
  for (const std::string& path : paths) {
    std::string input = Slurp(path);
    auto docs = ParseConllu(input, path);
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    std::string out;
    for (const Doc& d : *docs) {
      WriteConllu(d, out);
      if (!d.date.empty()) ++dated;
    }
    while (!input.empty() && input.back() == '\n') input.pop_back();
    while (!out.empty() && out.back() == '\n') out.pop_back();
    ASSERT_TRUE(out == input) << path;
  }
  EXPECT_GT(dated, 0u);  // GUM's "# meta::dateCreated"
}

// A line ends at its '\n' and every '\r' before it ("\r\r\n" too): a last column that is only
// '\r' is empty (E107), so what is read always writes back to text that reads the same (a
// fuzzer finding: "…\t\r\r" was read as MISC "\r", written as "\r\n", then refused).
TEST(IoConllu, CarriageReturnsEndTheLine) {
  auto crlf = ParseConllu("1\tA\tA\tX\tX\t_\t0\troot\t_\tx\r\r\n", "c.conllu");
  ASSERT_TRUE(crlf.ok()) << crlf.status().ToString();
  ASSERT_EQ(crlf->front().tokens.size(), 1u);
  EXPECT_EQ(crlf->front().tokens[0].input_columns[9], "x");
  auto only_cr = ParseConllu(std::string("1\tid\tA\tX\tX\t_\t1\tpu\r\td$\t\r\r", 24), "fuzz.conllu");
  ASSERT_FALSE(only_cr.ok());
  EXPECT_EQ(only_cr.status().code(), ErrorCode::kMalformedConllu);
}

TEST(IoConllu, ErrorsNameFileAndLine) {
  auto bad_columns = ParseConllu("# x\n1\tA\tA\tX\tX\t_\t0\troot\t_\n", "f.conllu");
  ASSERT_FALSE(bad_columns.ok());
  EXPECT_EQ(bad_columns.status().code(), ErrorCode::kMalformedConllu);
  EXPECT_NE(bad_columns.status().message().find("f.conllu:2"), std::string::npos)
      << bad_columns.status().message();

  auto bad_id = ParseConllu("1\tA\tA\tX\tX\t_\t0\troot\t_\t_\n3\tB\tB\tX\tX\t_\t1\tdep\t_\t_\n", "g.conllu");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_NE(bad_id.status().message().find("g.conllu:2"), std::string::npos);

  auto bad_head = ParseConllu("1\tA\tA\tX\tX\t_\t7\troot\t_\t_\n", "h.conllu");
  ASSERT_FALSE(bad_head.ok());
  EXPECT_EQ(bad_head.status().code(), ErrorCode::kMalformedConllu);

  auto bad_utf8 = ParseConllu("1\tA\xff\tA\tX\tX\t_\t0\troot\t_\t_\n", "u.conllu");
  ASSERT_FALSE(bad_utf8.ok());
  EXPECT_EQ(bad_utf8.status().code(), ErrorCode::kInvalidUtf8);

  auto missing = ReadConlluFile("/nonexistent/x.conllu");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kUnreadableInput);
}

TEST(IoConllu, IdsFromFileStemWithoutNewdoc) {
  auto docs =
      ParseConllu("1\tA\tA\tX\tX\t_\t0\troot\t_\t_\n\n1\tB\tB\tX\tX\t_\t0\troot\t_\t_\n", "dir/x.conllu");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].id, "x");
  EXPECT_EQ((*docs)[0].text, "A B");
  EXPECT_EQ((*docs)[0].tokens[0].head, 0);
}

TEST(IoConll, Iob1ConvertedAndDocstartSplitsDocuments) {
  auto docs = ReadConllFile(TestFile("iob1.conll"));
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 2u);
  const Doc& d = (*docs)[0];
  EXPECT_EQ(d.id, "iob1-1");
  EXPECT_EQ(d.text, "EU rejects German call .\nPeter Blackburn");
  ASSERT_EQ(d.tokens.size(), 7u);
  EXPECT_EQ(d.tokens[0].ner, "B-ORG");
  EXPECT_EQ(d.tokens[2].ner, "B-MISC");
  EXPECT_EQ(d.tokens[5].ner, "B-PER");
  EXPECT_EQ(d.tokens[6].ner, "I-PER");
  EXPECT_EQ(d.tokens[0].input_columns, (std::vector<std::string>{"EU", "NNP", "B-NP", "I-ORG"}));
  EXPECT_EQ((*docs)[1].id, "iob1-2");
  EXPECT_EQ((*docs)[1].tokens[0].ner, "B-LOC");
}

TEST(IoConll, RoundTripAddsOneColumn) {
  const std::string input = Slurp(TestFile("iob1.conll"));
  auto docs = ParseConll(input, "iob1.conll");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  std::string out;
  for (const Doc& d : *docs) WriteConll(d, out);
  // Expected: every token line gains the (IOB2) tag as a last column; the rest is unchanged.
  std::istringstream in_lines(input), out_lines(out);
  std::string a, b;
  std::size_t lines = 0;
  while (std::getline(in_lines, a)) {
    ASSERT_TRUE(std::getline(out_lines, b)) << "output ends early at line " << lines;
    ++lines;
    if (a.empty() || a.starts_with("-DOCSTART-")) {
      EXPECT_EQ(b, a);
    } else {
      ASSERT_TRUE(b.starts_with(a + " ")) << a << " | " << b;
      const std::string tag = b.substr(a.size() + 1);
      EXPECT_TRUE(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-")) << tag;
    }
  }
  EXPECT_FALSE(std::getline(out_lines, b));
}

TEST(IoConll, WikiannPrefixStrippedTabsKept) {
  const std::string input = Slurp(TestFile("wikiann.txt"));
  auto docs = ParseConll(input, "wikiann.txt");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 1u);
  const Doc& d = (*docs)[0];
  EXPECT_EQ(d.text, "R.H. Saunders ( Zürich )\nParis");
  EXPECT_EQ(d.tokens[3].cp_begin, 16u);
  EXPECT_EQ(d.tokens[3].cp_end, 22u);
  std::string out;
  WriteConll(d, out);
  EXPECT_TRUE(out.starts_with("en:R.H.\tB-ORG\tB-ORG\nen:Saunders\tI-ORG\tI-ORG\n")) << out;
}

TEST(IoConll, UnerNumberedLayout) {
  auto docs = ReadConllFile(TestFile("uner.iob2"));
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].id, "answers-1");
  EXPECT_EQ((*docs)[0].text, "where in tampa bay\nI");
  EXPECT_EQ((*docs)[0].tokens[2].ner, "B-LOC");
  EXPECT_EQ((*docs)[0].tokens[3].ner, "I-LOC");
  EXPECT_EQ((*docs)[1].id, "answers-2");
  EXPECT_EQ((*docs)[1].tokens[0].ner, "B-PER");
  std::string out;
  for (const Doc& d : *docs) WriteConll(d, out);
  EXPECT_EQ(out.substr(0, out.find("1\twhere")),
            "# newdoc id = answers-1\n# sent_id = answers-1-0001\n"
            "# text = where in tampa bay\n");
  EXPECT_NE(out.find("3\ttampa\tB-LOC\t-\tstephen\tB-LOC\n"), std::string::npos) << out;
}

TEST(IoConll, SharedCorporaParse) {
  const std::string root = std::string(NEWSGRAPH_SHARED_DATA) + "/ner/";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "shared data not present: " << root;
  for (const char* name : {"conll2003/valid.txt", "wikiann-en/dev", "uner-ewt/en_ewt-ud-dev.iob2"}) {
    auto docs = ReadConllFile(root + name);
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    std::size_t tokens = 0;
    for (const Doc& d : *docs) {
      tokens += d.tokens.size();
      for (const TokenData& t : d.tokens) {
        ASSERT_TRUE(t.ner == "O" || t.ner.starts_with("B-") || t.ner.starts_with("I-")) << name << t.ner;
      }
    }
    EXPECT_GT(tokens, 10000u) << name;
  }
}

TEST(IoConll, Errors) {
  auto bad_tag = ParseConll("EU NNP B-NP X-ORG\n", "t.conll");
  ASSERT_FALSE(bad_tag.ok());
  EXPECT_EQ(bad_tag.status().code(), ErrorCode::kMalformedConll);
  EXPECT_NE(bad_tag.status().message().find("t.conll:1"), std::string::npos);
  auto one_column = ParseConll("EU B-ORG\nrejects\n", "t.conll");
  ASSERT_FALSE(one_column.ok());
  EXPECT_NE(one_column.status().message().find("t.conll:2"), std::string::npos);
  auto ragged = ParseConll("EU NNP B-ORG\nrejects O\n", "t.conll");
  ASSERT_FALSE(ragged.ok());
  EXPECT_EQ(ragged.status().code(), ErrorCode::kMalformedConll);
}

}  // namespace
}  // namespace newsgraph
