// The archive's endpoints: add, replace, withdraw and restore documents (bearer token), and every
// version's record and file (public).
#pragma once

#include "api/app_context.h"
#include "http/http_types.h"

namespace atip::api {

http::Response document_add(AppContext& ctx, const http::Request& req);
http::Response document_replace(AppContext& ctx, const http::Request& req);
http::Response document_withdraw(AppContext& ctx, const http::Request& req);
http::Response document_restore(AppContext& ctx, const http::Request& req);
// PUT /api/v1/documents/{id}/passages/{n}/links/{item} {"status": "confirmed"|"rejected"|"auto"}
http::Response link_review(AppContext& ctx, const http::Request& req);
http::Response document_versions(AppContext& ctx, const http::Request& req);
http::Response document_version_file(AppContext& ctx, const http::Request& req);

}  // namespace atip::api
