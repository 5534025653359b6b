#include "http/routes.h"

#include "api/archive_handlers.h"
#include "api/feed_handlers.h"
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
      {"GET", "/api/v1/documents/{id}/versions", "versions", bind(api::document_versions)},
      {"GET", "/api/v1/documents/{id}/versions/{n}/file", "file", bind(api::document_version_file)},
      {"POST", "/api/v1/documents", "write", bind(api::document_add)},
      {"PUT", "/api/v1/documents/{id}", "write", bind(api::document_replace)},
      {"DELETE", "/api/v1/documents/{id}", "write", bind(api::document_withdraw)},
      {"POST", "/api/v1/documents/{id}/restore", "write", bind(api::document_restore)},
      {"PUT", "/api/v1/documents/{id}/passages/{n}/links/{item}", "write", bind(api::link_review)},
      {"GET", "/api/v1/feeds/documents", "feed", bind(api::feed_documents)},
      {"GET", "/api/v1/feeds/workplan/{item}", "feed", bind(api::feed_workplan_item)},
      {"GET", "/api/v1/feeds/search", "feed", bind(api::feed_search)},
      {"GET", "/api/v1/workplan", "workplan", bind(api::workplan)},
      {"GET", "/api/v1/workplan/{item}", "workplan_item", bind(api::workplan_item)},
      {"GET", "/api/v1/health", "health", bind(api::health)},
      {"GET", "/metrics", "metrics", bind(api::metrics)},
      {"GET", "/*", "static", bind(api::static_file)},
  };
}

}  // namespace atip::http
