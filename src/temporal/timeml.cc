// A deliberately small TimeML reader: the files are machine-written XML with no CDATA or
// comments inside <TEXT>, so a tag scanner with offset bookkeeping is enough and keeps the
// evaluation free of an XML dependency.
#include "temporal/timeml.h"

#include <algorithm>

namespace newsgraph::temporal {
namespace {

std::string Attr(std::string_view tag, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    const bool boundary = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n');
    std::size_t p = pos + name.size();
    while (p < tag.size() && tag[p] == ' ') ++p;
    if (boundary && p < tag.size() && tag[p] == '=') {
      ++p;
      while (p < tag.size() && tag[p] == ' ') ++p;
      if (p < tag.size() && (tag[p] == '"' || tag[p] == '\'')) {
        const char q = tag[p];
        const std::size_t end = tag.find(q, p + 1);
        if (end == std::string_view::npos) return {};
        return std::string(tag.substr(p + 1, end - p - 1));
      }
    }
    pos += name.size();
  }
  return {};
}

// Appends the decoded form of an entity starting at xml[i] == '&'; returns the entity length.
std::size_t DecodeEntity(std::string_view xml, std::size_t i, std::string* out) {
  const std::size_t semi = xml.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) {
    out->push_back('&');
    return 1;
  }
  const std::string_view name = xml.substr(i + 1, semi - i - 1);
  if (name == "amp") {
    out->push_back('&');
  } else if (name == "lt") {
    out->push_back('<');
  } else if (name == "gt") {
    out->push_back('>');
  } else if (name == "quot") {
    out->push_back('"');
  } else if (name == "apos") {
    out->push_back('\'');
  } else if (!name.empty() && name[0] == '#') {
    unsigned long cp = 0;
    try {
      cp = name.size() > 1 && (name[1] == 'x' || name[1] == 'X')
               ? std::stoul(std::string(name.substr(2)), nullptr, 16)
               : std::stoul(std::string(name.substr(1)));
    } catch (...) {
      cp = 0xFFFD;
    }
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  } else {
    out->append(xml.substr(i, semi - i + 1));
  }
  return semi - i + 1;
}

}  // namespace

Result<TimemlDoc> ParseTimeml(std::string_view xml, std::string_view name) {
  TimemlDoc doc;
  doc.id = std::string(name);
  const std::size_t dct = xml.find("<DCT>");
  if (dct != std::string_view::npos) {
    const std::size_t t = xml.find("<TIMEX3", dct);
    const std::size_t close = xml.find('>', t == std::string_view::npos ? dct : t);
    if (t != std::string_view::npos && close != std::string_view::npos) {
      const std::string v = Attr(xml.substr(t, close - t), "value");
      if (v.size() >= 10) doc.dct = v.substr(0, 10);
    }
  }
  const std::size_t open = xml.find("<TEXT>");
  const std::size_t end = xml.find("</TEXT>");
  if (open == std::string_view::npos || end == std::string_view::npos || end < open) {
    return Status(ErrorCode::kGoldMalformed, "TimeML file '" + std::string(name) + "' has no <TEXT> element");
  }
  const std::string_view body = xml.substr(open + 6, end - open - 6);
  std::vector<std::size_t> stack;  // indices into doc.gold of open TIMEX3 tags
  int depth_other = 0;
  for (std::size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (c == '<') {
      const std::size_t close = body.find('>', i);
      if (close == std::string_view::npos) {
        return Status(ErrorCode::kGoldMalformed, "TimeML file '" + std::string(name) + "': unterminated tag");
      }
      const std::string_view tag = body.substr(i + 1, close - i - 1);
      if (tag.starts_with("TIMEX3")) {
        TimeExpr t;
        t.byte_begin = static_cast<std::uint32_t>(doc.text.size());
        t.type = Attr(tag, "type");
        t.value = Attr(tag, "value");
        t.mod = Attr(tag, "mod");
        doc.gold.push_back(std::move(t));
        if (!tag.ends_with("/")) stack.push_back(doc.gold.size() - 1);
      } else if (tag.starts_with("/TIMEX3")) {
        if (stack.empty()) {
          return Status(ErrorCode::kGoldMalformed,
                        "TimeML file '" + std::string(name) + "': unbalanced </TIMEX3>");
        }
        doc.gold[stack.back()].byte_end = static_cast<std::uint32_t>(doc.text.size());
        stack.pop_back();
      } else {
        ++depth_other;
      }
      i = close + 1;
      continue;
    }
    if (c == '&') {
      i += DecodeEntity(body, i, &doc.text);
      continue;
    }
    doc.text.push_back(c);
    ++i;
  }
  if (!stack.empty()) {
    return Status(ErrorCode::kGoldMalformed, "TimeML file '" + std::string(name) + "': unclosed <TIMEX3>");
  }
  // Drop empty (self-closing) gold tags: they have no extent to find.
  doc.gold.erase(std::remove_if(doc.gold.begin(), doc.gold.end(),
                                [](const TimeExpr& t) { return t.byte_end <= t.byte_begin; }),
                 doc.gold.end());
  return doc;
}

