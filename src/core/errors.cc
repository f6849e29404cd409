#include "newsgraph/errors.h"

#include "newsgraph/status.h"

namespace newsgraph {

std::string_view ErrorCodeString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "";
#define NEWSGRAPH_ERROR_STRING(name, number, text) \
  case ErrorCode::name:                            \
    return "E" #number;
      NEWSGRAPH_ERROR_CODES(NEWSGRAPH_ERROR_STRING)
#undef NEWSGRAPH_ERROR_STRING
  }
  return "E699";
}

std::string_view ErrorCodeDescription(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
#define NEWSGRAPH_ERROR_TEXT(name, number, text) \
  case ErrorCode::name:                          \
    return text;
      NEWSGRAPH_ERROR_CODES(NEWSGRAPH_ERROR_TEXT)
#undef NEWSGRAPH_ERROR_TEXT
  }
  return "internal error";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(ErrorCodeString(code_));
  out += ": ";
  out += message_.empty() ? std::string(ErrorCodeDescription(code_)) : message_;
  return out;
}

}  // namespace newsgraph
