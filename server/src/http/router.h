// Matches a method and path against the route table; patterns hold {name} segments.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "http/http_types.h"

namespace atip::http {

using Handler = std::function<Response(const Request&)>;

// Who may call a route; a writer's token is checked before the request body is read.
enum class Access { kPublic, kWriter };
// How a GET's answer is validated: by an ETag of the index revision it was read from (the server
// answers If-None-Match with 304 before doing the work), or as the handler sets headers itself.
enum class Validation { kIndexRevision, kByHandler };

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/documents/{id}/passages/{n}"
  std::string name;     // for metrics: the endpoint family
  Handler handler;
  Access access = Access::kPublic;
  Validation validation = Validation::kByHandler;
  std::string cache_control = "no-cache";  // with kIndexRevision: on the 200 and the 304 alike
};

struct Match {
  const Route* route = nullptr;
  bool path_known = false;  // the path matched some route, perhaps with another method
  std::vector<std::string> allowed;  // the methods of the routes the path matched, each once
  std::map<std::string, std::string> params;
};

// A catch-all route ("/*") answers no path whose first segment an exact route begins with
// ("/api/v1/nothing" is no web page: 404 for every method).
// The Allow header for those methods: each once, HEAD where GET is, and OPTIONS.
std::string allow_header(const std::vector<std::string>& methods);

class Router {
 public:
  explicit Router(std::vector<Route> routes);
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::set<std::string> exact_first_segments_;  // "/api", "/metrics"
};

}  // namespace atip::http
