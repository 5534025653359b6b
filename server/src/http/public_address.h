// Where clients reach this server and who they are, without trusting what a client says of itself:
// absolute links come from the configured public base URL, and X-Forwarded-* headers count only
// when the peer is a configured proxy.
#pragma once

#include <string>
#include <vector>

#include "atip/server/http_server.h"
#include "http/http_types.h"

namespace atip::http {

// "https://host[:port][/path]" without a trailing slash, or an error message.
std::string check_public_url(const std::string& url);

// Empty when a --trust-proxy value is an IP address (plain IPv4 or IPv6); else why not.
std::string check_proxy_address(const std::string& address);

// Empty when a --cors-origin value is "*" or scheme://host[:port]; else why not.
std::string check_origin(const std::string& origin);

// The base of absolute links: the public URL; else, from a trusted proxy, its X-Forwarded-Proto and
// X-Forwarded-Host (or Host); else this server's own listening address.
std::string public_base_url(const ServerConfig& config, const Request& req);

// The client a request comes from: the peer, or behind trusted proxies the nearest address in
// X-Forwarded-For that is not one of them.
std::string client_address(const ServerConfig& config, const std::string& peer, const std::string& forwarded_for);

}  // namespace atip::http
