#include "api/handlers.h"

#include <Poco/URI.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>

#include "api/file_response.h"
#include "api/render.h"
#include "archive/archive.h"
#include "atip/fields.h"
#include "atip/json_writer.h"
#include "atip/text.h"
#include "http/conditional.h"
#include "http/http_error.h"
#include "http/public_address.h"
#include "search/outline.h"

namespace atip::api {
namespace {

// An export (format=csv or json) holds every hit up to this many.
constexpr int kMaxExportedHits = 5000;

http::Response json(std::string body, int status = 200) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

template <typename T>
http::Response fail(const Result<T>& r) {
  return http::error_response(r.error());
}

bool is_valid_id(const std::string& id) {
  if (id.empty() || id.size() > 200) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

Result<std::string> document_id(const http::Request& req) {
  std::string id = req.params.at("id");
  if (!is_valid_id(id)) {
    return Error{ErrorCode::kNotFound, "no document with id '" + id.substr(0, 80) +
                                           "' (ids are lower-case letters, digits and '-')"};
  }
  return id;
}

}  // namespace

Result<bool> check_parameters(const http::Request& req, std::initializer_list<std::string_view> allowed) {
  return check_parameters(req, std::vector<std::string_view>(allowed));
}

Result<bool> check_parameters(const http::Request& req, const std::vector<std::string_view>& allowed) {
  for (const auto& [name, value] : req.query) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return invalid_argument("unknown parameter '" + name.substr(0, 40) + "'; this endpoint takes: " + list + ".");
    }
    if (!text::is_valid_utf8(value) || value.find('\0') != std::string::npos) {
      return invalid_argument("parameter '" + name + "' is not valid UTF-8 text.");
    }
  }
  return true;
}

std::vector<std::string_view> with_filters(std::vector<std::string_view> own, std::vector<std::string_view> except) {
  std::vector<std::string_view> names = std::move(own);
  except.insert(except.end(), names.begin(), names.end());  // an endpoint's own parameter wins
  for (auto filter : fields::url_filters()) {
    if (std::find(except.begin(), except.end(), filter) == except.end()) names.push_back(filter);
  }
  return names;
}

Result<int> int_param(const std::string& name, const std::string& value, int min, int max) {
  int out = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || ptr != value.data() + value.size()) {
    return invalid_argument(name + " must be a whole number, not '" + value.substr(0, 40) + "'.");
  }
  if (out < min || out > max) {
    return invalid_argument(name + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
  }
  return out;
}

Result<SearchRequest> parse_search_request(const http::Request& req) {
  static const std::vector<std::string_view> parameters =
      with_filters({"q", "group", "page", "size", "sort", "include", "lang", "versions", "format"});
  auto ok = check_parameters(req, parameters);
  if (!ok) return ok.error();
  SearchRequest s;
  std::set<std::string> seen_single;
  for (const auto& [name, value] : req.query) {
    bool single = name == "q" || name == "group" || name == "page" || name == "size" || name == "sort" || name == "lang" ||
                  name == "versions" || name == "format";
    if (single && !seen_single.insert(name).second) {
      return invalid_argument("parameter '" + name + "' may be given only once.");
    }
    if (name == "q") {
      s.q = value;
    } else if (name == "group") {
      if (value != "document" && value != "passage") return invalid_argument("group must be 'document' or 'passage'.");
      s.group_by_document = value == "document";
    } else if (name == "page") {
      auto v = int_param("page", value, 1, 1000);
      if (!v) return v.error();
      s.page = v.value();
    } else if (name == "size") {
      auto v = int_param("size", value, 1, 100);
      if (!v) return v.error();
      s.size = v.value();
    } else if (name == "sort") {
      if (value == "relevance") s.sort = SearchRequest::Sort::kRelevance;
      else if (value == "date") s.sort = SearchRequest::Sort::kDate;
      else if (value == "-date") s.sort = SearchRequest::Sort::kDateDescending;
      else return invalid_argument("sort must be 'relevance', 'date' or '-date'.");
    } else if (name == "include") {
      if (value != "text") return invalid_argument("include takes only 'text'.");
      s.include_text = true;
    } else if (name == "versions") {
      if (value != "current" && value != "all") return invalid_argument("versions must be 'current' or 'all'.");
      s.all_versions = value == "all";
    } else if (name == "format") {
      if (value != "csv" && value != "json") return invalid_argument("format must be 'csv' or 'json' (an export of every hit).");
    } else if (name == "lang") {
      if (!value.empty() && !text::is_supported_language(value)) return invalid_argument("lang must be one of en, es, pt, fr.");
      s.lang = value;
    } else {
      if (value.empty()) return invalid_argument("filter '" + name + "' needs a value.");
      if (value.size() > 200) return invalid_argument("filter '" + name + "' is too long.");
      s.filters[name].push_back(value);
    }
  }
  if (static_cast<long long>(s.page) * s.size > 10000) {
    return invalid_argument("page × size may not exceed 10000; refine the search instead.");
  }
  return s;
}

