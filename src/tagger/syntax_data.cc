#include "tagger/syntax_data.h"

#include <unistd.h>
#include <zstd.h>

#include <cstdio>
#include <cstring>

#include "io/conllu.h"

namespace newsgraph::syntax {

void AppendSentences(const Doc& doc, std::vector<SyntaxSentence>& out) {
  for (const SentenceData& s : doc.sentences) {
    SyntaxSentence sent;
    for (std::uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const TokenData& t = doc.tokens[i];
      sent.forms.emplace_back(doc.slice(t.byte_begin, t.byte_end));
      sent.upos.push_back(t.upos);
      sent.xpos.push_back(t.xpos);
      sent.feats.push_back(t.feats.empty() ? "_" : t.feats);
      sent.lemmas.push_back(t.lemma);
      sent.heads.push_back(t.head);
      sent.deprels.push_back(t.deprel);
    }
    if (!sent.forms.empty()) out.push_back(std::move(sent));
  }
}

Result<std::vector<SyntaxSentence>> LoadConllu(const std::vector<std::string>& paths) {
  std::vector<SyntaxSentence> out;
  for (const auto& path : paths) {
    auto docs = ReadConlluFile(path);
    if (!docs.ok()) return docs.status();
    for (const Doc& d : *docs) AppendSentences(d, out);
  }
  return out;
}

std::string Compress(std::string_view raw, int level) {
  std::string out(8 + ZSTD_compressBound(raw.size()), '\0');
  const std::uint64_t n = raw.size();
  std::memcpy(out.data(), &n, 8);
  const std::size_t z = ZSTD_compress(out.data() + 8, out.size() - 8, raw.data(), raw.size(), level);
  out.resize(ZSTD_isError(z) ? 8 : 8 + z);
  return out;
}

bool Decompress(std::string_view packed, std::uint64_t max_size, std::string& raw) {
  if (packed.size() < 8) return false;
  std::uint64_t n = 0;
  std::memcpy(&n, packed.data(), 8);
  if (n > max_size) return false;
  // The frame must announce the same size before we allocate it (fuzzed inputs lie).
  if (ZSTD_getFrameContentSize(packed.data() + 8, packed.size() - 8) != n) return false;
  raw.resize(n);
  const std::size_t z = ZSTD_decompress(raw.data(), n, packed.data() + 8, packed.size() - 8);
  return !ZSTD_isError(z) && z == n;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total == 0 ? 1 : total), tty_(!label_.empty() && isatty(2) != 0) {}

void Progress::Update(std::size_t done) {
  if (!tty_) return;
  const int pct = static_cast<int>(done * 100 / total_);
  if (pct == last_percent_) return;
  last_percent_ = pct;
  const int width = 30;
  const int filled = pct * width / 100;
  std::fprintf(stderr, "\r%s [%.*s%*s] %3d%%", label_.c_str(), filled, "##############################",
               width - filled, "", pct);
  std::fflush(stderr);
}

void Progress::Done() {
  if (tty_) std::fprintf(stderr, "\r%*s\r", static_cast<int>(label_.size()) + 40, "");
}

}  // namespace newsgraph::syntax
