#include "api/feed_handlers.h"

#include <Poco/URI.h>

#include <algorithm>
#include <charconv>

#include "api/atom.h"
#include "api/handlers.h"
#include "http/http_error.h"
#include "http/public_address.h"

namespace atip::api {
namespace {

constexpr size_t kSummaryChars = 600;

std::string encoded(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]\"<>%{}|\\^` ", out);
  return out;
}

std::string page_of_document(const std::string& base, const std::string& id) { return base + "/?view=document&id=" + encoded(id); }

std::string clipped(const std::string& text, size_t chars = kSummaryChars) {
  if (text.size() <= chars) return text;
  size_t cut = text.rfind(' ', chars);
  if (cut == std::string::npos || cut < chars / 2) cut = chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return text.substr(0, cut) + " …";
}

// A snippet (HTML-escaped, <mark> only) as plain text.
std::string plain(const std::string& snippet) {
  std::string out;
  for (size_t i = 0; i < snippet.size();) {
    if (snippet.compare(i, 6, "<mark>") == 0) { i += 6; continue; }
    if (snippet.compare(i, 7, "</mark>") == 0) { i += 7; continue; }
    bool replaced = false;
    for (auto [entity, c] : {std::pair{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}}) {
      size_t n = std::char_traits<char>::length(entity);
      if (snippet.compare(i, n, entity) == 0) {
        out.push_back(c);
        i += n;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push_back(snippet[i++]);
  }
  return out;
}

std::string describe(const DocumentSummary& d) {
  std::string s = d.type + " · " + d.jurisdiction;
  if (!d.date.empty()) s += " · " + d.date;
  if (!d.symbol.empty()) s += " · " + d.symbol;
  return s;
}

// When a follower should see the document as new: when it entered or changed in the archive,
// else its own date.
std::string updated_of(const DocumentSummary& d) {
  std::string t = atom_time(d.updated);
  if (t.empty()) t = atom_time(d.date);
  if (t.empty()) t = "1970-01-01T00:00:00Z";
  return t;
}

AtomEntry document_entry(const std::string& base, const DocumentSummary& d, const std::string& summary) {
  AtomEntry e;
  e.updated = updated_of(d);
  e.id = atom_id("document:" + d.id + "@" + e.updated);
  e.title = d.title.empty() ? d.id : d.title;
  e.link = page_of_document(base, d.id);
  e.related = base + "/api/v1/documents/" + d.id;
  e.summary = summary;
  e.categories = {d.type, d.jurisdiction, d.language};
  return e;
}

std::string newest(const std::vector<AtomEntry>& entries, const std::string& fallback) {
  std::string t;
  for (const auto& e : entries) t = std::max(t, e.updated);
  return t.empty() ? fallback : t;
}

// The time of the archive's last change: a feed with no entries is as old as that.
std::string archive_updated(AppContext& ctx) {
  auto recent = ctx.search.recent_documents(1);
  if (!recent || recent.value().empty()) return "1970-01-01T00:00:00Z";
  return updated_of(recent.value().front());
}

Result<int> size_param(const http::Request& req, int fallback) {
  int size = fallback;
  for (const auto& [name, value] : req.query) {
    if (name != "size") continue;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), size);
    if (ec != std::errc() || ptr != value.data() + value.size() || size < 1 || size > 100) {
      return invalid_argument("size must be a whole number between 1 and 100.");
    }
  }
  return size;
}

http::Response atom_response(const AtomFeed& feed) {
  http::Response resp;
  resp.content_type = "application/atom+xml; charset=utf-8";
  resp.body = render_atom(feed);
  return resp;  // Cache-Control: the route's (http/routes.cpp)
}

}  // namespace

http::Response feed_documents(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {"size"});
  if (!ok) return http::error_response(ok.error());
  auto size = size_param(req, 50);
  if (!size) return http::error_response(size.error());
  auto docs = ctx.search.recent_documents(static_cast<size_t>(size.value()));
  if (!docs) return http::error_response(docs.error());
  const std::string base = http::public_base_url(ctx.config, req);
  AtomFeed feed;
  feed.id = atom_id("feed:documents");
  feed.title = "ATIP Archive: new and changed documents";
  feed.subtitle = "Documents added to or changed in the archive of the OAS anti-trafficking-in-persons work, newest first.";
  feed.self = base + "/api/v1/feeds/documents";
  feed.alternate = base + "/";
  for (const auto& d : docs.value()) {
    std::string summary = describe(d);
    if (auto first = ctx.search.passage(d.id, 1)) summary += "\n\n" + clipped(first.value().text);
    feed.entries.push_back(document_entry(base, d, summary));
  }
  feed.updated = newest(feed.entries, "1970-01-01T00:00:00Z");
  return atom_response(feed);
}

