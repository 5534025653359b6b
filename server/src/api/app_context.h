// What every handler may use: the search service, the configuration, the metrics and the archive.
#pragma once

#include "atip/server/http_server.h"
#include "atip/server/search_service.h"
#include "http/metrics.h"

namespace atip::archive {
class Archive;
}

namespace atip::api {

struct AppContext {
  SearchService& search;
  const ServerConfig& config;
  http::Metrics& metrics;
  archive::Archive* archive = nullptr;  // none without a data folder: writes answer 503
};

}  // namespace atip::api