http::Response search(AppContext& ctx, const http::Request& req) {
  auto s = parse_search_request(req);
  if (!s) return fail(s);
  std::string format;
  for (const auto& [name, value] : req.query) {
    if (name == "format") format = value;
  }
  if (format.empty()) {
    auto r = ctx.search.search(s.value());
    if (!r) return fail(r);
    return json(render_search(r.value()));
  }
  // An export: every hit up to the limit, whole passages, as a file to keep.
  SearchRequest all = s.value();
  all.page = 1;
  all.size = kMaxExportedHits;
  all.include_text = true;
  auto r = ctx.search.search(all);
  if (!r) return fail(r);
  http::Response resp;
  std::string base = http::public_base_url(ctx.config, req);
  if (format == "csv") {
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = render_search_csv(r.value(), base);
  } else {
    resp.body = render_search(r.value());
  }
  resp.set_header("Content-Disposition", "attachment; filename=\"atip-search." + format + "\"");
  return resp;
}

http::Response coverage(AppContext& ctx, const http::Request& req) {
  // The matrix's columns are Work Plan items: each cell's search names its own item, which a link
  // filter would OR with another. pillar is the matrix's own: the pillar of the items shown.
  static const std::vector<std::string_view> parameters = with_filters({"pillar", "format"}, {"link"});
  auto ok = check_parameters(req, parameters);
  if (!ok) return fail(ok);
  std::string pillar, format = "json", search_filters;
  http::Request filters_only = req;
  filters_only.query.clear();
  for (const auto& [name, value] : req.query) {
    if (name == "pillar") pillar = value;
    else if (name == "format") format = value;
    else {
      filters_only.query.emplace_back(name, value);
      std::string encoded;
      Poco::URI::encode(value, "&=+?#%/ ", encoded);
      if (name != "jurisdiction") search_filters += "&" + name + "=" + encoded;  // a cell names its own
    }
  }
  if (format != "json" && format != "csv") return http::error_response(invalid_argument("format must be 'json' or 'csv'."));
  auto filters = parse_search_request(filters_only);
  if (!filters) return fail(filters);
  auto r = ctx.search.coverage(filters.value(), pillar);
  if (!r) return fail(r);
  if (format == "json") return json(render_coverage(r.value(), search_filters));
  http::Response resp;
  resp.content_type = "text/csv; charset=utf-8";
  resp.body = render_coverage_csv(r.value());
  resp.set_header("Content-Disposition", "attachment; filename=\"atip-coverage.csv\"");
  return resp;
}

