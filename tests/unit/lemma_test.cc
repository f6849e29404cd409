// Lemmatizer: learned rules, WordNet exceptions and capitalisation, on a hand-made training set
// (always runs) and on the shipped model.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tagger/lemmatizer.h"
#include "tagger/tagger.h"

namespace newsgraph::syntax {
namespace {

SyntaxSentence Make(std::initializer_list<std::array<const char*, 3>> rows) {
  SyntaxSentence s;
  for (const auto& r : rows) {
    s.forms.emplace_back(r[0]);
    s.xpos.emplace_back(r[1]);
    s.lemmas.emplace_back(r[2]);
  }
  s.upos.resize(s.size());
  s.feats.resize(s.size());
  s.heads.resize(s.size());
  s.deprels.resize(s.size());
  return s;
}

TEST(Lemmatizer, LearnsRulesAndUsesWordNet) {
  std::vector<SyntaxSentence> data = {
      Make({{"The", "DT", "the"}, {"officials", "NNS", "official"}, {"walked", "VBD", "walk"}}),
      Make({{"Two", "CD", "two"}, {"reporters", "NNS", "reporter"}, {"talked", "VBD", "talk"}}),
      Make({{"Kim", "NNP", "Kim"}, {"visited", "VBD", "visit"}, {"Moscow", "NNP", "Moscow"}}),
      Make({{"Putin", "NNP", "Putin"}, {"said", "VBD", "say"}, {"cities", "NNS", "city"}}),
      Make({{"Many", "JJ", "many"}, {"armies", "NNS", "army"}, {"marched", "VBD", "march"}}),
  };
  Lemmatizer lem;
  const std::string wordnet = "/usr/share/wordnet";
  lem.Train(data, std::filesystem::exists(wordnet + "/verb.exc") ? wordnet : "");
  EXPECT_EQ(lem.Lemmatize("jumped", "VBD"), "jump");       // suffix rule "ed" -> ""
  EXPECT_EQ(lem.Lemmatize("soldiers", "NNS"), "soldier");  // suffix rule "s" -> ""
  EXPECT_EQ(lem.Lemmatize("said", "VBD"), "say");          // training lexicon
  EXPECT_EQ(lem.Lemmatize("Obama", "NNP"), "Obama");       // proper nouns keep their case
  EXPECT_EQ(lem.Lemmatize("The", "DT"), "the");            // others are lower-cased
  if (std::filesystem::exists(wordnet + "/verb.exc")) {
    EXPECT_EQ(lem.Lemmatize("went", "VBD"), "go");      // WordNet verb.exc
    EXPECT_EQ(lem.Lemmatize("mice", "NNS"), "mouse");   // WordNet noun.exc
    EXPECT_EQ(lem.Lemmatize("better", "JJR"), "good");  // WordNet adj.exc
  }
  // A lower-casing tag's rule that appends a capital is one word's spelling: it lemmatises that
  // word ("Syrian", kept capitalised by the treebank) but is no suffix rule for another
  // ("Nigerian" shares "-rian" and would become "niSyrian").
  std::vector<SyntaxSentence> proper = {
      Make({{"Syrian", "JJ", "Syrian"}, {"troops", "NNS", "troop"}}),
      Make({{"Syrian", "JJ", "Syrian"}, {"forces", "NNS", "force"}}),
      Make({{"Big", "JJ", "big"}, {"troops", "NNS", "troop"}}),
      Make({{"Old", "JJ", "old"}, {"troops", "NNS", "troop"}}),
      Make({{"New", "JJ", "new"}, {"troops", "NNS", "troop"}}),
  };
  Lemmatizer adj;
  adj.Train(proper, "");
  EXPECT_EQ(adj.Lemmatize("Syrian", "JJ"), "Syrian");
  EXPECT_EQ(adj.Lemmatize("Nigerian", "JJ"), "nigerian");
  // Round trip through the model encoding.
  BinaryWriter w;
  lem.Write(w);
  Lemmatizer back;
  BinaryReader r(w.bytes());
  ASSERT_TRUE(back.Read(r));
  EXPECT_EQ(back.Lemmatize("jumped", "VBD"), "jump");
}

TEST(Lemmatizer, ShippedModel) {
  auto m = TaggerModel::Load(std::string(NEWSGRAPH_TEST_DATA) + "/../../models/tagger.ngm");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const Lemmatizer& lem = (*m)->lemmatizer();
  EXPECT_EQ(lem.Lemmatize("went", "VBD"), "go");
  EXPECT_EQ(lem.Lemmatize("was", "VBD"), "be");
  EXPECT_EQ(lem.Lemmatize("attacked", "VBN"), "attack");
  EXPECT_EQ(lem.Lemmatize("cities", "NNS"), "city");
  EXPECT_EQ(lem.Lemmatize("children", "NNS"), "child");
  EXPECT_EQ(lem.Lemmatize("Ministers", "NNS"), "minister");
  EXPECT_EQ(lem.Lemmatize("Kim", "NNP"), "Kim");
  EXPECT_EQ(lem.Lemmatize("began", "VBD"), "begin");
  EXPECT_EQ(lem.Lemmatize("outflanked", "VBD"), "outflank");  // unseen: suffix rule
  EXPECT_EQ(lem.Lemmatize("n't", "RB"), "not");
  // Capitals come only from the word that taught them (see LearnsRulesAndUsesWordNet).
  EXPECT_EQ(lem.Lemmatize("Palestinian", "JJ"), "Palestinian");
  EXPECT_EQ(lem.Lemmatize("I", "PRP"), "I");
  EXPECT_EQ(lem.Lemmatize("Nigerian", "JJ"), "nigerian");
  EXPECT_EQ(lem.Lemmatize("manganese", "NN"), "manganese");
}

}  // namespace
}  // namespace newsgraph::syntax
