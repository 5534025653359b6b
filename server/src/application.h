// The server's composition root: the parts one server process is made of (search, archive, the
// handlers' context and the route table), built from its settings. The HTTP side (http/server.cpp)
// serves an Application and knows nothing of how it was assembled.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/app_context.h"
#include "archive/archive.h"
#include "atip/result.h"
#include "atip/server/http_server.h"
#include "atip/server/search_service.h"
#include "http/metrics.h"
#include "http/router.h"

namespace atip {

struct Application {
  explicit Application(ServerConfig settings);
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  // Before the first request: refuses an index that cannot be read (it would answer 503 to every
  // request), opens the archive when there is a data folder and finishes or drops what a crash
  // interrupted, so that store and index agree. What an operator should know is added to notes.
  Result<bool> open(std::vector<std::string>& notes);

  ServerConfig config;
  SearchService search;
  http::Metrics metrics;
  std::unique_ptr<archive::Archive> archive;  // with a data folder only
  api::AppContext ctx;
  http::Router router;
};

}  // namespace atip
