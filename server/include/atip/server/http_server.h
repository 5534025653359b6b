// The archive's HTTP server: the API of API.md and the web page, on Poco's HTTPServer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "atip/result.h"

namespace atip {

// A bearer token that allows writes, with the name the audit log records for it.
struct ApiToken {
  std::string name;
  std::string secret;

  bool operator==(const ApiToken&) const = default;
};

// "NAME:SECRET", or a plain "SECRET" (named "default"). A name is 1-64 of [A-Za-z0-9._-].
Result<ApiToken> parse_api_token(const std::string& spec);

struct ServerConfig {
  std::string db_path;
  std::string web_dir;              // empty: no web page
  std::string bind = "127.0.0.1";
  int port = 8080;                  // 0 picks a free port
  int threads = 64;  // connections served at once (a kept-alive one holds its thread); CPU work is bounded by the cores
  int queue = 64;
  std::string token;                // bearer token for writes, named "default"; empty: none
  std::vector<ApiToken> tokens;     // more named tokens; with token empty and none here, writes are refused
  std::string data_dir;             // the archive (originals, versions, audit log); empty: writes answer 503
  std::string reference_dir;        // work plan, thesaurus, countries, organizations for uploads;
                                    // empty: the folder the last atip-index run recorded in the index
  size_t max_upload_bytes = size_t{32} << 20;  // largest uploaded file
  bool sandbox_extraction = true;   // extract uploads in a child process, as atip-index does
  std::vector<std::string> cors_origins;  // "*" allows any
  std::string public_url;           // base of absolute links (feeds, exports); empty: this server's own address
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For/-Proto/-Host are believed
  size_t max_body_bytes = size_t{64} << 20;
  size_t max_query_chars = 1000;
  size_t max_url_bytes = 16384;
  int request_timeout_seconds = 15;
  double rate_per_second = 100;     // per client address; 0 disables
  double rate_burst = 200;
  double query_time_budget_seconds = 0.5;
  unsigned exact_count_limit = 10000;  // matching passages counted exactly per query (SearchServiceOptions)

  bool operator==(const ServerConfig&) const = default;
};

class HttpServer {
 public:
  explicit HttpServer(ServerConfig config);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Makes the archive and the index agree (finishing or dropping writes a crash interrupted), then
  // binds and starts serving; returns the port it listens on.
  Result<int> start();
  // What start() found and did that an operator should know (recovered writes); one line each.
  const std::vector<std::string>& notes() const;
  void stop();
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace atip
