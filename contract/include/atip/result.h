// A small closed set of error codes and a value-or-error result, for failures users can cause.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace atip {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kUnauthenticated,
  kPermissionDenied,
  kTooLarge,
  kRateLimited,
  kUnsupported,
  kUnavailable,
  kInternal,
  kAlreadyExists,       // the thing to create is there already
  kFailedPrecondition,  // the request is fine, but not in the state the target is in
  kMethodNotAllowed,    // the address exists, but not with this method
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

inline Error invalid_argument(std::string message) {
  return {ErrorCode::kInvalidArgument, std::move(message)};
}
inline Error not_found(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }

}  // namespace atip
