// The route table (http/routes.cpp) through the router, without a socket: which route a method and
// a path reach, with which path parameters, and what the server answers when none does (404, or 405
// with the Allow header). The server gives the router the decoded path (Poco::URI in http/server.cpp).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "http/router.h"
#include "http/routes.h"

namespace atip::http {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  // The production table; no handler runs, and the search service opens no index until asked.
  ServerConfig config_;
  SearchService search_{SearchServiceOptions{"/nonexistent/atip-router-test"}};
  Metrics metrics_;
  api::AppContext ctx_{search_, config_, metrics_, nullptr};
  Router router_{make_routes(ctx_)};
};

// "METHOD pattern" of the route a request reaches.
std::string route_of(const Match& m) { return m.route ? m.route->method + " " + m.route->pattern : "none"; }

TEST_F(RouterTest, EachPathReachesItsRouteWithItsParameters) {
  struct Case {
    std::string method, path;
    std::string route;  // "METHOD pattern"
    std::map<std::string, std::string> params;
  };
  const Case cases[] = {
      {"GET", "/api/v1/search", "GET /api/v1/search", {}},
      {"GET", "/api/v1/suggest", "GET /api/v1/suggest", {}},
      {"GET", "/api/v1/documents/un-palermo-protocol-en", "GET /api/v1/documents/{id}", {{"id", "un-palermo-protocol-en"}}},
      {"GET", "/api/v1/documents/d/outline", "GET /api/v1/documents/{id}/outline", {{"id", "d"}}},
      {"GET", "/api/v1/documents/d/passages/12", "GET /api/v1/documents/{id}/passages/{n}", {{"id", "d"}, {"n", "12"}}},
      {"GET", "/api/v1/documents/d/file", "GET /api/v1/documents/{id}/file", {{"id", "d"}}},
      {"GET", "/api/v1/documents/d/versions", "GET /api/v1/documents/{id}/versions", {{"id", "d"}}},
      {"GET", "/api/v1/documents/d/versions/2/file", "GET /api/v1/documents/{id}/versions/{n}/file",
       {{"id", "d"}, {"n", "2"}}},
      {"POST", "/api/v1/documents", "POST /api/v1/documents", {}},
      {"PUT", "/api/v1/documents/d", "PUT /api/v1/documents/{id}", {{"id", "d"}}},
      {"DELETE", "/api/v1/documents/d", "DELETE /api/v1/documents/{id}", {{"id", "d"}}},
      {"POST", "/api/v1/documents/d/restore", "POST /api/v1/documents/{id}/restore", {{"id", "d"}}},
      {"PUT", "/api/v1/documents/d/passages/3/links/activity:37", "PUT /api/v1/documents/{id}/passages/{n}/links/{item}",
       {{"id", "d"}, {"n", "3"}, {"item", "activity:37"}}},
      {"GET", "/api/v1/feeds/documents", "GET /api/v1/feeds/documents", {}},
      {"GET", "/api/v1/feeds/workplan/mandate:7", "GET /api/v1/feeds/workplan/{item}", {{"item", "mandate:7"}}},
      {"GET", "/api/v1/feeds/search", "GET /api/v1/feeds/search", {}},
      {"GET", "/api/v1/workplan", "GET /api/v1/workplan", {}},
      {"GET", "/api/v1/workplan/activity:37", "GET /api/v1/workplan/{item}", {{"item", "activity:37"}}},
      {"GET", "/api/v1/coverage", "GET /api/v1/coverage", {}},
      {"GET", "/api/v1/compare", "GET /api/v1/compare", {}},
      {"GET", "/api/v1/health", "GET /api/v1/health", {}},
      {"GET", "/metrics", "GET /metrics", {}},
      // HEAD is answered by the GET route.
      {"HEAD", "/api/v1/search", "GET /api/v1/search", {}},
      {"HEAD", "/api/v1/documents/d", "GET /api/v1/documents/{id}", {{"id", "d"}}},
      {"HEAD", "/", "GET /*", {{"path", ""}}},
      // The web page: the catch-all binds the rest of the path, whatever its segments.
      {"GET", "/", "GET /*", {{"path", ""}}},
      {"GET", "/app.js", "GET /*", {{"path", "app.js"}}},
      {"GET", "/i18n/es.json", "GET /*", {{"path", "i18n/es.json"}}},
      {"GET", "/apis", "GET /*", {{"path", "apis"}}},  // the first segment is "/apis", not "/api"
      {"GET", "/metrics.html", "GET /*", {{"path", "metrics.html"}}},
      {"GET", "/i18n/", "GET /*", {{"path", "i18n/"}}},
      // A parameter is the segment as the router gets it: decoded by the server, never again here.
      {"GET", "/api/v1/documents/a b", "GET /api/v1/documents/{id}", {{"id", "a b"}}},
      {"GET", "/api/v1/documents/caf\xc3\xa9", "GET /api/v1/documents/{id}", {{"id", "caf\xc3\xa9"}}},
      {"GET", "/api/v1/documents/a%2Fb", "GET /api/v1/documents/{id}", {{"id", "a%2Fb"}}},
      {"GET", "/api/v1/workplan/activity%3A37", "GET /api/v1/workplan/{item}", {{"item", "activity%3A37"}}},
  };
  for (const auto& c : cases) {
    Match m = router_.match(c.method, c.path);
    EXPECT_EQ(route_of(m), c.route) << c.method << " " << c.path;
    EXPECT_EQ(m.params, c.params) << c.method << " " << c.path;
    EXPECT_TRUE(m.path_known) << c.method << " " << c.path;
  }
}

