// A deliberately small XML reader for the two geoparsing corpora: they are machine-written,
// have no attributes we need except docid/geonameid, and use comments to disable entries, so a
// tag scanner with comment stripping and entity decoding is enough and keeps libxml2 out of the
// dependency list.
#include "geo/geo_gold.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace newsgraph::geo {
namespace {

std::string StripComments(std::string_view xml) {
  std::string out;
  out.reserve(xml.size());
  std::size_t pos = 0;
  while (pos < xml.size()) {
    const std::size_t open = xml.find("<!--", pos);
    if (open == std::string_view::npos) {
      out.append(xml.substr(pos));
      break;
    }
    out.append(xml.substr(pos, open - pos));
    const std::size_t close = xml.find("-->", open + 4);
    if (close == std::string_view::npos) break;
    pos = close + 3;
  }
  return out;
}

std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (ent == "amp")
      cp = '&';
    else if (ent == "lt")
      cp = '<';
    else if (ent == "gt")
      cp = '>';
    else if (ent == "quot")
      cp = '"';
    else if (ent == "apos")
      cp = '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      cp = static_cast<std::uint32_t>(ent[1] == 'x'
                                          ? std::strtoul(std::string(ent.substr(2)).c_str(), nullptr, 16)
                                          : std::strtoul(std::string(ent.substr(1)).c_str(), nullptr, 10));
    }
    if (cp == 0 || cp > 0x10FFFF) {
      out.push_back('&');
      continue;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    i = semi;
  }
  return out;
}

// Content of the first <tag ...>…</tag> inside `s` (raw, undecoded); npos-safe.
bool Element(std::string_view s, std::string_view tag, std::string_view& content,
             std::string_view* open_tag = nullptr) {
  // Built with append: GCC 12 warns falsely (-Wrestrict) on "<" + std::string.
  std::string open(1, '<');
  open.append(tag);
  std::size_t at = 0;
  while (true) {
    at = s.find(open, at);
    if (at == std::string_view::npos) return false;
    const char after = at + open.size() < s.size() ? s[at + open.size()] : '\0';
    if (after == '>' || after == ' ' || after == '\t' || after == '\n') break;
    at += open.size();
  }
  const std::size_t gt = s.find('>', at);
  if (gt == std::string_view::npos) return false;
  std::string close("</");
  close.append(tag);
  close.push_back('>');
  const std::size_t end = s.find(close, gt + 1);
  if (end == std::string_view::npos) return false;
  if (open_tag) *open_tag = s.substr(at, gt - at);
  content = s.substr(gt + 1, end - gt - 1);
  return true;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

std::string TextOf(std::string_view raw) {
  std::string_view s = raw;
  if (s.starts_with("<![CDATA[")) {
    s.remove_prefix(9);
    if (s.ends_with("]]>")) s.remove_suffix(3);
    return std::string(s);
  }
  return DecodeEntities(s);
}

std::string Attribute(std::string_view open_tag, std::string_view name) {
  const std::string key = std::string(name) + "=\"";
  const std::size_t at = open_tag.find(key);
  if (at == std::string_view::npos) return {};
  const std::size_t end = open_tag.find('"', at + key.size());
  if (end == std::string_view::npos) return {};
  return std::string(open_tag.substr(at + key.size(), end - at - key.size()));
}

}  // namespace

