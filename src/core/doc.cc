#include "newsgraph/doc.h"

#include <algorithm>

namespace newsgraph {
namespace {
constexpr std::uint32_t kCheckpointStride = 64;

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::uint32_t Doc::SentenceOfToken(std::uint32_t token_index) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), token_index,
                             [](std::uint32_t index, const SentenceData& s) { return index < s.token_end; });
  if (it == sentences.end()) return sentences.empty() ? 0 : static_cast<std::uint32_t>(sentences.size() - 1);
  return static_cast<std::uint32_t>(it - sentences.begin());
}

// Code-point offsets are requested for every token, entity and event of every document, so
// they are answered from checkpoints (code points before each 64-byte block) plus a short
// scan, instead of rescanning the text from the start each time.
std::uint32_t Doc::CodePoint(std::uint32_t byte_offset) const {
  if (byte_offset > text.size()) byte_offset = static_cast<std::uint32_t>(text.size());
  if (cp_checkpoints_.empty()) {
    cp_checkpoints_.reserve(text.size() / kCheckpointStride + 2);
    std::uint32_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i % kCheckpointStride == 0) cp_checkpoints_.push_back(count);
      if (!IsContinuationByte(static_cast<unsigned char>(text[i]))) ++count;
    }
    cp_checkpoints_.push_back(count);  // sentinel so the vector is non-empty for empty text
  }
  const std::uint32_t block = byte_offset / kCheckpointStride;
  std::uint32_t count = cp_checkpoints_[std::min<std::size_t>(block, cp_checkpoints_.size() - 1)];
  for (std::uint32_t i = block * kCheckpointStride; i < byte_offset; ++i) {
    if (!IsContinuationByte(static_cast<unsigned char>(text[i]))) ++count;
  }
  return count;
}

void Doc::ResetText(std::string new_text) {
  text = std::move(new_text);
  cp_checkpoints_.clear();
  tokens.clear();
  sentences.clear();
  entities.clear();
  times.clear();
  places.clear();
  events.clear();
  flags.clear();
}

}  // namespace newsgraph
