// Atom feeds, so people can follow the archive without an account: new and changed documents,
// the evidence of a Work Plan item, and a saved search.
#pragma once

#include "api/app_context.h"
#include "http/http_types.h"

namespace atip::api {

http::Response feed_documents(AppContext& ctx, const http::Request& req);
http::Response feed_workplan_item(AppContext& ctx, const http::Request& req);
http::Response feed_search(AppContext& ctx, const http::Request& req);

}  // namespace atip::api
