#include "http/routes.h"

#include "api/handlers.h"

namespace atip::http {

std::vector<Route> make_routes(api::AppContext& ctx) {
  auto bind = [&ctx](Response (*f)(api::AppContext&, const Request&)) {
    return [&ctx, f](const Request& r) { return f(ctx, r); };
  };
  return {
      {"GET", "/api/v1/search", "search", bind(api::search)},
      {"GET", "/api/v1/suggest", "suggest", bind(api::suggest)},
      {"GET", "/api/v1/documents/{id}", "document", bind(api::document)},
      {"GET", "/api/v1/documents/{id}/passages/{n}", "passage", bind(api::document_passage)},
      {"GET", "/api/v1/documents/{id}/file", "file", bind(api::document_file)},
      {"POST", "/api/v1/documents", "write", bind(api::document_write)},
      {"PUT", "/api/v1/documents/{id}", "write", bind(api::document_write)},
      {"DELETE", "/api/v1/documents/{id}", "write", bind(api::document_write)},
      {"GET", "/api/v1/workplan", "workplan", bind(api::workplan)},
      {"GET", "/api/v1/workplan/{item}", "workplan_item", bind(api::workplan_item)},
      {"GET", "/api/v1/health", "health", bind(api::health)},
      {"GET", "/metrics", "metrics", bind(api::metrics)},
      {"GET", "/*", "static", bind(api::static_file)},
  };
}

}  // namespace atip::http
