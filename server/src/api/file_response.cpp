#include "api/file_response.h"

#include <Poco/String.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <vector>

#include "http/conditional.h"
#include "http/http_error.h"

namespace atip::api {

ByteRange parse_byte_range(const std::string& header, long long total) {
  auto trim = [](std::string v) {
    v.erase(0, v.find_first_not_of(" \t"));
    v.erase(v.find_last_not_of(" \t") + 1);
    return v;
  };
  auto digits = [](const std::string& v) {
    return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  // Numbers too long for 64 bits are past the end of any file.
  auto number = [](const std::string& v) { return v.size() > 18 ? std::numeric_limits<long long>::max() : std::stoll(v); };
  ByteRange ignore;
  size_t eq = header.find('=');
  if (eq == std::string::npos || Poco::icompare(header.substr(0, eq), "bytes") != 0) return ignore;
  std::vector<std::string> specs;
  for (size_t start = eq + 1; start <= header.size();) {
    size_t comma = header.find(',', start);
    if (comma == std::string::npos) comma = header.size();
    std::string spec = trim(header.substr(start, comma - start));  // list items may have spaces around
    if (!spec.empty()) specs.push_back(spec);
    start = comma + 1;
  }
  // Several ranges are answered with the whole file (RFC 9110 14.2 lets a server ignore Range).
  if (specs.size() != 1) return ignore;
  const std::string& spec = specs.front();
  size_t dash = spec.find('-');
  if (dash == std::string::npos) return ignore;
  std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);  // no spaces inside a range
  ByteRange out;
  out.kind = ByteRange::Kind::kUnsatisfiable;
  if (a.empty()) {
    if (!digits(b)) return ignore;
    long long n = number(b);
    if (total == 0) return ignore;  // RFC 9110 14.1.1: an empty file is sent whole (and empty)
    if (n == 0) return out;
    out.first = n >= total ? 0 : total - n;
    out.last = total - 1;
  } else {
    if (!digits(a) || (!b.empty() && !digits(b))) return ignore;
    out.first = number(a);
    out.last = b.empty() ? total - 1 : std::min(number(b), total - 1);
    if (!b.empty() && number(b) < out.first) return ignore;  // not a valid range: as if not asked
    if (out.first >= total) return out;
  }
  out.kind = ByteRange::Kind::kOne;
  return out;
}

http::Response file_response(const http::Request& req, const FileToSend& file) {
  std::error_code ec;
  auto size = std::filesystem::file_size(file.path, ec);
  if (ec) return http::error_response(not_found("the file '" + file.name + "' is no longer available"));
  http::Response resp;
  std::string etag = "\"" + file.hash + "\"";
  resp.set_header("ETag", etag);
  resp.set_header("Accept-Ranges", "bytes");
  resp.set_header("Cache-Control", "public, max-age=3600");
  std::string disposition = "inline";
  for (const auto& [name, value] : req.query) {
    if (name == "download") disposition = "attachment";
  }
  resp.set_header("Content-Disposition", disposition + "; filename=\"" + file.name + "\"");
  resp.content_type = file.content_type;
  resp.compressible = false;  // byte ranges address the stored bytes
  if (http::if_none_match_matches(req.header("if-none-match"), etag)) {
    resp.status = 304;
    return resp;
  }
  resp.file_path = file.path;
  resp.file_offset = 0;
  resp.file_length = static_cast<long long>(size);
  std::string range = req.header("range");
  std::string if_range = req.header("if-range");
  if (!range.empty() && (if_range.empty() || if_range == etag)) {
    long long total = static_cast<long long>(size);
    ByteRange r = parse_byte_range(range, total);
    if (r.kind == ByteRange::Kind::kUnsatisfiable) {
      http::Response bad = http::error_response(invalid_argument("the requested range cannot be satisfied"));
      bad.status = 416;
      bad.set_header("Content-Range", "bytes */" + std::to_string(total));
      return bad;
    }
    if (r.kind == ByteRange::Kind::kOne) {
      resp.status = 206;
      resp.file_offset = r.first;
      resp.file_length = r.last - r.first + 1;
      resp.set_header("Content-Range", "bytes " + std::to_string(r.first) + "-" + std::to_string(r.last) + "/" +
                                           std::to_string(total));
    }
  }
  return resp;
}

}  // namespace atip::api