// Longer than most, on purpose: one pass over the query string, one branch per parameter.
Result<CompareRequest> parse_compare_request(const http::Request& req) {
  // The filters of search, each repeatable; the comparison applies them as search does.
  static const std::vector<std::string_view> filters = fields::url_filters();
  static const std::vector<std::string_view> parameters = with_filters({"q", "item", "passage", "per", "lang"});
  auto ok = check_parameters(req, parameters);
  if (!ok) return ok.error();
  CompareRequest c;
  std::set<std::string> seen_single, jurisdictions;
  int subjects = 0;
  for (const auto& [name, value] : req.query) {
    bool filter = std::find(filters.begin(), filters.end(), name) != filters.end();
    if (!filter && !seen_single.insert(name).second) {
      return invalid_argument("parameter '" + name + "' may be given only once.");
    }
    if (name == "q") {
      ++subjects;
      c.subject = CompareRequest::Subject::kQuery;
      c.q = value;
    } else if (name == "item") {
      ++subjects;
      c.subject = CompareRequest::Subject::kItem;
      c.item = value;
      if (value.size() > 40) return not_found("no Work Plan item '" + value.substr(0, 40) + "'");
    } else if (name == "passage") {
      ++subjects;
      c.subject = CompareRequest::Subject::kPassage;
      size_t slash = value.rfind('/');
      if (slash == std::string::npos || !is_valid_id(value.substr(0, slash))) {
        return invalid_argument("passage must be <document id>/<passage number>, e.g. passage=un-palermo-protocol-en/12.");
      }
      auto n = int_param("the passage number", value.substr(slash + 1), 1, 10000000);
      if (!n) return n.error();
      c.passage_document = value.substr(0, slash);
      c.passage_n = n.value();
    } else if (name == "per") {
      auto v = int_param("per", value, 1, 10);
      if (!v) return v.error();
      c.per = v.value();
    } else if (name == "lang") {
      if (!value.empty() && !text::is_supported_language(value)) return invalid_argument("lang must be one of en, es, pt, fr.");
      c.lang = value;
    } else {
      // Filters; jurisdictions may also come as one comma-separated list (jurisdiction=MX,CL,INT).
      size_t start = 0;
      do {
        size_t comma = name == "jurisdiction" ? value.find(',', start) : std::string::npos;
        std::string v = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? value.size() + 1 : comma + 1;
        if (v.empty()) return invalid_argument("filter '" + name + "' needs a value.");
        if (v.size() > 200) return invalid_argument("filter '" + name + "' is too long.");
        if (name != "jurisdiction") {
          c.filters[name].push_back(v);
          continue;
        }
        // Codes as the index spells them: "mx" is the column MX.
        std::transform(v.begin(), v.end(), v.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
        if (jurisdictions.insert(v).second) c.jurisdictions.push_back(v);
      } while (start <= value.size());
    }
  }
  if (subjects != 1) {
    return invalid_argument("give one subject to compare provisions on: q (words), item (a Work Plan item, e.g. "
                            "activity:37) or passage (<document id>/<passage number>).");
  }
  if (c.subject == CompareRequest::Subject::kQuery && c.q.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid_argument("q needs words to compare provisions on.");
  }
  if (c.jurisdictions.size() > 40) return invalid_argument("at most 40 jurisdictions may be compared at once.");
  return c;
}

http::Response compare(AppContext& ctx, const http::Request& req) {
  auto c = parse_compare_request(req);
  if (!c) return fail(c);
  auto r = ctx.search.compare(c.value());
  if (!r) return fail(r);
  return json(render_comparison(r.value()));
}

http::Response suggest(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {"q", "lang"});
  if (!ok) return fail(ok);
  std::string q, lang;
  std::set<std::string> seen;
  for (const auto& [name, value] : req.query) {
    if (!seen.insert(name).second) return http::error_response(invalid_argument("parameter '" + name + "' may be given only once."));
    if (name == "q") q = value;
    if (name == "lang") lang = value;
  }
  if (q.size() > 200) return http::error_response(invalid_argument("q is too long for completion (at most 200 characters)."));
  auto r = ctx.search.suggest(q, lang);
  if (!r) return fail(r);
  JsonWriter w;
  w.begin_object().key("q").value(q).key("suggestions").string_array(r.value()).end_object();
  return json(w.take());
}

namespace {

// The document's record; a withdrawn one is a 404 that says where its versions remain.
Result<DocumentRecord> current_document(AppContext& ctx, const std::string& id) {
  auto r = ctx.search.document(id);
  if (!r && r.error().code == ErrorCode::kNotFound && ctx.archive && ctx.archive->is_withdrawn(id)) {
    return not_found("document '" + id + "' was withdrawn; its versions remain at /api/v1/documents/" + id + "/versions");
  }
  return r;
}

// The document a request names, rendered; a request with parameters is refused.
http::Response render_named_document(AppContext& ctx, const http::Request& req,
                                     std::string (*render)(const DocumentRecord&)) {
  auto ok = check_parameters(req, {});
  if (!ok) return fail(ok);
  auto id = document_id(req);
  if (!id) return fail(id);
  auto r = current_document(ctx, id.value());
  if (!r) return fail(r);
  return json(render(r.value()));
}

}  // namespace

http::Response document(AppContext& ctx, const http::Request& req) {
  return render_named_document(ctx, req, render_document);
}

http::Response document_outline(AppContext& ctx, const http::Request& req) {
  return render_named_document(ctx, req, [](const DocumentRecord& d) { return render_outline(build_outline(d)); });
}

http::Response document_passage(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {});
  if (!ok) return fail(ok);
  auto id = document_id(req);
  if (!id) return fail(id);
  auto n = int_param("passage number", req.params.at("n"), 1, 10000000);
  if (!n) return http::error_response(not_found(n.error().message));
  auto r = ctx.search.passage(id.value(), n.value());
  if (!r) return fail(r);
  return json(render_passage(r.value()));
}

