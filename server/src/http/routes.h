// The single route table of the server.
#pragma once

#include <vector>

#include "api/app_context.h"
#include "http/router.h"

namespace atip::http {

std::vector<Route> make_routes(api::AppContext& ctx);

}  // namespace atip::http