void TimexScores::Merge(const TimexScores& o) {
  strict.gold += o.strict.gold;
  strict.system += o.strict.system;
  strict.matched += o.strict.matched;
  relaxed.gold += o.relaxed.gold;
  relaxed.system += o.relaxed.system;
  relaxed.matched += o.relaxed.matched;
  type_correct += o.type_correct;
  value_correct += o.value_correct;
}

TimexScores ScoreTimexes(const std::string& text, const std::vector<TimeExpr>& gold,
                         const std::vector<TimeExpr>& system, std::vector<TimexError>* errors) {
  TimexScores s;
  s.strict.gold = s.relaxed.gold = gold.size();
  s.strict.system = s.relaxed.system = system.size();
  std::vector<int> sys_pair(system.size(), -1);
  std::vector<int> gold_pair(gold.size(), -1);
  auto slice = [&](const TimeExpr& t) {
    if (t.byte_end > text.size() || t.byte_begin > t.byte_end) return std::string();
    return text.substr(t.byte_begin, t.byte_end - t.byte_begin);
  };
  // Exact matches first so that a strict match is never displaced by an overlapping neighbour.
  for (std::size_t g = 0; g < gold.size(); ++g) {
    for (std::size_t k = 0; k < system.size(); ++k) {
      if (sys_pair[k] < 0 && system[k].byte_begin == gold[g].byte_begin &&
          system[k].byte_end == gold[g].byte_end) {
        sys_pair[k] = static_cast<int>(g);
        gold_pair[g] = static_cast<int>(k);
        ++s.strict.matched;
        break;
      }
    }
  }
  for (std::size_t g = 0; g < gold.size(); ++g) {
    if (gold_pair[g] >= 0) continue;
    for (std::size_t k = 0; k < system.size(); ++k) {
      if (sys_pair[k] < 0 && system[k].byte_begin < gold[g].byte_end &&
          gold[g].byte_begin < system[k].byte_end) {
        sys_pair[k] = static_cast<int>(g);
        gold_pair[g] = static_cast<int>(k);
        break;
      }
    }
  }
  for (std::size_t g = 0; g < gold.size(); ++g) {
    const int k = gold_pair[g];
    if (k < 0) {
      if (errors)
        errors->push_back({TimexError::kMissed, slice(gold[g]), gold[g].type + " " + gold[g].value, "",
                           gold[g].byte_begin});
      continue;
    }
    ++s.relaxed.matched;
    const TimeExpr& sy = system[static_cast<std::size_t>(k)];
    if (sy.type == gold[g].type) ++s.type_correct;
    if (sy.value == gold[g].value) {
      ++s.value_correct;
    } else if (errors) {
      errors->push_back({TimexError::kValue, slice(gold[g]) + " | " + slice(sy),
                         gold[g].type + " " + gold[g].value, sy.type + " " + sy.value, gold[g].byte_begin});
    }
    if (sy.type != gold[g].type && sy.value == gold[g].value && errors) {
      errors->push_back({TimexError::kType, slice(gold[g]), gold[g].type + " " + gold[g].value,
                         sy.type + " " + sy.value, gold[g].byte_begin});
    }
  }
  for (std::size_t k = 0; k < system.size(); ++k) {
    if (sys_pair[k] < 0 && errors) {
      errors->push_back({TimexError::kSpurious, slice(system[k]), "", system[k].type + " " + system[k].value,
                         system[k].byte_begin});
    }
  }
  return s;
}

}  // namespace newsgraph::temporal
