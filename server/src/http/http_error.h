// Domain error codes become HTTP statuses here, and nowhere else.
#pragma once

#include "atip/result.h"
#include "http/http_types.h"

namespace atip::http {

int status_of(ErrorCode code);
const char* code_name(ErrorCode code);
Response error_response(const Error& error);

}  // namespace atip::http
