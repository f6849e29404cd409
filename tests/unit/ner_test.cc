// Tests of the named-entity recognizer: model container errors, recognitions on the seed
// article, conlleval scoring on a hand-made case, and deterministic training.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/model_file.h"
#include "ner/entity_recognizer.h"
#include "ner/ner_model.h"
#include "ner/ner_train.h"
#include "newsgraph/doc.h"

namespace newsgraph::ner {
namespace {

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ShippedModelPath() { return FindDataFile("models/ner.ngm"); }

// A Doc with tokens and one sentence per paragraph, split like the recognizer's raw-text splitter.
Doc MakeDoc(const std::string& text) {
  std::vector<std::vector<std::string>> paragraphs;
  SplitRawText(text, paragraphs);
  Doc doc;
  doc.id = "test";
  for (const auto& p : paragraphs) {
    SentenceData s;
    s.token_begin = static_cast<std::uint32_t>(doc.tokens.size());
    s.byte_begin = static_cast<std::uint32_t>(doc.text.size());
    for (const auto& w : p) {
      TokenData t;
      t.byte_begin = static_cast<std::uint32_t>(doc.text.size());
      doc.text += w;
      t.byte_end = static_cast<std::uint32_t>(doc.text.size());
      doc.text += ' ';
      doc.tokens.push_back(t);
    }
    s.token_end = static_cast<std::uint32_t>(doc.tokens.size());
    s.byte_end = static_cast<std::uint32_t>(doc.text.size());
    doc.sentences.push_back(s);
  }
  return doc;
}

const Entity* FindEntity(const Doc& doc, std::string_view text) {
  for (const auto& e : doc.entities) {
    if (doc.slice(e.byte_begin, e.byte_end) == text) return &e;
  }
  return nullptr;
}

class NerModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ShippedModelPath();
    if (!std::filesystem::exists(path_)) GTEST_SKIP() << "models/ner.ngm not present";
    image_ = ReadBytes(path_);
  }
  std::string path_;
  std::string image_;
};

TEST_F(NerModelTest, LoadsAndPassesSelfTest) {
  auto model = NerModel::Load(path_);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_GT((*model)->num_features(), 1000u);
}

TEST_F(NerModelTest, MissingFileIsE201) {
  auto model = NerModel::Load("/nonexistent/ner.ngm");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), ErrorCode::kModelNotFound);
}

TEST_F(NerModelTest, TruncatedFileIsE204) {
  for (std::size_t keep : {image_.size() / 2, image_.size() - 1, std::size_t{20}}) {
    auto model = NerModel::FromImage(std::string_view(image_).substr(0, keep), "truncated");
    ASSERT_FALSE(model.ok()) << "kept " << keep;
    EXPECT_EQ(model.status().code(), ErrorCode::kModelTruncated) << "kept " << keep;
  }
}

TEST_F(NerModelTest, WrongVersionIsE203) {
  std::string bad = image_;
  const std::uint32_t version = NerModel::kFormatVersion + 1;
  std::memcpy(bad.data() + 8, &version, sizeof(version));  // after the 8-byte magic
  auto model = NerModel::FromImage(bad, "wrong-version");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), ErrorCode::kModelVersion);
}

TEST_F(NerModelTest, VersionOneFileIsE203) {
  // Version 1 had no beam width in the payload; such files must be refused, not misread.
  std::string old = image_;
  const std::uint32_t version = 1;
  std::memcpy(old.data() + 8, &version, sizeof(version));
  auto model = NerModel::FromImage(old, "version-1");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), ErrorCode::kModelVersion);
}