// A path no route names is a 404 for every method: the catch-all does not take a path under a first
// segment an exact route begins with, and a pattern's segments match whole (no trailing slash, no
// empty parameter, no extra segment).
TEST_F(RouterTest, UnknownPathsAreNotFound) {
  const std::string paths[] = {
      "/api",
      "/api/",
      "/api/v1",
      "/api/v1/nothing",
      "/api/v2/search",
      "/api/v1/search/",
      "/api/v1/Search",
      "/api/v1//search",
      "/api/v1/documents/",
      "/api/v1/documents//outline",
      "/api/v1/documents/d/passages/",
      "/api/v1/documents/d/passages/1/extra",
      "/api/v1/documents/a/b",  // %2F decoded by the server: two segments, no route
      "/api/v1/workplan/",
      "/metrics/",
      "/metrics/x",
  };
  for (const auto& path : paths) {
    for (const char* method : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}) {
      Match m = router_.match(method, path);
      EXPECT_EQ(m.route, nullptr) << method << " " << path << " reached " << route_of(m);
      EXPECT_FALSE(m.path_known) << method << " " << path;
      EXPECT_TRUE(m.allowed.empty()) << method << " " << path;
      EXPECT_TRUE(m.params.empty()) << method << " " << path;
    }
  }
}

// A known path with a method none of its routes takes: 405, Allow listing its methods (HEAD where
// GET is, OPTIONS always).
TEST_F(RouterTest, AWrongMethodIsNotAllowedAndTheAllowHeaderSaysWhich) {
  struct Case {
    std::string method, path;
    std::string allow;
  };
  const Case cases[] = {
      {"POST", "/api/v1/search", "GET, HEAD, OPTIONS"},
      {"DELETE", "/metrics", "GET, HEAD, OPTIONS"},
      {"GET", "/api/v1/documents", "POST, OPTIONS"},
      {"HEAD", "/api/v1/documents", "POST, OPTIONS"},
      {"PATCH", "/api/v1/documents/d", "GET, HEAD, PUT, DELETE, OPTIONS"},
      {"POST", "/api/v1/documents/d", "GET, HEAD, PUT, DELETE, OPTIONS"},
      {"GET", "/api/v1/documents/d/restore", "POST, OPTIONS"},
      {"GET", "/api/v1/documents/d/passages/3/links/activity:37", "PUT, OPTIONS"},
      {"PUT", "/api/v1/documents/d/passages/3", "GET, HEAD, OPTIONS"},
      {"POST", "/app.js", "GET, HEAD, OPTIONS"},  // the catch-all's
      {"DELETE", "/", "GET, HEAD, OPTIONS"},
      {"get", "/api/v1/search", "GET, HEAD, OPTIONS"},  // methods are case-sensitive
  };
  for (const auto& c : cases) {
    Match m = router_.match(c.method, c.path);
    EXPECT_EQ(m.route, nullptr) << c.method << " " << c.path << " reached " << route_of(m);
    EXPECT_TRUE(m.path_known) << c.method << " " << c.path;
    EXPECT_EQ(allow_header(m.allowed), c.allow) << c.method << " " << c.path;
  }
}

// Every route of the table is reachable: no earlier route takes all its requests.
TEST_F(RouterTest, EveryRouteIsReachable) {
  for (const Route& r : router_.routes()) {
    std::string path;
    for (size_t i = 0; i < r.pattern.size(); ++i) {
      if (r.pattern[i] == '{') {
        path += "x";
        i = r.pattern.find('}', i);
      } else if (r.pattern[i] == '*') {
        path += "page.html";
      } else {
        path += r.pattern[i];
      }
    }
    Match m = router_.match(r.method, path);
    EXPECT_EQ(m.route, &r) << r.method << " " << path << " reached " << route_of(m);
  }
}

}  // namespace
}  // namespace atip::http
