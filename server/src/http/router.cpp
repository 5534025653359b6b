#include "http/router.h"

namespace atip::http {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool match_pattern(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  if (pattern.back() == '*') {  // prefix route: "/static/*" binds the rest to {path}
    std::string prefix = pattern.substr(0, pattern.size() - 1);
    if (path.rfind(prefix, 0) != 0) return false;
    params["path"] = path.substr(prefix.size());
    return true;
  }
  auto want = split_path(pattern);
  auto got = split_path(path);
  if (want.size() != got.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    const std::string& w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (got[i].empty()) return false;
      params[w.substr(1, w.size() - 2)] = got[i];
    } else if (w != got[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(r.pattern, path, params)) continue;
    m.path_known = true;
    m.allowed.push_back(r.method);
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      if (!m.route) {
        m.route = &r;
        m.params = std::move(params);
      }
    }
  }
  return m;
}

}  // namespace atip::http