TEST_F(NerModelTest, BeamOutputFollowsBilou) {
  auto model = NerModel::Load(path_);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_GE((*model)->beam(), 1);
  std::vector<std::vector<std::string>> paras;
  SplitRawText(
      "UN Secretary-General Antonio Guterres met European Commission officials in Brussels and the "
      "World Food Programme said the Red Sea crisis hurt Egypt .",
      paras);
  ASSERT_EQ(paras.size(), 1u);
  DocWords doc;
  for (const auto& w : paras[0]) doc.words.push_back(w);
  doc.sentence_starts = {0};
  for (int width : {1, 2, 4, 8}) {
    (*model)->set_beam(width);
    std::vector<int> labels;
    (*model)->Label(doc, labels);
    ASSERT_EQ(labels.size(), doc.words.size());
    int prev = -1;
    for (int l : labels) {
      EXPECT_TRUE(ValidTransition(prev, l))
          << "beam " << width << ": " << LabelName(prev) << " -> " << LabelName(l);
      prev = l;
    }
    EXPECT_TRUE(prev == 0 || LabelPos(prev) == kL || LabelPos(prev) == kU) << "beam " << width;
    const auto entities = (*model)->Entities(doc, labels);
    bool brussels = false;
    for (const auto& e : entities) brussels |= e.end == e.begin + 1 && doc.words[e.begin] == "Brussels";
    EXPECT_TRUE(brussels) << "beam " << width;
  }
}

TEST_F(NerModelTest, BadMagicAndCorruptPayload) {
  std::string bad = image_;
  bad[0] = 'X';
  auto model = NerModel::FromImage(bad, "bad-magic");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), ErrorCode::kModelBadMagic);
  bad = image_;
  bad[bad.size() - 10] ^= 0x55;
  model = NerModel::FromImage(bad, "corrupt");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), ErrorCode::kModelCorrupt);
}

TEST_F(NerModelTest, SeedArticleEntities) {
  auto model = NerModel::Load(path_);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Doc doc = MakeDoc(
      "North Korean leader Kim Jong Un plans to travel to Russia this month to meet President Vladimir Putin "
      "and discuss supplying Moscow with weapons for the war in Ukraine, the New York Times reported.\n"
      "In a rare trip abroad, Kim would travel from Pyongyang, probably by armored train, to Vladivostok, on "
      "the Pacific Coast of Russia, the newspaper said, citing U.S. and allied sources.");
  ASSERT_TRUE(Annotate(**model, doc).ok());

  const Entity* kim = FindEntity(doc, "Kim Jong Un");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->label, "PER");
  const Entity* russia = FindEntity(doc, "Russia");
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(russia->label, "LOC");
  EXPECT_EQ(russia->subtype, "country");
  const Entity* nyt = FindEntity(doc, "New York Times");
  ASSERT_NE(nyt, nullptr) << "'the' must stay outside the span";
  EXPECT_EQ(nyt->label, "ORG");
  const Entity* nk = FindEntity(doc, "North Korean");
  ASSERT_NE(nk, nullptr);
  EXPECT_EQ(nk->label, "MISC");
  EXPECT_TRUE(nk->norp);
  const Entity* putin = FindEntity(doc, "Vladimir Putin");
  ASSERT_NE(putin, nullptr);
  EXPECT_EQ(putin->label, "PER");

  // IOB2 tags agree with the entities.
  EXPECT_EQ(doc.tokens[kim->token_begin].ner, "B-PER");
  EXPECT_EQ(doc.tokens[kim->token_begin + 1].ner, "I-PER");
  EXPECT_EQ(doc.tokens[kim->token_begin - 1].ner, "O");  // "leader"
  for (const auto& e : doc.entities) {
    EXPECT_LT(e.token_begin, e.token_end);
    EXPECT_EQ(doc.tokens[e.token_begin].byte_begin, e.byte_begin);
    EXPECT_EQ(doc.tokens[e.token_end - 1].byte_end, e.byte_end);
  }
}

TEST_F(NerModelTest, DocumentWithoutSentencesOrTokens) {
  auto model = NerModel::Load(path_);
  ASSERT_TRUE(model.ok());
  Doc empty;
  EXPECT_TRUE(Annotate(**model, empty).ok());
  EXPECT_TRUE(empty.entities.empty());
  Doc doc = MakeDoc("Angela Merkel met Emmanuel Macron in Berlin.");
  doc.sentences.clear();  // the whole document is then one sentence
  ASSERT_TRUE(Annotate(**model, doc).ok());
  EXPECT_NE(FindEntity(doc, "Berlin"), nullptr);
}

