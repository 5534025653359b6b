#include "http/public_address.h"

#include <Poco/Net/IPAddress.h>

#include <algorithm>
#include <cctype>

namespace atip::http {
namespace {

// "::ffff:10.0.0.2", as a dual-stack socket names an IPv4 peer, is 10.0.0.2.
std::string unmapped(const std::string& address) {
  const std::string mapped = "::ffff:";
  if (address.size() > mapped.size() && address.compare(0, mapped.size(), mapped) == 0 &&
      address.find('.') != std::string::npos) {
    return address.substr(mapped.size());
  }
  return address;
}

bool is_trusted(const ServerConfig& config, const std::string& peer) {
  std::string address = unmapped(peer);
  return std::find(config.trusted_proxies.begin(), config.trusted_proxies.end(), address) != config.trusted_proxies.end();
}

// A host name or address with an optional port: letters, digits, '.', '-', ':' and IPv6 brackets.
bool is_host(const std::string& host) {
  return !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// The last element of a comma-separated header value (the one the nearest proxy added).
std::string last_item(const std::string& value) {
  size_t comma = value.rfind(',');
  return trimmed(comma == std::string::npos ? value : value.substr(comma + 1));
}

std::string own_address(const ServerConfig& config) {
  std::string host = config.bind;
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
  else if (host == "::") host = "[::1]";
  else if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(config.port);
}

}  // namespace

std::string check_public_url(const std::string& url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "the public URL must begin with http:// or https://";
  std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return "the public URL must begin with http:// or https://";
  std::string rest = url.substr(scheme_end + 3);
  std::string host = rest.substr(0, rest.find('/'));
  if (!is_host(host)) return "the public URL's host '" + host.substr(0, 80) + "' is not a host name or address";
  std::string path = rest.substr(host.size());
  bool plain_path = std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
  });
  if (!plain_path) return "the public URL may have a path of letters, digits and / - _ . ~ only, no query";
  return {};
}

std::string check_proxy_address(const std::string& address) {
  Poco::Net::IPAddress ip;
  if (!Poco::Net::IPAddress::tryParse(address, ip)) return "'" + address.substr(0, 80) + "' is not an IP address";
  if (unmapped(address) != address) return "give '" + unmapped(address) + "', not its IPv4-mapped form";
  return {};
}

std::string check_origin(const std::string& origin) {
  if (origin == "*") return {};
  std::string why = check_public_url(origin);
  if (!why.empty()) return why;
  size_t host_at = origin.find("://") + 3;
  if (origin.find('/', host_at) != std::string::npos) return "an origin is scheme://host[:port], with no path";
  return {};
}

std::string public_base_url(const ServerConfig& config, const Request& req) {
  if (!config.public_url.empty()) {
    std::string url = config.public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }
  if (is_trusted(config, req.peer)) {
    std::string proto = last_item(req.header("x-forwarded-proto"));
    std::string host = last_item(req.header("x-forwarded-host"));
    if (host.empty()) host = req.header("host");
    if (is_host(host)) return (proto == "https" ? "https://" : "http://") + host;
  }
  return own_address(config);
}

std::string client_address(const ServerConfig& config, const std::string& peer, const std::string& forwarded_for) {
  if (!is_trusted(config, peer) || forwarded_for.empty()) return unmapped(peer);
  // Read from the nearest hop outwards; the first address no trusted proxy owns is the client.
  std::string rest = forwarded_for;
  while (!rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string hop = trimmed(comma == std::string::npos ? rest : rest.substr(comma + 1));
    if (!hop.empty() && !is_trusted(config, hop)) return hop;
    if (comma == std::string::npos) break;
    rest.erase(comma);
  }
  return unmapped(peer);
}

}  // namespace atip::http
