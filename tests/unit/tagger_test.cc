// Tagger: model loading (good, truncated, wrong version, wrong kind, corrupt), sane tags on a few
// news sentences, and byte-identical training for a seed.
#include "tagger/tagger.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/model_file.h"
#include "parser/parser.h"
#include "syntax_training.h"

namespace newsgraph::syntax {
namespace {

using newsgraph::testing::ReadAll;
using newsgraph::testing::ScratchDir;
using newsgraph::testing::TinyTraining;

std::string ShippedTagger() { return std::string(NEWSGRAPH_TEST_DATA) + "/../../models/tagger.ngm"; }
std::string ShippedParser() { return std::string(NEWSGRAPH_TEST_DATA) + "/../../models/parser.ngm"; }

TEST(TaggerModel, LoadsShippedModel) {
  auto m = TaggerModel::Load(ShippedTagger());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_GT((*m)->num_classes(), 100);
}

TEST(TaggerModel, MissingFileIsE201) {
  auto m = TaggerModel::Load("/nonexistent/tagger.ngm");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kModelNotFound);
}

TEST(TaggerModel, TruncatedFileIsE204) {
  const std::string image = ReadAll(ShippedTagger());
  ASSERT_GT(image.size(), 1000u);
  for (std::size_t cut : {std::size_t{20}, image.size() / 2, image.size() - 1}) {
    auto m = TaggerModel::FromImage(std::string_view(image).substr(0, cut), "cut");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().code(), ErrorCode::kModelTruncated) << cut;
  }
}

TEST(TaggerModel, WrongVersionIsE203) {
  std::string image = ReadAll(ShippedTagger());
  ASSERT_GT(image.size(), 12u);
  image[8] = 99;  // version field follows the 8-byte magic
  auto m = TaggerModel::FromImage(image, "v99");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kModelVersion);
}

TEST(TaggerModel, WrongKindIsRejected) {
  auto m = TaggerModel::FromImage(ReadAll(ShippedParser()), "parser-as-tagger");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kModelBadMagic);
  auto p = ParserModel::FromImage(ReadAll(ShippedTagger()), "tagger-as-parser");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), ErrorCode::kModelBadMagic);
}

TEST(TaggerModel, CorruptPayloadIsE205) {
  std::string image = ReadAll(ShippedTagger());
  image[image.size() - 10] ^= 0x5a;
  auto m = TaggerModel::FromImage(image, "flipped");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kModelCorrupt);
  auto g = TaggerModel::FromImage("not a model at all", "text");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), ErrorCode::kModelBadMagic);
}

// A model whose stored self-test expectation no longer matches what it computes: E206.
TEST(TaggerModel, SelfTestMismatchIsE206) {
  const std::string image = ReadAll(ShippedTagger());
  ModelHeader header;
  std::string_view payload;
  ASSERT_TRUE(ParseModelImage(image, "shipped", "tagger", TaggerModel::kVersion, header, payload).ok());
  std::string raw;
  ASSERT_TRUE(Decompress(payload, 1ull << 30, raw));
  ASSERT_EQ(raw.back(), '.');  // the last stored self-test lemma is the one of "."
  raw.back() = 'x';
  const std::string path = (std::filesystem::temp_directory_path() / "ng_tagger_e206.ngm").string();
  ASSERT_TRUE(WriteModelFile(path, header, Compress(raw, 3)).ok());
  auto m = TaggerModel::Load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kModelSelfTest);
  std::filesystem::remove(path);
}

SyntaxSentence Sentence(std::initializer_list<const char*> words) {
  SyntaxSentence s;
  for (const char* w : words) s.forms.emplace_back(w);
  return s;
}

TEST(Tagger, TagsNewsSentences) {
  auto m = TaggerModel::Load(ShippedTagger());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto s = Sentence({"Shoigu", "visited", "Pyongyang", "on", "Tuesday", "."});
  (*m)->Annotate(s);
  EXPECT_EQ(s.upos[0], "PROPN");
  EXPECT_EQ(s.xpos[1], "VBD");
  EXPECT_EQ(s.upos[1], "VERB");
  EXPECT_NE(s.feats[1].find("Tense=Past"), std::string::npos) << s.feats[1];
  EXPECT_NE(s.feats[1].find("VerbForm=Fin"), std::string::npos) << s.feats[1];
  EXPECT_EQ(s.lemmas[1], "visit");
  EXPECT_EQ(s.upos[3], "ADP");
  EXPECT_EQ(s.upos[5], "PUNCT");

  auto f = Sentence({"Russia", "will", "sign", "the", "treaties", "next", "week", "."});
  (*m)->Annotate(f);
  EXPECT_EQ(f.xpos[1], "MD");
  EXPECT_EQ(f.upos[1], "AUX");
  EXPECT_EQ(f.xpos[2], "VB");
  EXPECT_NE(f.feats[2].find("VerbForm=Inf"), std::string::npos) << f.feats[2];
  EXPECT_EQ(f.lemmas[4], "treaty");
  EXPECT_NE(f.feats[4].find("Number=Plur"), std::string::npos);
}

