// The archive's HTTP server: the API of API.md and the web page, on Poco's HTTPServer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "atip/result.h"

namespace atip {

struct ServerConfig {
  std::string db_path;
  std::string web_dir;              // empty: no web page
  std::string bind = "127.0.0.1";
  int port = 8080;                  // 0 picks a free port
  int threads = 16;
  int queue = 64;
  std::string token;                // bearer token for writes; empty: writes refused
  std::vector<std::string> cors_origins;  // "*" allows any
  size_t max_body_bytes = size_t{64} << 20;
  size_t max_query_chars = 1000;
  size_t max_url_bytes = 16384;
  int request_timeout_seconds = 15;
  double rate_per_second = 100;     // per client address; 0 disables
  double rate_burst = 200;
  double query_time_budget_seconds = 0.5;
};

class HttpServer {
 public:
  explicit HttpServer(ServerConfig config);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; returns the port it listens on.
  Result<int> start();
  void stop();
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace atip
