#include "text/segment_eval.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <utility>

#include "io/conllu.h"
#include "io/files.h"
#include "newsgraph/doc.h"
#include "text/sentence_splitter.h"

namespace newsgraph::text {
namespace {

using Spans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

std::string_view Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Exact-match count of two span lists sorted by start.
std::uint64_t CountMatches(const Spans& gold, const Spans& pred) {
  std::uint64_t n = 0;
  std::size_t i = 0, j = 0;
  while (i < gold.size() && j < pred.size()) {
    if (gold[i] == pred[j]) {
      ++n, ++i, ++j;
    } else if (gold[i] < pred[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return n;
}

Status CheckExists(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status(ErrorCode::kGoldNotFound, "gold file '" + path + "' not found");
  }
  return Status::Ok();
}

// Number of words a CoNLL-U range line attached to this token spans ("3-4" -> 2), or 0.
std::uint32_t MultiwordLength(const TokenData& t) {
  for (std::size_t k = 10; k < t.input_columns.size(); ++k) {
    std::string_view line = t.input_columns[k];
    if (line.empty() || line[0] != '<') continue;
    line.remove_prefix(1);
    const auto tab = line.find('\t');
    const std::string_view id = line.substr(0, tab);
    const auto dash = id.find('-');
    if (dash == std::string_view::npos) continue;
    std::uint32_t a = 0, b = 0;
    for (char c : id.substr(0, dash)) a = a * 10 + static_cast<std::uint32_t>(c - '0');
    for (char c : id.substr(dash + 1)) b = b * 10 + static_cast<std::uint32_t>(c - '0');
    if (b >= a) return b - a + 1;
  }
  return 0;
}

// Adds the token and sentence counts (and up to max_errors boundary errors) of `docs`.
void ScoreDocs(const std::vector<Doc>& docs, std::size_t max_errors, ConlluSegmentResult& result);

}  // namespace

Result<GoldenRulesResult> EvalGoldenRules(const std::string& path) {
  NEWSGRAPH_RETURN_IF_ERROR(CheckExists(path));
  std::string data;
  NEWSGRAPH_RETURN_IF_ERROR(io::ReadFileToString(path, data));
  GoldenRulesResult result;
  simdjson::ondemand::parser parser;
  std::vector<TokenSpan> tokens;
  std::vector<SentenceSpan> sentences;
  std::size_t pos = 0;
  std::size_t line_no = 0;
  while (pos < data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    const std::string_view line = Trim(std::string_view(data).substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    const auto bad = [&](const char* why) {
      return Status(ErrorCode::kGoldMalformed, path + ":" + std::to_string(line_no) + ": " + why);
    };
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return bad("not JSON");
    simdjson::ondemand::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) return bad("not a JSON object");
    GoldenRulesFailure item;
    bool have_text = false, have_sentences = false;
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) return bad("bad key");
      simdjson::ondemand::value value;
      if (field.value().get(value) != simdjson::SUCCESS) return bad("bad value");
      if (key == "id") {
        std::int64_t id = 0;
        std::string_view sid;
        if (value.get_int64().get(id) == simdjson::SUCCESS) {
          item.id = std::to_string(id);
        } else if (value.get_string().get(sid) == simdjson::SUCCESS) {
          item.id = std::string(sid);
        }
      } else if (key == "text") {
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS) return bad("text is not a string");
        item.text = std::string(text);
        have_text = true;
      } else if (key == "sentences") {
        simdjson::ondemand::array array;
        if (value.get_array().get(array) != simdjson::SUCCESS) return bad("sentences not a list");
        for (auto element : array) {
          std::string_view s;
          if (element.get_string().get(s) != simdjson::SUCCESS) return bad("sentence not a string");
          item.expected.emplace_back(Trim(s));
        }
        have_sentences = true;
      }
    }
    if (!have_text || !have_sentences) return bad("needs \"text\" and \"sentences\"");
    if (item.id.empty()) item.id = std::to_string(line_no);
    Segment(item.text, &tokens, &sentences);
    for (const SentenceSpan& s : sentences) {
      item.predicted.emplace_back(
          Trim(std::string_view(item.text).substr(s.byte_begin, s.byte_end - s.byte_begin)));
    }
    ++result.total;
    if (item.predicted == item.expected) {
      ++result.correct;
    } else {
      result.failures.push_back(std::move(item));
    }
  }
  return result;
}

