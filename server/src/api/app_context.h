// What every handler may use: the search service, the configuration and the metrics.
#pragma once

#include "atip/server/http_server.h"
#include "atip/server/search_service.h"
#include "http/metrics.h"

namespace atip::api {

struct AppContext {
  SearchService& search;
  const ServerConfig& config;
  http::Metrics& metrics;
};

}  // namespace atip::api
