// Parser: loading errors, sane trees for event sentences (subjects, passive agents), and
// byte-identical training for a seed.
#include "parser/parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "syntax_training.h"
#include "tagger/tagger.h"

namespace newsgraph::syntax {
namespace {

using newsgraph::testing::ReadAll;
using newsgraph::testing::ScratchDir;
using newsgraph::testing::TinyTraining;

std::string Models() { return std::string(NEWSGRAPH_TEST_DATA) + "/../../models/"; }

class ParserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = TaggerModel::Load(Models() + "tagger.ngm");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    tagger_ = std::move(t).value();
    auto p = ParserModel::Load(Models() + "parser.ngm");
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    parser_ = std::move(p).value();
  }
  SyntaxSentence Parse(std::initializer_list<const char*> words) {
    SyntaxSentence s;
    for (const char* w : words) s.forms.emplace_back(w);
    tagger_->Annotate(s);
    parser_->Annotate(s);
    return s;
  }
  std::unique_ptr<TaggerModel> tagger_;
  std::unique_ptr<ParserModel> parser_;
};

TEST_F(ParserTest, SubjectAndObject) {
  auto s = Parse({"Shoigu", "visited", "Pyongyang", "."});
  EXPECT_EQ(s.heads[1], 0);
  EXPECT_EQ(s.deprels[1], "root");
  EXPECT_EQ(s.heads[0], 2);
  EXPECT_EQ(s.deprels[0], "nsubj");
  EXPECT_EQ(s.heads[2], 2);
  EXPECT_EQ(s.deprels[2], "obj");
}

TEST_F(ParserTest, PassiveWithAgent) {
  auto s = Parse({"The", "embassy", "was", "attacked", "by", "militants", "on", "Monday", "."});
  EXPECT_EQ(s.heads[3], 0);
  EXPECT_EQ(s.heads[1], 4);
  EXPECT_EQ(s.deprels[1], "nsubj:pass");
  EXPECT_EQ(s.deprels[2], "aux:pass");
  EXPECT_EQ(s.heads[5], 4);
  EXPECT_EQ(s.deprels[5], "obl:agent");
}

TEST_F(ParserTest, EveryParseIsOneTree) {
  auto s = Parse({"North", "Korean", "leader", "Kim", "Jong", "Un", "plans", "to", "meet", "Putin", ",",
                  "officials", "said", "on", "Monday", "."});
  int roots = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    roots += s.heads[i] == 0;
    ASSERT_GE(s.heads[i], 0);
    ASSERT_LE(s.heads[i], static_cast<int>(s.size()));
    // No cycles: walking up reaches the root.
    int x = static_cast<int>(i) + 1, steps = 0;
    while (x != 0 && steps++ <= static_cast<int>(s.size())) x = s.heads[static_cast<std::size_t>(x - 1)];
    EXPECT_EQ(x, 0);
  }
  EXPECT_EQ(roots, 1);
}

TEST(ParserModelLoad, Errors) {
  auto m = ParserModel::Load("/nonexistent/parser.ngm");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kModelNotFound);
  std::string image = ReadAll(Models() + "parser.ngm");
  ASSERT_GT(image.size(), 100u);
  auto cut = ParserModel::FromImage(std::string_view(image).substr(0, image.size() - 5), "cut");
  EXPECT_EQ(cut.status().code(), ErrorCode::kModelTruncated);
  image[8] = 42;
  auto ver = ParserModel::FromImage(image, "v42");
  EXPECT_EQ(ver.status().code(), ErrorCode::kModelVersion);
}

TEST(ParserTraining, Deterministic) {
  const ScratchDir dir("ng_parser_det");
  TrainOptions o = TinyTraining(4, 3);
  o.out = dir.File("a.ngm");
  ASSERT_TRUE(TrainParser(o).ok());
  o.out = dir.File("b.ngm");
  ASSERT_TRUE(TrainParser(o).ok());
  const std::string a = ReadAll(dir.File("a.ngm")), b = ReadAll(dir.File("b.ngm"));
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  auto p = ParserModel::Load(dir.File("a.ngm"));
  EXPECT_TRUE(p.ok()) << p.status().ToString();
}

// Jackknifed tags (taggers with word clusters): the jackknife cache (written by the first run,
// read by the second) does not change the model.
TEST(ParserTraining, JackknifeCacheGivesTheSameModel) {
  const ScratchDir dir("ng_parser_jk");
  TrainOptions o = TinyTraining(2, 5);
  o.jackknife = 2;
  o.tagger_epochs = 1;
  o.clusters = Models() + "ner-clusters.bin";
  o.out = dir.File("plain.ngm");
  ASSERT_TRUE(TrainParser(o).ok());
  o.jackknife_cache = dir.File("jk.bin");
  o.out = dir.File("write.ngm");
  ASSERT_TRUE(TrainParser(o).ok());
  ASSERT_TRUE(std::filesystem::exists(o.jackknife_cache));
  o.out = dir.File("read.ngm");
  ASSERT_TRUE(TrainParser(o).ok());
  const std::string plain = ReadAll(dir.File("plain.ngm"));
  EXPECT_FALSE(plain.empty());
  EXPECT_EQ(plain, ReadAll(dir.File("write.ngm")));
  EXPECT_EQ(plain, ReadAll(dir.File("read.ngm")));
  // A cache made for another seed is not used (and is rewritten).
  o.seed = 6;
  o.out = dir.File("seed6.ngm");
  ASSERT_TRUE(TrainParser(o).ok());
  auto p = ParserModel::Load(dir.File("seed6.ngm"));
  EXPECT_TRUE(p.ok()) << p.status().ToString();
}

}  // namespace
}  // namespace newsgraph::syntax