Result<ConlluSegmentResult> EvalConlluSegmentation(const std::string& path, std::size_t max_errors) {
  std::vector<std::string> files;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& e : std::filesystem::directory_iterator(path, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".conllu") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      return Status(ErrorCode::kGoldNotFound, "no .conllu file in gold directory '" + path + "'");
    }
  } else {
    NEWSGRAPH_RETURN_IF_ERROR(CheckExists(path));
    files.push_back(path);
  }
  ConlluSegmentResult result;
  for (const std::string& file : files) {
    Result<std::vector<Doc>> docs = ReadConlluFile(file);
    if (!docs.ok()) return Status(ErrorCode::kGoldMalformed, docs.status().message());
    ScoreDocs(*docs, max_errors, result);
  }
  return result;
}

namespace {

void ScoreDocs(const std::vector<Doc>& docs, std::size_t max_errors, ConlluSegmentResult& result) {
  std::vector<TokenSpan> tokens;
  std::vector<SentenceSpan> sentences;
  Spans gold_tokens, pred_tokens, gold_sents, pred_sents;
  for (const Doc& doc : docs) {
    // GUM withholds the text of its reddit documents (every form is a run of "_"): nothing to score.
    std::size_t withheld = 0;
    for (const TokenData& t : doc.tokens)
      withheld += doc.slice(t.byte_begin, t.byte_end).find_first_not_of('_') == std::string_view::npos;
    if (!doc.tokens.empty() && withheld * 2 > doc.tokens.size()) {
      ++result.skipped_documents;
      continue;
    }
    ++result.documents;
    result.bytes += doc.text.size();
    // Gold surface tokens: the words of a multiword token merge into one span.
    gold_tokens.clear();
    for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
      const std::uint32_t words = MultiwordLength(doc.tokens[i]);
      std::size_t last = i;
      if (words > 1) last = std::min(doc.tokens.size() - 1, i + words - 1);
      std::uint32_t b = doc.tokens[i].byte_begin, e = doc.tokens[i].byte_end;
      for (std::size_t k = i; k <= last; ++k) {
        b = std::min(b, doc.tokens[k].byte_begin);
        e = std::max(e, doc.tokens[k].byte_end);
      }
      gold_tokens.emplace_back(b, e);
      i = last;
    }
    std::sort(gold_tokens.begin(), gold_tokens.end());
    gold_tokens.erase(std::unique(gold_tokens.begin(), gold_tokens.end()), gold_tokens.end());
    gold_sents.clear();
    for (const SentenceData& s : doc.sentences) {
      if (s.token_begin >= s.token_end) continue;
      gold_sents.emplace_back(doc.tokens[s.token_begin].byte_begin, doc.tokens[s.token_end - 1].byte_end);
    }
    // Predicted.
    Segment(doc.text, &tokens, &sentences);
    pred_tokens.clear();
    for (const TokenSpan& t : tokens) {
      if (t.joined() && !pred_tokens.empty()) {
        pred_tokens.back().second = t.byte_end;
      } else {
        pred_tokens.emplace_back(t.byte_begin, t.byte_end);
      }
    }
    pred_sents.clear();
    for (const SentenceSpan& s : sentences) pred_sents.emplace_back(s.byte_begin, s.byte_end);

    result.tokens.gold += gold_tokens.size();
    result.tokens.predicted += pred_tokens.size();
    result.tokens.correct += CountMatches(gold_tokens, pred_tokens);
    result.sentences.gold += gold_sents.size();
    result.sentences.predicted += pred_sents.size();
    result.sentences.correct += CountMatches(gold_sents, pred_sents);

    if (result.errors.size() < max_errors) {
      // Boundary positions (sentence ends) on each side.
      std::vector<std::uint32_t> g, p;
      for (const auto& s : gold_sents) g.push_back(s.second);
      for (const auto& s : pred_sents) p.push_back(s.second);
      std::vector<std::pair<std::uint32_t, bool>> diff;
      std::size_t a = 0, b = 0;
      while (a < g.size() || b < p.size()) {
        if (b >= p.size() || (a < g.size() && g[a] < p[b])) {
          diff.emplace_back(g[a++], true);
        } else if (a >= g.size() || p[b] < g[a]) {
          diff.emplace_back(p[b++], false);
        } else {
          ++a, ++b;
        }
      }
      for (const auto& [at, missed] : diff) {
        if (result.errors.size() >= max_errors) break;
        const std::uint32_t from = at > 60 ? at - 60 : 0;
        const std::uint32_t to =
            std::min<std::uint32_t>(static_cast<std::uint32_t>(doc.text.size()), at + 40);
        std::string context = doc.text.substr(from, at - from);
        context += missed ? " #MISSED# " : " |SPURIOUS| ";
        context += doc.text.substr(at, to - at);
        for (char& c : context) {
          if (c == '\n') c = '/';
        }
        result.errors.push_back({doc.id, std::move(context), missed});
      }
    }
  }
}

}  // namespace
}  // namespace newsgraph::text