// A full sentence whose only verb the greedy pass read as a participle gets it re-decoded as a
// past tense; a true reduced relative in a sentence with a finite verb, or after an
// auxiliary, keeps its participle.
TEST(Tagger, ASentenceWithoutAFiniteVerbGetsItsParticipleAsAPastTense) {
  auto m = TaggerModel::Load(ShippedTagger());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto s = Sentence({"Yeltsin", "on", "Saturday", "hosted", "Hashimoto", "."});
  (*m)->Annotate(s);
  EXPECT_EQ(s.xpos[3], "VBD");
  EXPECT_NE(s.feats[3].find("VerbForm=Fin"), std::string::npos) << s.feats[3];
  auto passive = Sentence({"Hashimoto", "was", "hosted", "by", "Yeltsin", "."});
  (*m)->Annotate(passive);
  EXPECT_EQ(passive.xpos[2], "VBN");
  auto relative = Sentence({"Troops", "killed", "in", "the", "attack", "were", "buried", "."});
  (*m)->Annotate(relative);
  EXPECT_EQ(relative.xpos[1], "VBN");
  // No finite verb, but an auxiliary before the participle, or a preposition of place after it
  // (a caption's reduced passive): the participle stays.
  auto infinitive = Sentence({"Hashimoto", "to", "be", "hosted", "by", "Yeltsin", "."});
  (*m)->Annotate(infinitive);
  EXPECT_EQ(infinitive.xpos[3], "VBN");
  auto caption = Sentence({"Three", "soldiers", "killed", "in", "Kabul", "."});
  (*m)->Annotate(caption);
  EXPECT_EQ(caption.xpos[2], "VBN");
}

// Wire copy's "<subject> on Tuesday <past tense>": the participle the greedy pass reads after the
// day is re-decoded as a past tense also when another clause keeps a finite verb; a participle
// before the day (a reduced relative) or followed by "by" (a passive) stays.
TEST(Tagger, APastTenseAfterADayBetweenSubjectAndVerbIsNoParticiple) {
  auto m = TaggerModel::Load(ShippedTagger());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto s = Sentence({"Rebels", "in", "the", "Ivory", "Coast", "on", "Tuesday", "blocked", "transport", "into",
                     "Abidjan", "as", "they", "continued", "their", "effort", "."});
  (*m)->Annotate(s);
  EXPECT_EQ(s.xpos[7], "VBD");
  EXPECT_NE(s.feats[7].find("VerbForm=Fin"), std::string::npos) << s.feats[7];
  auto relative = Sentence({"The", "man", "arrested", "on", "Tuesday", "said", "he", "was", "innocent", "."});
  (*m)->Annotate(relative);
  EXPECT_EQ(relative.xpos[2], "VBN");
  auto passive = Sentence({"A", "report", "on", "Tuesday", "published", "by", "the", "ministry", "said",
                           "the", "army", "had", "left", "."});
  (*m)->Annotate(passive);
  EXPECT_EQ(passive.xpos[4], "VBN");
}

// A sentence whose only finite verb is its closing source (", police said.") has lost its main
// verb as much as one without any: the participle after its subject is re-decoded; one followed
// by a preposition of place (a reduced passive) is not.
TEST(Tagger, TheClosingSourceIsNotTheSentencesVerb) {
  auto m = TaggerModel::Load(ShippedTagger());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto s = Sentence({"Zambia", "extradited", "suspected",  "British",  "militant", "Haroon", "Rashid",
                     "Aswad",  "to",         "Britain",    "on",       "Sunday",   ",",      "a",
                     "senior", "Zambian",    "government", "official", "said",     "."});
  (*m)->Annotate(s);
  EXPECT_EQ(s.xpos[1], "VBD");
  auto adjective = Sentence({"Irish", "nationalist", "guerrillas", "wounded", "two", "British", "soldiers",
                             "in", "a", "bomb", "attack", "on", "Thursday", ",", "police", "said", "."});
  (*m)->Annotate(adjective);
  EXPECT_EQ(adjective.xpos[3], "VBD");
  auto caption = Sentence({"Three", "soldiers", "killed", "in", "Kabul", ",", "officials", "said", "."});
  (*m)->Annotate(caption);
  EXPECT_EQ(caption.xpos[2], "VBN");
}

