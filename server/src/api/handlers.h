// One function per endpoint, each over plain request/response data.
#pragma once

#include "api/app_context.h"
#include "http/http_types.h"

namespace atip::api {

http::Response search(AppContext& ctx, const http::Request& req);
http::Response suggest(AppContext& ctx, const http::Request& req);
http::Response coverage(AppContext& ctx, const http::Request& req);
http::Response compare(AppContext& ctx, const http::Request& req);
http::Response document(AppContext& ctx, const http::Request& req);
http::Response document_passage(AppContext& ctx, const http::Request& req);
http::Response document_outline(AppContext& ctx, const http::Request& req);
http::Response document_file(AppContext& ctx, const http::Request& req);
http::Response workplan(AppContext& ctx, const http::Request& req);
http::Response workplan_item(AppContext& ctx, const http::Request& req);
http::Response health(AppContext& ctx, const http::Request& req);
http::Response metrics(AppContext& ctx, const http::Request& req);
http::Response static_file(AppContext& ctx, const http::Request& req);

// The parameters of GET /api/v1/search (and of the saved-search feed) as a request.
Result<SearchRequest> parse_search_request(const http::Request& req);

// A whole number in [min, max], else a 400 naming the parameter.
Result<int> int_param(const std::string& name, const std::string& value, int min, int max);

// Parameters: only the names given are accepted; anything else is a 400.
Result<bool> check_parameters(const http::Request& req, std::initializer_list<std::string_view> allowed);
Result<bool> check_parameters(const http::Request& req, const std::vector<std::string_view>& allowed);
// An endpoint's parameters: its own, then the field table's URL filters but those in `except`, each
// once. A new row of the table is a filter of every endpoint that takes the search's filters.
std::vector<std::string_view> with_filters(std::vector<std::string_view> own, std::vector<std::string_view> except = {});

}  // namespace atip::api
