#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/model_file.h"
#include "newsgraph/doc.h"
#include "newsgraph/errors.h"
#include "newsgraph/status.h"

namespace newsgraph {
namespace {

TEST(Errors, CodesRenderWithPrefix) {
  EXPECT_EQ(ErrorCodeString(ErrorCode::kInvalidUtf8), "E101");
  EXPECT_EQ(ErrorCodeString(ErrorCode::kModelSelfTest), "E206");
  EXPECT_EQ(Status(ErrorCode::kEmptyDocument, "doc 'a' is empty").ToString(), "E102: doc 'a' is empty");
}

// docs/ERRORS.md must document every code of the catalogue, and nothing else.
TEST(Errors, CatalogueMatchesDocs) {
  std::ifstream in(std::string(NEWSGRAPH_TEST_DATA) + "/../../docs/ERRORS.md");
  ASSERT_TRUE(in) << "docs/ERRORS.md missing";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
#define NEWSGRAPH_CHECK_DOC(name, number, text) \
  EXPECT_NE(doc.find("| E" #number " |"), std::string::npos) << "E" #number " not in docs/ERRORS.md";
  NEWSGRAPH_ERROR_CODES(NEWSGRAPH_CHECK_DOC)
#undef NEWSGRAPH_CHECK_DOC
}

TEST(Result, HoldsValueOrStatus) {
  Result<int> good(42);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int> bad(ErrorCode::kUsage, "no");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kUsage);
}

TEST(Doc, CodePointOffsets) {
  Doc doc("d", "Seoul\xe2\x80\x99s Kookmin \xc3\xa9t\xc3\xa9");  // Seoul’s Kookmin été
  EXPECT_EQ(doc.CodePoint(0), 0u);
  EXPECT_EQ(doc.CodePoint(5), 5u);
  EXPECT_EQ(doc.CodePoint(8), 6u);  // after the 3-byte apostrophe
  EXPECT_EQ(doc.CodePoint(static_cast<std::uint32_t>(doc.text.size())), 19u);
  std::string long_text;
  for (int i = 0; i < 1000; ++i) long_text += "\xc3\xa9";
  Doc big("b", long_text);
  EXPECT_EQ(big.CodePoint(2 * 777), 777u);
  EXPECT_EQ(big.CodePoint(2000), 1000u);
}

TEST(ModelFile, RoundTripAndErrors) {
  const std::string path = ::testing::TempDir() + "/m.ngm";
  BinaryWriter w;
  w.PutString("hello");
  w.PutVector(std::vector<float>{1.5f, 2.5f});
  ModelHeader h{3, "tagger", 77};
  ASSERT_TRUE(WriteModelFile(path, h, w.bytes()).ok());
  ModelHeader got;
  std::string payload;
  ASSERT_TRUE(ReadModelFile(path, "tagger", 3, got, payload).ok());
  EXPECT_EQ(got.data_hash, 77u);
  BinaryReader r(payload);
  std::string s;
  std::vector<float> v;
  ASSERT_TRUE(r.GetString(s) && r.GetVector(v));
  EXPECT_EQ(s, "hello");
  EXPECT_EQ(v.size(), 2u);
  EXPECT_EQ(ReadModelFile(path, "tagger", 4, got, payload).code(), ErrorCode::kModelVersion);
  EXPECT_EQ(ReadModelFile(path, "parser", 3, got, payload).code(), ErrorCode::kModelBadMagic);
  EXPECT_EQ(ReadModelFile(path + ".none", "tagger", 3, got, payload).code(), ErrorCode::kModelNotFound);
  // Truncate the file: a clear E204, no crash.
  std::string image;
  {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    image = ss.str();
  }
  std::string_view view;
  EXPECT_EQ(ParseModelImage(std::string_view(image).substr(0, image.size() - 3), "t", "tagger", 3, got, view)
                .code(),
            ErrorCode::kModelTruncated);
  image.back() ^= 1;
  EXPECT_EQ(ParseModelImage(image, "t", "tagger", 3, got, view).code(), ErrorCode::kModelCorrupt);
}

}  // namespace
}  // namespace newsgraph