TEST(Tagger, TrainingIsDeterministic) {
  const ScratchDir dir("ng_tagger_det");
  TrainOptions o = TinyTraining(3, 7);
  o.out = dir.File("a.ngm");
  ASSERT_TRUE(TrainTagger(o).ok());
  o.out = dir.File("b.ngm");
  ASSERT_TRUE(TrainTagger(o).ok());
  const std::string a = ReadAll(dir.File("a.ngm")), b = ReadAll(dir.File("b.ngm"));
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  auto m = TaggerModel::Load(dir.File("a.ngm"));
  EXPECT_TRUE(m.ok()) << m.status().ToString();
}

// The clustered two-pass configuration (optional, not shipped): training is still byte-identical
// for a seed, the file loads (self-test included) and reports both parts, and it differs from
// a one-pass model trained on the same data.
TEST(Tagger, TwoPassWithClustersTrainsDeterministically) {
  const ScratchDir dir("ng_tagger_2p");
  TrainOptions o = TinyTraining(2, 3);
  o.clusters = std::string(NEWSGRAPH_TEST_DATA) + "/../../models/ner-clusters.bin";
  o.tagger_folds = 2;
  o.out = dir.File("a.ngm");
  ASSERT_TRUE(TrainTagger(o).ok());
  o.out = dir.File("b.ngm");
  ASSERT_TRUE(TrainTagger(o).ok());
  o.tagger_folds = 0;
  o.out = dir.File("one.ngm");
  ASSERT_TRUE(TrainTagger(o).ok());
  const std::string a = ReadAll(dir.File("a.ngm")), b = ReadAll(dir.File("b.ngm"));
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, ReadAll(dir.File("one.ngm")));
  auto m = TaggerModel::Load(dir.File("a.ngm"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_TRUE((*m)->two_pass());
  EXPECT_GT((*m)->cluster_words(), 1000u);
  auto one = TaggerModel::Load(dir.File("one.ngm"));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_FALSE((*one)->two_pass());
  EXPECT_GT((*one)->cluster_words(), 1000u);
  // Tagging works on words absent from the tiny training file (cluster lookups, both passes).
  auto s = Sentence({"BRUSSELS", "rejected", "the", "Kremlin", "'s", "offer", "."});
  (*m)->Annotate(s);
  EXPECT_EQ(s.upos.size(), 7u);
}

// Feature augmentation folds the target-domain copies into the general weights: the model
// loads, passes its self-test and differs from the unadapted one.
TEST(Tagger, DomainAdaptationTrainsAndLoads) {
  const ScratchDir dir("ng_tagger_adapt");
  TrainOptions o = TinyTraining(2, 5);
  o.train_files.push_back(o.train_files.front());  // first file = target domain
  o.dev_files.clear();
  o.adapt = true;
  o.out = dir.File("adapt.ngm");
  ASSERT_TRUE(TrainTagger(o).ok());
  o.adapt = false;
  o.out = dir.File("plain.ngm");
  ASSERT_TRUE(TrainTagger(o).ok());
  EXPECT_NE(ReadAll(dir.File("adapt.ngm")), ReadAll(dir.File("plain.ngm")));
  auto m = TaggerModel::Load(dir.File("adapt.ngm"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
}

TEST(Tagger, MissingClusterFileIsAnError) {
  TrainOptions o;
  o.train_files = {std::string(NEWSGRAPH_TEST_DATA) + "/syntax/tiny.conllu"};
  o.epochs = 1;
  o.clusters = "/nonexistent/clusters.bin";
  o.out = (std::filesystem::temp_directory_path() / "ng_tagger_nocl.ngm").string();
  const Status st = TrainTagger(o);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), ErrorCode::kTrainingData) << st.ToString();  // E503, names the file
  EXPECT_FALSE(std::filesystem::exists(o.out));
}

// The shipped model is one-pass with the NER's clusters compiled in (docs/MODELS.md says why).
TEST(Tagger, ShippedModelHasClusters) {
  auto m = TaggerModel::Load(ShippedTagger());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_FALSE((*m)->two_pass());
  EXPECT_GT((*m)->cluster_words(), 10000u);
}

}  // namespace
}  // namespace newsgraph::syntax
