// What makes a request's framing unambiguous (RFC 9112 6, 9110 5): a request whose length or
// headers could be read two ways could hide another request, so it is refused and its connection
// closed.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <string>

namespace atip::http {

// Empty when the request's framing is sound; else why not, for a 400.
std::string framing_problem(const Poco::Net::HTTPServerRequest& request);

// The methods this server knows (others are 501, whatever the path).
bool is_known_method(const std::string& method);

}  // namespace atip::http
