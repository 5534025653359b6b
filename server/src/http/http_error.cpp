#include "http/http_error.h"

#include "atip/json_writer.h"

namespace atip::http {

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kUnsupported: return 415;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kMethodNotAllowed: return 405;
  }
  return 500;
}

const char* code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kFailedPrecondition: return "failed_precondition";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
  }
  return "internal";
}

Response error_response(const Error& error) {
  Response r;
  r.status = status_of(error.code);
  JsonWriter w;
  w.begin_object().key("error").begin_object().key("code").value(code_name(error.code)).key("message")
      .value(error.message).end_object().end_object();
  r.body = w.take();
  if (error.code == ErrorCode::kUnauthenticated) r.set_header("WWW-Authenticate", "Bearer realm=\"atip\"");
  return r;
}

}  // namespace atip::http
