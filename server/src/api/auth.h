// Bearer tokens for writes: which configured token (by name) a request carries.
#pragma once

#include <string>

#include "atip/result.h"
#include "atip/server/http_server.h"
#include "http/http_types.h"

namespace atip::api {

// The configured tokens: config.tokens, and config.token named "default".
std::vector<ApiToken> configured_tokens(const ServerConfig& config);

// The name of the token in "Authorization: Bearer <token>", compared in constant time with every
// configured one; kUnauthenticated when there is none or it matches none.
Result<std::string> authenticate(const ServerConfig& config, const http::Request& req);

}  // namespace atip::api