http::Response feed_workplan_item(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {"size"});
  if (!ok) return http::error_response(ok.error());
  auto size = size_param(req, 100);
  if (!size) return http::error_response(size.error());
  std::string id = req.params.at("item");
  if (id.size() > 40) return http::error_response(not_found("no Work Plan item '" + id.substr(0, 40) + "'"));
  WorkPlanItemView item;
  auto evidence = ctx.search.evidence(id, &item);
  if (!evidence) return http::error_response(evidence.error());
  const std::string base = http::public_base_url(ctx.config, req);
  AtomFeed feed;
  feed.id = atom_id("feed:workplan:" + item.id);
  feed.title = "ATIP Archive: evidence of " + item.id + (item.heading.empty() ? "" : " (" + item.heading + ")");
  feed.subtitle = clipped(item.text, 300);
  feed.self = base + "/api/v1/feeds/workplan/" + encoded(item.id);
  feed.alternate = base + "/?view=workplan&item=" + encoded(item.id);
  for (const auto& e : evidence.value()) {
    if (feed.entries.size() >= static_cast<size_t>(size.value())) break;
    AtomEntry entry;
    const DocumentSummary& d = e.document;
    entry.updated = updated_of(d);
    const std::string n = std::to_string(e.passage.n);
    entry.id = atom_id("evidence:" + item.id + ":" + d.id + "#" + n + "@" + entry.updated);
    entry.title = (d.title.empty() ? d.id : d.title) + ", passage " + n +
                  (e.passage.heading.empty() ? "" : " — " + e.passage.heading);
    entry.link = page_of_document(base, d.id) + "#p-" + n;
    entry.related = base + "/api/v1/documents/" + d.id + "/passages/" + n;
    entry.summary = clipped(e.passage.text);
    entry.categories = {item.id, e.link.method, d.type};
    feed.entries.push_back(std::move(entry));
  }
  feed.updated = newest(feed.entries, archive_updated(ctx));
  return atom_response(feed);
}

http::Response feed_search(AppContext& ctx, const http::Request& req) {
  // The parameters of search but page, group, include, versions and format.
  static const std::vector<std::string_view> parameters = with_filters({"q", "sort", "size", "lang"});
  auto ok = check_parameters(req, parameters);
  if (!ok) return http::error_response(ok.error());
  bool sorted = std::any_of(req.query.begin(), req.query.end(), [](const auto& p) { return p.first == "sort"; });
  bool sized = std::any_of(req.query.begin(), req.query.end(), [](const auto& p) { return p.first == "size"; });
  auto request = parse_search_request(req);
  if (!request) return http::error_response(request.error());
  SearchRequest s = request.value();
  if (!sorted) s.sort = SearchRequest::Sort::kDateDescending;  // a feed lists the newest first
  if (!sized) s.size = 20;
  s.group_by_document = true;
  auto r = ctx.search.search(s);
  if (!r) return http::error_response(r.error());
  const std::string base = http::public_base_url(ctx.config, req);
  std::string query;  // the saved query, as it was asked
  for (const auto& [name, value] : req.query) query += (query.empty() ? "" : "&") + encoded(name) + "=" + encoded(value);
  AtomFeed feed;
  feed.id = atom_id("feed:search?" + query);
  feed.title = "ATIP Archive: " + (s.q.empty() ? std::string("documents") : "“" + s.q + "”");
  std::string filters;
  for (const auto& [name, values] : s.filters) {
    for (const auto& v : values) filters += (filters.empty() ? "" : ", ") + name + "=" + v;
  }
  feed.subtitle = "A saved search" + (filters.empty() ? std::string() : " (" + filters + ")") + ": " +
                  std::to_string(r.value().total) + " documents match.";
  feed.self = base + "/api/v1/feeds/search" + (query.empty() ? "" : "?" + query);
  feed.alternate = base + "/" + (query.empty() ? "" : "?" + query);
  for (const auto& hit : r.value().hits) {
    feed.entries.push_back(document_entry(base, hit.document, describe(hit.document) + "\n\n" + clipped(plain(hit.passage.snippet))));
  }
  feed.updated = newest(feed.entries, archive_updated(ctx));
  return atom_response(feed);
}

}  // namespace atip::api
