// Status and Result<T>: how expected failures travel in newsgraph.
//
// Expected failures (bad input, missing model, malformed gold file) are values, never exceptions;
// no exception crosses the public API. A Status is either OK or carries an ErrorCode from
// errors.h and a message that names the document or file and the reason.
// Thread safety: plain values; safe to copy between threads.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "newsgraph/errors.h"

namespace newsgraph {

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "E101: invalid UTF-8 at byte 17 in doc 'x'" style rendering for stderr.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {}  // NOLINT(google-explicit-constructor)
  Result(ErrorCode code, std::string message) : data_(Status(code, std::move(message))) {}

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace newsgraph

// Propagates a non-OK Status out of the current function.
#define NEWSGRAPH_RETURN_IF_ERROR(expr)                    \
  do {                                                     \
    ::newsgraph::Status newsgraph_status_ = (expr);        \
    if (!newsgraph_status_.ok()) return newsgraph_status_; \
  } while (false)