TEST(NerLabels, BilouIob2RoundTrip) {
  const std::vector<std::string> tags = {"B-PER", "I-PER", "O", "I-LOC", "B-LOC", "O", "B-MISC"};
  const std::vector<int> labels = FromTags(tags, {0, 6});
  EXPECT_EQ(LabelName(labels[0]), "B-PER");
  EXPECT_EQ(LabelName(labels[1]), "L-PER");
  EXPECT_EQ(LabelName(labels[3]), "U-LOC");  // IOB1 I- after O begins a chunk
  EXPECT_EQ(LabelName(labels[4]), "U-LOC");
  EXPECT_EQ(LabelName(labels[6]), "U-MISC");
  const std::vector<std::string> back = ToIob2(labels);
  EXPECT_EQ(back, (std::vector<std::string>{"B-PER", "I-PER", "O", "B-LOC", "B-LOC", "O", "B-MISC"}));
  EXPECT_TRUE(ValidTransition(labels[0], labels[1]));
  EXPECT_FALSE(ValidTransition(labels[0], 0));  // B-PER must continue
}

// Hand-made case; the numbers were worked out by hand with conlleval's chunk rules.
TEST(NerConlleval, HandMadeCase) {
  const std::vector<std::string> gold = {"B-PER", "I-PER", "O", "O",     "B-LOC",  "I-LOC", "O",
                                         "B-ORG", "I-ORG", "O", "B-PER", "B-MISC", "I-PER", "B-ORG"};
  const std::vector<std::string> pred = {"B-PER", "I-PER", "O",     "O",     "B-ORG", "I-ORG", "O",
                                         "B-ORG", "I-ORG", "I-ORG", "B-PER", "O",     "B-PER", "I-ORG"};
  const std::vector<std::uint32_t> sentences = {0, 12};
  std::array<bool, kNumTypes> all;
  all.fill(true);
  ConllevalResult r;
  ConllevalAdd(gold, pred, sentences, all, r);
  EXPECT_EQ(r.overall.gold, 7u);
  EXPECT_EQ(r.overall.predicted, 6u);
  EXPECT_EQ(r.overall.correct, 4u);
  EXPECT_NEAR(r.overall.Precision(), 66.67, 0.01);
  EXPECT_NEAR(r.overall.Recall(), 57.14, 0.01);
  EXPECT_NEAR(r.overall.F1(), 61.54, 0.01);
  EXPECT_EQ(r.per_type[0].gold, 3u);  // PER
  EXPECT_EQ(r.per_type[0].correct, 3u);
  EXPECT_EQ(r.per_type[1].predicted, 3u);  // ORG
  EXPECT_EQ(r.per_type[1].correct, 1u);
  EXPECT_EQ(r.per_type[2].predicted, 0u);  // LOC
  EXPECT_EQ(r.tokens, 14u);
  EXPECT_EQ(r.tokens_correct, 8u);

  // Scoring only the types a UNER-style gold file has: MISC is dropped on both sides.
  std::array<bool, kNumTypes> no_misc = {true, true, true, false};
  ConllevalResult r2;
  ConllevalAdd(gold, pred, sentences, no_misc, r2);
  EXPECT_EQ(r2.overall.gold, 6u);
  EXPECT_EQ(r2.overall.predicted, 6u);
  EXPECT_EQ(r2.overall.correct, 4u);
  EXPECT_NEAR(r2.overall.F1(), 66.67, 0.01);
}

