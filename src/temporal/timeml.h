// TimeML (TempEval-3) gold files and the TempEval-3 time-expression scores.
//
// ParseTimeml reads one .tml file: the document creation time (the TIMEX3 inside <DCT>), the
// raw text of <TEXT> with every tag removed and entities decoded, and the gold TIMEX3 spans as
// byte offsets into that raw text.
//
// TimexScorer accumulates, over documents, the TempEval-3 measures:
//   strict span P/R/F1   system and gold extents identical;
//   relaxed span P/R/F1  extents overlap (pairs are formed one-to-one, greedily in text order);
//   type / value accuracy over the relaxed pairs;
//   type F1 / value F1 = relaxed F1 x attribute accuracy. This equals the F1 of "correct
//     attribute" counts (P = correct / system, R = correct / gold), which is how the TempEval-3
//     scorer reports attribute F1 (UzZaman et al. 2013, section 4.1).
//
// Thread safety: plain functions and values; a TimexScorer is used by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph::temporal {

struct TimemlDoc {
  std::string id;
  std::string dct;   // YYYY-MM-DD or ""
  std::string text;  // raw text of <TEXT>
  std::vector<TimeExpr> gold;
};

Result<TimemlDoc> ParseTimeml(std::string_view xml, std::string_view name);

struct PrfCounts {
  std::uint64_t gold = 0, system = 0, matched = 0;
  double Precision() const {
    return system ? 100.0 * static_cast<double>(matched) / static_cast<double>(system) : 0;
  }
  double Recall() const {
    return gold ? 100.0 * static_cast<double>(matched) / static_cast<double>(gold) : 0;
  }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct TimexScores {
  PrfCounts strict;
  PrfCounts relaxed;
  std::uint64_t type_correct = 0;
  std::uint64_t value_correct = 0;
  double TypeAccuracy() const {
    return relaxed.matched ? 100.0 * static_cast<double>(type_correct) / static_cast<double>(relaxed.matched)
                           : 0;
  }
  double ValueAccuracy() const {
    return relaxed.matched ? 100.0 * static_cast<double>(value_correct) / static_cast<double>(relaxed.matched)
                           : 0;
  }
  double TypeF1() const { return relaxed.F1() * TypeAccuracy() / 100.0; }
  double ValueF1() const { return relaxed.F1() * ValueAccuracy() / 100.0; }
  void Merge(const TimexScores& o);
};

// One scoring difference, for error listings.
struct TimexError {
  enum Kind { kMissed, kSpurious, kValue, kType } kind;
  std::string text;              // the gold (or system) extent
  std::string gold;              // gold type/value
  std::string system;            // system type/value
  std::uint32_t byte_begin = 0;  // where in the text (gold extent, or system extent if spurious)
};

// Scores one document; appends errors when `errors` is not null.
TimexScores ScoreTimexes(const std::string& text, const std::vector<TimeExpr>& gold,
                         const std::vector<TimeExpr>& system, std::vector<TimexError>* errors);

}  // namespace newsgraph::temporal
