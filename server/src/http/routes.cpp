#include "http/routes.h"

#include "api/archive_handlers.h"
#include "api/feed_handlers.h"
#include "api/handlers.h"

namespace atip::http {

std::vector<Route> make_routes(api::AppContext& ctx) {
  auto bind = [&ctx](Response (*f)(api::AppContext&, const Request&)) {
    return [&ctx, f](const Request& r) { return f(ctx, r); };
  };
  constexpr auto kPublic = Access::kPublic;
  constexpr auto kWriter = Access::kWriter;
  constexpr auto kRevision = Validation::kIndexRevision;
  constexpr auto kOwn = Validation::kByHandler;
  // Completions and feeds may be reused for a minute without asking (feed readers poll).
  const std::string kBriefly = "public, max-age=60";
  return {
      {"GET", "/api/v1/search", "search", bind(api::search), kPublic, kRevision},
      {"GET", "/api/v1/suggest", "suggest", bind(api::suggest), kPublic, kRevision, kBriefly},
      {"GET", "/api/v1/documents/{id}", "document", bind(api::document), kPublic, kRevision},
      {"GET", "/api/v1/documents/{id}/outline", "outline", bind(api::document_outline), kPublic, kRevision},
      {"GET", "/api/v1/documents/{id}/passages/{n}", "passage", bind(api::document_passage), kPublic, kRevision},
      {"GET", "/api/v1/documents/{id}/file", "file", bind(api::document_file), kPublic, kOwn},
      {"GET", "/api/v1/documents/{id}/versions", "versions", bind(api::document_versions), kPublic, kRevision},
      {"GET", "/api/v1/documents/{id}/versions/{n}/file", "file", bind(api::document_version_file), kPublic, kOwn},
      {"POST", "/api/v1/documents", "write", bind(api::document_add), kWriter, kOwn},
      {"PUT", "/api/v1/documents/{id}", "write", bind(api::document_replace), kWriter, kOwn},
      {"DELETE", "/api/v1/documents/{id}", "write", bind(api::document_withdraw), kWriter, kOwn},
      {"POST", "/api/v1/documents/{id}/restore", "write", bind(api::document_restore), kWriter, kOwn},
      {"PUT", "/api/v1/documents/{id}/passages/{n}/links/{item}", "write", bind(api::link_review), kWriter, kOwn},
      {"GET", "/api/v1/feeds/documents", "feed", bind(api::feed_documents), kPublic, kRevision, kBriefly},
      {"GET", "/api/v1/feeds/workplan/{item}", "feed", bind(api::feed_workplan_item), kPublic, kRevision, kBriefly},
      {"GET", "/api/v1/feeds/search", "feed", bind(api::feed_search), kPublic, kRevision, kBriefly},
      {"GET", "/api/v1/workplan", "workplan", bind(api::workplan), kPublic, kRevision},
      {"GET", "/api/v1/coverage", "coverage", bind(api::coverage), kPublic, kRevision},
      {"GET", "/api/v1/compare", "compare", bind(api::compare), kPublic, kRevision},
      {"GET", "/api/v1/workplan/{item}", "workplan_item", bind(api::workplan_item), kPublic, kRevision},
      {"GET", "/api/v1/health", "health", bind(api::health), kPublic, kOwn},
      {"GET", "/metrics", "metrics", bind(api::metrics), kPublic, kOwn},
      {"GET", "/*", "static", bind(api::static_file), kPublic, kOwn},
  };
}

}  // namespace atip::http
