// Plain HTTP request and response data: handlers are functions over these, testable without
// a socket.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace atip::http {

struct Request {
  std::string method;
  std::string path;                                   // decoded path, no query string
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;         // names in lower case
  std::string body;
  std::string peer;                                   // the socket's peer address
  std::string client;                                 // who asked: the peer, or behind a trusted proxy the
                                                      // address it forwarded (rate limits are per client)
  std::map<std::string, std::string> params;          // from the route pattern, e.g. {id}

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A file to send instead of body (with range).
  std::string file_path;
  long long file_offset = 0;
  long long file_length = -1;
  bool compressible = true;  // false: sent as stored whatever the client accepts (byte ranges)
  bool varies_by_encoding = false;  // no body, but the 200 it stands for varies by Accept-Encoding (304)
  bool close_connection = false;  // the request's body was left unread: answer, then close

  void set_header(const std::string& name, const std::string& value) { headers.emplace_back(name, value); }
  std::string header(const std::string& name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return {};
  }
};

}  // namespace atip::http