Result<GoldCorpus> ParseGeoGold(std::string_view xml_in, std::string_view name) {
  const std::string xml = StripComments(xml_in);
  GoldCorpus corpus;
  std::string_view rest = xml;
  std::size_t index = 0;
  auto malformed = [&](const std::string& why) {
    return Status(ErrorCode::kGoldMalformed,
                  std::string(name) + ": article " + std::to_string(index) + ": " + why);
  };
  while (true) {
    std::string_view body, open;
    if (!Element(rest, "article", body, &open)) break;
    ++index;
    GoldArticle art;
    art.id = Attribute(open, "docid");
    if (art.id.empty()) art.id = std::string(name) + "#" + std::to_string(index);
    std::string_view raw;
    if (!Element(body, "text", raw)) return malformed("no <text>");
    art.text = TextOf(raw);
    if (std::string_view d; Element(body, "dltime", d)) art.date = Trim(d).substr(0, 10);
    // Code point -> byte offset table.
    std::vector<std::uint32_t> cp_byte;
    for (std::uint32_t b = 0; b < art.text.size(); ++b) {
      if ((static_cast<unsigned char>(art.text[b]) & 0xC0) != 0x80) cp_byte.push_back(b);
    }
    cp_byte.push_back(static_cast<std::uint32_t>(art.text.size()));

    std::string_view list = body;
    const bool trnews = body.find("<toponym>") != std::string_view::npos;
    const std::string_view item_tag = trnews ? "toponym" : "location";
    while (true) {
      std::string_view item;
      if (!Element(list, item_tag, item)) break;
      list = list.substr(static_cast<std::size_t>(item.data() - list.data()) + item.size());
      std::string_view v;
      GoldToponym t;
      if (!Element(item, trnews ? "phrase" : "name", v)) return malformed("toponym without a name");
      t.phrase = Trim(DecodeEntities(v));
      std::string_view start_s, end_s;
      if (!Element(item, "start", start_s) || !Element(item, "end", end_s)) {
        return malformed("toponym '" + t.phrase + "' without start/end");
      }
      std::string_view lat_s, lon_s, gaz, gaz_open;
      std::string_view point = item;
      if (trnews) {
        if (!Element(item, "gaztag", gaz, &gaz_open)) {
          ++corpus.dropped_no_point;
          continue;
        }
        point = gaz;
        t.geonameid = std::strtoll(Attribute(gaz_open, "geonameid").c_str(), nullptr, 10);
      }
      if (!Element(point, "lat", lat_s) || !Element(point, "lon", lon_s)) {
        ++corpus.dropped_no_point;
        continue;
      }
      t.lat = std::strtod(Trim(lat_s).c_str(), nullptr);
      t.lon = std::strtod(Trim(lon_s).c_str(), nullptr);
      const long start = std::strtol(Trim(start_s).c_str(), nullptr, 10);
      // Re-anchor to the nearest occurrence of the phrase (by bytes) around the given offset.
      const std::size_t approx = start >= 0 && static_cast<std::size_t>(start) < cp_byte.size()
                                     ? cp_byte[static_cast<std::size_t>(start)]
                                     : art.text.size();
      if (t.phrase.empty()) {
        ++corpus.dropped_not_found;
        continue;
      }
      std::size_t best = std::string::npos;
      std::size_t best_dist = std::string::npos;
      for (std::size_t at = art.text.find(t.phrase); at != std::string::npos;
           at = art.text.find(t.phrase, at + 1)) {
        const std::size_t dist = at > approx ? at - approx : approx - at;
        if (dist < best_dist) {
          best = at;
          best_dist = dist;
        }
      }
      if (best == std::string::npos) {
        ++corpus.dropped_not_found;
        continue;
      }
      if (best != approx) ++corpus.realigned;
      t.byte_begin = static_cast<std::uint32_t>(best);
      t.byte_end = static_cast<std::uint32_t>(best + t.phrase.size());
      art.toponyms.push_back(std::move(t));
    }
    corpus.articles.push_back(std::move(art));
    rest = rest.substr(static_cast<std::size_t>(body.data() - rest.data()) + body.size());
  }
  if (corpus.articles.empty()) {
    return Status(ErrorCode::kGoldMalformed, std::string(name) + ": no <article> elements");
  }
  return corpus;
}

Result<GoldCorpus> LoadGeoGold(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kGoldNotFound, "cannot read gold file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseGeoGold(ss.str(), path);
}

}  // namespace newsgraph::geo