TEST(NerTraining, DeterministicForASeed) {
  const std::string data = std::string(NEWSGRAPH_TEST_DATA) + "/ner/tiny.conll";
  const std::string dir = ::testing::TempDir();
  NerTrainOptions options;
  options.train_files = {data};
  options.dev_files = {data};
  options.epochs = 3;
  options.seed = 7;
  options.min_count = 1;
  options.stack_folds = 2;
  options.out = dir + "/ner_a.ngm";
  ASSERT_TRUE(TrainNer(options, nullptr).ok());
  options.out = dir + "/ner_b.ngm";
  ASSERT_TRUE(TrainNer(options, nullptr).ok());
  const std::string a = ReadBytes(dir + "/ner_a.ngm");
  const std::string b = ReadBytes(dir + "/ner_b.ngm");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  auto model = NerModel::Load(dir + "/ner_a.ngm");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ((*model)->num_stages(), 2u);
  EXPECT_EQ((*model)->beam(), options.beam);
  std::remove((dir + "/ner_a.ngm").c_str());
  std::remove((dir + "/ner_b.ngm").c_str());
}

TEST(NerTraining, BeamTrainingLearnsTheTrainingSet) {
  // Max-violation beam training on a tiny set must fit it: every training entity recognised.
  const std::string data = std::string(NEWSGRAPH_TEST_DATA) + "/ner/tiny.conll";
  const std::string dir = ::testing::TempDir();
  for (int width : {1, 4}) {
    NerTrainOptions options;
    options.train_files = {data};
    options.epochs = 10;
    options.seed = 3;
    options.min_count = 1;
    options.stack_folds = 0;
    options.ensemble = 1;
    options.beam = width;
    options.out = dir + "/ner_beam.ngm";
    ASSERT_TRUE(TrainNer(options, nullptr).ok());
    auto model = NerModel::Load(options.out);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    EXPECT_EQ((*model)->beam(), width);
    auto gold = LoadGold(data);
    ASSERT_TRUE(gold.ok());
    ConllevalResult result;
    std::array<bool, kNumTypes> keep;
    keep.fill(true);
    std::vector<int> labels;
    for (const auto& d : *gold) {
      (*model)->Label(d.View(), labels);
      ConllevalAdd(d.tags, ToIob2(labels), d.sentence_starts, keep, result);
    }
    EXPECT_EQ(result.overall.correct, result.overall.gold) << "beam " << width;
    EXPECT_EQ(result.overall.predicted, result.overall.gold) << "beam " << width;
    std::remove(options.out.c_str());
  }
}

TEST(NerTraining, MissingTrainingFileIsAnError) {
  NerTrainOptions options;
  options.train_files = {"/nonexistent/train.conll"};
  options.out = ::testing::TempDir() + "/never.ngm";
  const Status s = TrainNer(options, nullptr);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kTrainingData);
}

TEST(NerClusters, ExchangeAlgorithmIsDeterministicAndComplete) {
  const std::string dir = ::testing::TempDir();
  const std::string path = dir + "/ner_cluster_text.txt";
  {
    std::ofstream out(path);
    for (int i = 0; i < 30; ++i) {
      out << "the cat sat on the mat .\nthe dog sat on the rug .\na cat lay on a rug .\na dog lay on a mat "
             ".\n";
    }
    out << "zebra\n";  // below min_count: no cluster
  }
  ClusterOptions options;
  options.sizes = {2, 4, 8};
  options.min_count = 2;
  WordClusters first, second;
  ASSERT_TRUE(TrainClusters({path}, options, first, {}).ok());
  ASSERT_TRUE(TrainClusters({path}, options, second, {}).ok());
  EXPECT_EQ(first.size(), 10u);
  EXPECT_EQ(first.Find("zebra"), nullptr);
  for (const char* w : {"the", "cat", "sat", "on", "mat", ".", "dog", "rug", "a", "lay"}) {
    const auto* e = first.Find(w);
    const auto* f = second.Find(w);
    ASSERT_TRUE(e && f) << w;
    for (int level = 0; level < WordClusters::kLevels; ++level) {
      EXPECT_GE(e->cluster[level], 1) << w;
      EXPECT_LE(e->cluster[level], options.sizes[level]) << w;
      EXPECT_EQ(e->cluster[level], f->cluster[level]) << w;
    }
  }
  // Capitalisation buckets: "the" is lower case wherever case is informative.
  EXPECT_EQ(first.CapBucket("the"), 1);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace newsgraph::ner
