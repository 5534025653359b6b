#include "api/archive_handlers.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <charconv>

#include "api/auth.h"
#include "api/file_response.h"
#include "api/handlers.h"
#include "api/render.h"
#include "api/upload_form.h"
#include "archive/archive.h"
#include "atip/json_writer.h"
#include "atip/metadata.h"
#include "http/http_error.h"

namespace atip::api {
namespace {

std::string document_url(const std::string& id) { return "/api/v1/documents/" + id; }
std::string version_file_url(const std::string& id, int n) {
  return document_url(id) + "/versions/" + std::to_string(n) + "/file";
}

// Who may write: the name of a valid token, on a server that keeps an archive.
Result<std::string> writer(AppContext& ctx, const http::Request& req) {
  auto who = authenticate(ctx.config, req);
  if (!who) return who;
  if (!ctx.archive) {
    return Error{ErrorCode::kUnavailable,
                 "this server keeps no archive, so it takes no writes: start atip-server with --data DIR "
                 "(or atip.data in its configuration)"};
  }
  auto ok = check_parameters(req, {});
  if (!ok) return ok.error();
  return who;
}

Result<std::string> path_id(const http::Request& req) {
  std::string id = req.params.at("id");
  if (!is_valid_document_id(id)) {
    return not_found("no document with id '" + id.substr(0, 80) + "' (ids are lower-case letters, digits and '-')");
  }
  return id;
}

http::Response outcome_response(const archive::WriteOutcome& o, int status) {
  JsonWriter w;
  w.begin_object()
      .key("id").value(o.id)
      .key("version").value(o.version)
      .key("hash").value(o.hash)
      .key("state").value(o.state)
      .key("date").value(o.at)
      .key("size").value(o.size)
      .key("content_type").value(o.content_type)
      .key("revision").value(o.revision)
      .key("changed").value(o.changed)
      .key("url").value(document_url(o.id))
      .key("file").value(version_file_url(o.id, o.version))
      .end_object();
  http::Response r;
  r.status = status;
  r.body = w.take();
  r.set_header("Location", document_url(o.id));
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

http::Response document_add(AppContext& ctx, const http::Request& req) {
  auto who = writer(ctx, req);
  if (!who) return http::error_response(who.error());
  auto upload = read_upload_form(req, true);
  if (!upload) return http::error_response(upload.error());
  auto done = ctx.archive->add(upload.value(), who.value());
  if (!done) return http::error_response(done.error());
  return outcome_response(done.value(), 201);
}

http::Response document_replace(AppContext& ctx, const http::Request& req) {
  auto who = writer(ctx, req);
  if (!who) return http::error_response(who.error());
  auto id = path_id(req);
  if (!id) return http::error_response(id.error());
  auto upload = read_upload_form(req, false);
  if (!upload) return http::error_response(upload.error());
  auto done = ctx.archive->replace(id.value(), upload.value(), who.value());
  if (!done) return http::error_response(done.error());
  return outcome_response(done.value(), 200);
}

http::Response document_withdraw(AppContext& ctx, const http::Request& req) {
  auto who = writer(ctx, req);
  if (!who) return http::error_response(who.error());
  auto id = path_id(req);
  if (!id) return http::error_response(id.error());
  auto done = ctx.archive->withdraw(id.value(), who.value());
  if (!done) return http::error_response(done.error());
  http::Response r;
  r.status = 204;
  r.content_type.clear();
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response document_restore(AppContext& ctx, const http::Request& req) {
  auto who = writer(ctx, req);
  if (!who) return http::error_response(who.error());
  auto id = path_id(req);
  if (!id) return http::error_response(id.error());
  auto done = ctx.archive->restore(id.value(), who.value());
  if (!done) return http::error_response(done.error());
  return outcome_response(done.value(), 200);
}

http::Response link_review(AppContext& ctx, const http::Request& req) {
  auto who = writer(ctx, req);
  if (!who) return http::error_response(who.error());
  auto id = path_id(req);
  if (!id) return http::error_response(id.error());
  auto n = int_param("passage number", req.params.at("n"), 1, 10000000);
  if (!n) return http::error_response(not_found(n.error().message));
  const std::string item = req.params.at("item");
  auto plan = ctx.search.workplan();
  if (!plan) return http::error_response(plan.error());
  if (std::none_of(plan.value().begin(), plan.value().end(), [&](const WorkPlanItemView& i) { return i.id == item; })) {
    return http::error_response(not_found("no Work Plan item '" + item.substr(0, 40) + "'"));
  }
  std::string status;
  try {
    Poco::JSON::Parser parser;
    auto body = parser.parse(req.body).extract<Poco::JSON::Object::Ptr>();
    if (body && body->has("status") && body->get("status").isString()) status = body->getValue<std::string>("status");
  } catch (const Poco::Exception&) {
  }
  if (status != kLinkConfirmed && status != kLinkRejected && status != kLinkAuto) {
    return http::error_response(invalid_argument(
        "the body must be JSON such as {\"status\": \"confirmed\"}; status is confirmed, rejected or auto (undo a review)"));
  }
  auto passage = ctx.search.passage(id.value(), n.value());
  if (!passage) return http::error_response(passage.error());
  auto done = ctx.archive->review_link(id.value(), n.value(), item, status, who.value());
  if (!done) return http::error_response(done.error());
  auto after = ctx.search.passage(id.value(), n.value());
  if (!after) return http::error_response(after.error());
  http::Response r;
  r.body = render_passage(after.value());
  return r;
}

http::Response document_versions(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {});
  if (!ok) return http::error_response(ok.error());
  auto id = path_id(req);
  if (!id) return http::error_response(id.error());
  Result<archive::DocumentVersions> v = not_found("");
  if (ctx.archive) v = ctx.archive->versions(id.value());
  if (!v) {
    if (v.error().code != ErrorCode::kNotFound) return http::error_response(v.error());
    if (ctx.search.document(id.value())) {
      return http::error_response(not_found("document '" + id.value() +
                                            "' comes from the corpus folder (atip-index) and has no archived versions; "
                                            "its file is at " + document_url(id.value()) + "/file"));
    }
    return http::error_response(not_found("no document with id '" + id.value() + "'"));
  }
  const auto& d = v.value();
  JsonWriter w;
  w.begin_object().key("id").value(d.id).key("state").value(d.state).key("current").value(d.current);
  w.key("versions").begin_array();
  for (const auto& info : d.versions) {
    w.begin_object()
        .key("version").value(info.version)
        .key("date").value(info.at)
        .key("hash").value(info.hash)
        .key("size").value(info.size)
        .key("content_type").value(info.content_type)
        .key("name").value(info.file_name)
        .key("title").value(info.title)
        .key("document_date").value_or_null(info.date)
        .key("state").value(info.state)
        .key("url").value(version_file_url(d.id, info.version))
        .end_object();
  }
  w.end_array().key("history").begin_array();
  for (const auto& e : d.history) {
    w.begin_object().key("action").value(e.action).key("version").value(e.version).key("date").value(e.at).end_object();
  }
  w.end_array().end_object();
  http::Response r;
  r.body = w.take();
  r.set_header("Cache-Control", "no-cache");
  return r;
}

http::Response document_version_file(AppContext& ctx, const http::Request& req) {
  auto ok = check_parameters(req, {"download"});
  if (!ok) return http::error_response(ok.error());
  auto id = path_id(req);
  if (!id) return http::error_response(id.error());
  const std::string& n = req.params.at("n");
  int version = 0;
  auto [ptr, ec] = std::from_chars(n.data(), n.data() + n.size(), version);
  if (ec != std::errc() || ptr != n.data() + n.size() || version < 1) {
    return http::error_response(not_found("no version '" + n.substr(0, 20) + "' (versions are numbered from 1)"));
  }
  if (!ctx.archive) return http::error_response(not_found("the archive holds no versions of '" + id.value() + "'"));
  auto file = ctx.archive->version_file(id.value(), version);
  if (!file) return http::error_response(file.error());
  const auto& f = file.value();
  auto resp = file_response(req, {f.path, f.name, f.content_type, f.hash});
  // A version's bytes never change: caches may keep them.
  if (resp.status == 200 || resp.status == 206) {
    for (auto& [name, value] : resp.headers) {
      if (name == "Cache-Control") value = "public, max-age=31536000, immutable";
    }
  }
  return resp;
}

}  // namespace atip::api
