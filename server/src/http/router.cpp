#include "http/router.h"

#include <algorithm>

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

std::string first_segment(const std::string& path) {
  size_t end = path.find('/', 1);
  return path.substr(0, end == std::string::npos ? path.size() : end);
}

}  // namespace

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (const auto& r : routes_) {
    if (r.pattern.back() != '*') exact_first_segments_.insert(first_segment(r.pattern));
  }
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  // A path some exact pattern names belongs to those routes only: a catch-all ("/*") does not
  // answer a wrong method there (GET on a POST-only route is 405, not a page lookup).
  for (bool wildcards : {false, true}) {
    for (const auto& r : routes_) {
      if ((r.pattern.back() == '*') != wildcards) continue;
      if (wildcards && exact_first_segments_.count(first_segment(path))) continue;
      std::map<std::string, std::string> params;
      if (!match_pattern(r.pattern, path, params)) continue;
      m.path_known = true;
      if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) m.allowed.push_back(r.method);
      if (!m.route && (r.method == method || (method == "HEAD" && r.method == "GET"))) {
        m.route = &r;
        m.params = std::move(params);
      }
    }
    if (m.path_known) break;
  }
  return m;
}

std::string allow_header(const std::vector<std::string>& methods) {
  std::string out;
  auto add = [&out](const std::string& m) { out += (out.empty() ? "" : ", ") + m; };
  for (const char* m : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}) {
    bool listed = std::find(methods.begin(), methods.end(), m) != methods.end();
    bool head_of_get = std::string(m) == "HEAD" && std::find(methods.begin(), methods.end(), "GET") != methods.end();
    if (listed || head_of_get) add(m);
  }
  add("OPTIONS");
  return out;
}

}  // namespace atip::http
