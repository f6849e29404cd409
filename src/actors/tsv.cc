#include "actors/tsv.h"

#include <cstdio>
#include <ctime>
#include <fstream>

#include "core/split.h"
#include "io/utf8.h"

namespace newsgraph::actors {

Status TsvLine::Error(std::string_view message) const {
  return Status(ErrorCode::kKbSourceMalformed,
                std::string(file) + ":" + std::to_string(line) + ": " + std::string(message));
}

Status ReadTsv(const std::string& path, std::size_t min_fields, std::size_t max_fields,
               const std::function<Status(const TsvLine&)>& on_line, bool optional) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (optional) return Status::Ok();
    return Status(ErrorCode::kKbSourceMalformed, path + ": knowledge source file missing or unreadable");
  }
  std::string text;
  TsvLine tl;
  tl.file = path;
  while (std::getline(in, text)) {
    ++tl.line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    if (!io::ValidUtf8(text)) return tl.Error("invalid UTF-8");
    tl.fields.clear();
    ForEachTabField(text, [&tl](std::string_view f) {
      while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
      while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
      tl.fields.push_back(f);
      return true;
    });
    while (tl.fields.size() > min_fields && tl.fields.back().empty()) tl.fields.pop_back();
    if (tl.fields.size() < min_fields || tl.fields.size() > max_fields) {
      return tl.Error("expected " + std::to_string(min_fields) +
                      (max_fields != min_fields ? " to " + std::to_string(max_fields) : std::string()) +
                      " tab-separated fields, found " + std::to_string(tl.fields.size()));
    }
    tl.fields.resize(max_fields);
    NEWSGRAPH_RETURN_IF_ERROR(on_line(tl));
  }
  return Status::Ok();
}

// Howard Hinnant's days_from_civil: shifts the year to start in March so leap days fall last.
std::int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool ParseDay(std::string_view text, std::int32_t& days, bool& uncertain) {
  uncertain = false;
  if (!text.empty() && text.back() == '?') {
    uncertain = true;
    text.remove_suffix(1);
  }
  auto digits = [&](std::size_t pos, std::size_t n, int& v) {
    if (text.size() < pos + n) return false;
    v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    return true;
  };
  int y = 0, m = 1, d = 1;
  if (!digits(0, 4, y)) return false;
  if (text.size() == 4) {
  } else if (text.size() == 7 && text[4] == '-' && digits(5, 2, m)) {
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-' && digits(5, 2, m) && digits(8, 2, d)) {
  } else {
    return false;
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  days = DaysFromCivil(y, m, d);
  return true;
}

std::string FormatDay(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::int32_t Today() { return static_cast<std::int32_t>(std::time(nullptr) / 86400); }

}  // namespace newsgraph::actors
