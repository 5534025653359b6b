// Matches a method and path against the route table; patterns hold {name} segments.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/http_types.h"

namespace atip::http {

using Handler = std::function<Response(const Request&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/documents/{id}/passages/{n}"
  std::string name;     // for metrics: the endpoint family
  Handler handler;
};

struct Match {
  const Route* route = nullptr;
  bool path_known = false;  // the path matched some route, perhaps with another method
  std::vector<std::string> allowed;
  std::map<std::string, std::string> params;
};

class Router {
 public:
  explicit Router(std::vector<Route> routes);
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace atip::http
