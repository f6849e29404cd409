// Geoparsing gold data: the GeoVirus and TR-News XML corpora (Gritta et al.) as plain records.
//
// GeoVirus:  <article><source/><text>…</text><locations><location><name/><start/><end/><lat/>
//            <lon/><page/></location>…</locations></article>
// TR-News:   <article docid=…><title/><url/><domain/><dltime/><text><![CDATA[…]]></text>
//            <toponyms><toponym><phrase/><start/><end/><gaztag geonameid=…><name/><fclass/>
//            <fcode/><lat/><lon/><country/></gaztag></toponym>…</toponyms></article>
// Offsets in the files are code points; a few are shifted by one (GeoVirus) or point at another
// occurrence, so each span is re-anchored to the occurrence of its phrase nearest the given
// offset, and the loader counts how many it had to move. Toponyms without coordinates (TR-News
// has a few without a gaztag) are kept out and counted.
//
// Thread safety: plain functions and values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsgraph/status.h"

namespace newsgraph::geo {

struct GoldToponym {
  std::uint32_t byte_begin = 0;  // into GoldArticle::text
  std::uint32_t byte_end = 0;
  std::string phrase;
  double lat = 0;
  double lon = 0;
  std::int64_t geonameid = 0;  // 0 when the corpus gives none (GeoVirus links Wikipedia)
};

struct GoldArticle {
  std::string id;
  std::string date;  // YYYY-MM-DD when the corpus gives one
  std::string text;
  std::vector<GoldToponym> toponyms;
};

struct GoldCorpus {
  std::vector<GoldArticle> articles;
  std::size_t realigned = 0;  // spans moved to the nearest occurrence of their phrase
  std::size_t dropped_no_point = 0;
  std::size_t dropped_not_found = 0;
};

// Parses a GeoVirus / TR-News style file; E501 when missing, E502 when malformed.
Result<GoldCorpus> LoadGeoGold(const std::string& path);
// Same, from an in-memory document (`name` for messages).
Result<GoldCorpus> ParseGeoGold(std::string_view xml, std::string_view name);

}  // namespace newsgraph::geo
