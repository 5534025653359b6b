#include "api/auth.h"

#include <Poco/String.h>

#include <algorithm>

namespace atip {

Result<ApiToken> parse_api_token(const std::string& spec) {
  size_t colon = spec.find(':');
  if (colon != std::string::npos && colon > 0 && colon <= 64) {
    std::string name = spec.substr(0, colon);
    bool is_name = std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
    if (is_name) {
      std::string secret = spec.substr(colon + 1);
      if (secret.empty()) return invalid_argument("the token '" + name + "' has an empty secret");
      return ApiToken{name, secret};
    }
  }
  if (spec.empty()) return invalid_argument("a token may not be empty");
  return ApiToken{"default", spec};
}

}  // namespace atip

namespace atip::api {
namespace {

// Constant time in the length of given: no early exit on the first differing byte.
bool same_secret(const std::string& given, const std::string& want) {
  if (want.empty()) return false;
  unsigned char diff = given.size() == want.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ want[i % want.size()]);
  return diff == 0;
}

}  // namespace

std::vector<ApiToken> configured_tokens(const ServerConfig& config) {
  std::vector<ApiToken> tokens = config.tokens;
  if (!config.token.empty()) tokens.push_back({"default", config.token});
  return tokens;
}

Result<std::string> authenticate(const ServerConfig& config, const http::Request& req) {
  std::string auth = req.header("authorization");
  auto tokens = configured_tokens(config);
  if (tokens.empty()) {
    return Error{ErrorCode::kUnauthenticated, "this server takes no writes: no bearer token is configured (--token)"};
  }
  // The scheme is case-insensitive and followed by one or more spaces (RFC 9110 11.4, RFC 6750 2.1).
  size_t space = auth.find(' ');
  if (space != 6 || Poco::icompare(auth.substr(0, 6), "Bearer") != 0) {
    return Error{ErrorCode::kUnauthenticated, "this request needs 'Authorization: Bearer <token>'"};
  }
  size_t secret_at = auth.find_first_not_of(' ', space);
  std::string given = secret_at == std::string::npos ? std::string() : auth.substr(secret_at);
  std::string name;
  for (const auto& t : tokens) {
    if (same_secret(given, t.secret) && name.empty()) name = t.name;
  }
  if (name.empty()) return Error{ErrorCode::kUnauthenticated, "the bearer token is not valid"};
  return name;
}

}  // namespace atip::api