http::Response document_file(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {"download"});
  if (!ok) return fail(ok);
  auto id = document_id(req);
  if (!id) return fail(id);
  auto r = ctx.search.document(id.value());
  if (!r) return fail(r);
  const DocumentRecord& d = r.value();
  return file_response(req, {d.file_path, d.file_name, d.content_type, d.file_hash});
}

http::Response workplan(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {});
  if (!ok) return fail(ok);
  auto r = ctx.search.workplan();
  if (!r) return fail(r);
  return json(render_workplan(r.value()));
}

http::Response workplan_item(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {"format"});
  if (!ok) return fail(ok);
  std::string format = "json";
  for (const auto& [name, value] : req.query) {
    if (name == "format") format = value;
  }
  if (format != "json" && format != "csv" && format != "markdown") {
    return http::error_response(invalid_argument("format must be 'json', 'csv' or 'markdown'."));
  }
  WorkPlanItemView item;
  std::string id = req.params.at("item");
  if (id.size() > 40) return http::error_response(not_found("no Work Plan item '" + id.substr(0, 40) + "'"));
  auto r = ctx.search.evidence(id, &item);
  if (!r) return fail(r);
  http::Response resp;
  std::string file = item.id;
  std::replace(file.begin(), file.end(), ':', '-');
  if (format == "csv") {
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = render_evidence_csv(item, r.value(), http::public_base_url(ctx.config, req));
    resp.set_header("Content-Disposition", "attachment; filename=\"evidence-" + file + ".csv\"");
  } else if (format == "markdown") {
    resp.content_type = "text/markdown; charset=utf-8";
    resp.body = render_evidence_markdown(item, r.value(), http::public_base_url(ctx.config, req));
    resp.set_header("Content-Disposition", "attachment; filename=\"evidence-" + file + ".md\"");
  } else {
    resp.body = render_workplan_item(item, r.value());
  }
  return resp;
}

http::Response health(AppContext& ctx, const http::Request&) {
  auto r = ctx.search.health();
  if (!r) return fail(r);
  JsonWriter w;
  w.begin_object().key("status").value("ok").key("documents").value(r.value().documents)
      .key("passages").value(r.value().passages).key("revision").value(r.value().revision).end_object();
  auto resp = json(w.take());
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response metrics(AppContext& ctx, const http::Request&) {
  auto h = ctx.search.health();
  Health health = h ? h.value() : Health{};
  http::Response resp;
  resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
  resp.body = ctx.metrics.render(health.documents, health.passages, health.revision);
  resp.set_header("Cache-Control", "no-store");
  return resp;
}

http::Response static_file(AppContext& ctx, const http::Request& req) {
  namespace fs = std::filesystem;
  if (ctx.config.web_dir.empty()) return http::error_response(not_found("no web page is served here"));
  std::string rel = req.path;
  if (rel.empty() || rel == "/") rel = "/index.html";
  // Only plain names: no "..", no hidden files, no backslashes, no NUL.
  if (rel.find("..") != std::string::npos || rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos ||
      rel.find("/.") != std::string::npos || rel.find("//") != std::string::npos) {
    return http::error_response(not_found("no such page"));
  }
  fs::path root = fs::weakly_canonical(ctx.config.web_dir);
  fs::path file = fs::weakly_canonical(root / rel.substr(1));
  std::string rs = root.string(), fsn = file.string();
  if (fsn.rfind(rs + "/", 0) != 0 || !fs::is_regular_file(file)) return http::error_response(not_found("no such page"));
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"}};
  auto t = types.find(file.extension().string());
  if (t == types.end()) return http::error_response(not_found("no such page"));
  http::Response resp;
  resp.content_type = t->second;
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  auto mtime = fs::last_write_time(file, ec).time_since_epoch().count();
  std::string etag = http::weak_etag(std::to_string(size) + "-" + std::to_string(mtime));
  resp.set_header("ETag", etag);
  resp.set_header("Cache-Control", file.extension() == ".html" ? "no-cache" : "public, max-age=300, must-revalidate");
  if (http::if_none_match_matches(req.header("if-none-match"), etag)) {
    resp.status = 304;
    return resp;
  }
  resp.file_path = file.string();
  resp.file_length = static_cast<long long>(size);
  return resp;
}

}  // namespace atip::api
