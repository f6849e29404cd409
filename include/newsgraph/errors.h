// The catalogue of every user-visible error code, in one place.
//
// Each code is stable: scripts and evaluations match on "E101" etc., so a code is never
// renumbered or reused. Ranges: E1xx input documents, E2xx models, E3xx knowledge base,
// E4xx store, E5xx evaluation and training, E6xx command line and server.
// docs/ERRORS.md documents each code; tests/unit/errors_test.cc checks the two agree.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsgraph {

// X(enum name, number, short description)
#define NEWSGRAPH_ERROR_CODES(X)                                       \
  X(kInvalidUtf8, 101, "invalid UTF-8")                                \
  X(kEmptyDocument, 102, "empty document")                             \
  X(kDocumentTooLarge, 103, "document too large")                      \
  X(kMalformedJsonLine, 104, "malformed JSON line")                    \
  X(kBinaryInput, 105, "binary input")                                 \
  X(kUnreadableInput, 106, "input cannot be read")                     \
  X(kMalformedConllu, 107, "malformed CoNLL-U")                        \
  X(kMalformedConll, 108, "malformed CoNLL/IOB2")                      \
  X(kMalformedHtml, 109, "HTML without extractable text")              \
  X(kMissingField, 110, "required field missing")                      \
  X(kInvalidDate, 111, "invalid date")                                 \
  X(kLineTooLong, 112, "input line too long")                          \
  X(kModelNotFound, 201, "model file not found")                       \
  X(kModelBadMagic, 202, "not a newsgraph model file")                 \
  X(kModelVersion, 203, "unsupported model format version")            \
  X(kModelTruncated, 204, "model file truncated")                      \
  X(kModelCorrupt, 205, "model file corrupt")                          \
  X(kModelSelfTest, 206, "model self-test failed")                     \
  X(kKbSourceMalformed, 301, "malformed knowledge source file")        \
  X(kKbNotFound, 302, "knowledge base file not found")                 \
  X(kKbBadFormat, 303, "knowledge base file corrupt or wrong version") \
  X(kKbNoMatch, 304, "name not found in knowledge base")               \
  X(kStoreOpen, 401, "cannot open store")                              \
  X(kStoreSchema, 402, "store schema error")                           \
  X(kStoreWrite, 403, "store write failed")                            \
  X(kStoreQuery, 404, "store query failed")                            \
  X(kStoreBackend, 405, "store backend unavailable")                   \
  X(kGoldNotFound, 501, "gold file not found")                         \
  X(kGoldMalformed, 502, "malformed gold file")                        \
  X(kTrainingData, 503, "training data unusable")                      \
  X(kTrainingOutput, 504, "cannot write trained model")                \
  X(kUsage, 601, "usage error")                                        \
  X(kOutputWrite, 602, "cannot write output")                          \
  X(kServer, 603, "server error")                                      \
  X(kInternal, 699, "internal error")

enum class ErrorCode : std::uint16_t {
  kOk = 0,
#define NEWSGRAPH_ERROR_ENUM(name, number, text) \
  name = number,  // NOLINT(bugprone-macro-parentheses): an enumerator name
  NEWSGRAPH_ERROR_CODES(NEWSGRAPH_ERROR_ENUM)
#undef NEWSGRAPH_ERROR_ENUM
};

// "E101" for kInvalidUtf8; "" for kOk.
std::string_view ErrorCodeString(ErrorCode code);
// The short description from the catalogue.
std::string_view ErrorCodeDescription(ErrorCode code);

}  // namespace newsgraph
