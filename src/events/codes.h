// Actor codes that name organisations rather than countries (CAMEO/PLOVER conventions: UNO, NAT,
// EUR, IGO, ...). Used where a country is wanted (a report's home country) and by the event
// evaluation, which matches every organisation code as the class "IGO".
//
// Thread safety: pure function.
#pragma once

#include <set>
#include <string_view>

namespace newsgraph::events {

inline bool IsOrganisationCode(std::string_view code) {
  static const std::set<std::string_view> kOrgs = {
      "IGO", "UNO", "NAT", "EUR", "AFU", "ASN", "IMF", "WTO", "WHO", "OPC", "ICC", "WBK", "NGO",
      "IAE", "RED", "ARL", "G7",  "G8",  "G20", "OSC", "CIS", "SCO", "BRI", "OAS", "GCC", "MNC"};
  return kOrgs.count(code) > 0;
}

}  // namespace newsgraph::events
