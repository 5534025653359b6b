// Conditional GET (RFC 9110 13.1.2): entity tags and If-None-Match.
#pragma once

#include <string>
#include <string_view>

namespace atip::http {

// A weak entity tag, W/"opaque"; the opaque part may hold no '"' (it is replaced).
std::string weak_etag(std::string_view opaque);

// Whether an If-None-Match value matches the current tag: "*", or any tag of the list equal to it
// by the weak comparison (W/ ignored on both sides). A malformed list matches nothing.
bool if_none_match_matches(std::string_view if_none_match, std::string_view current_etag);

}  // namespace atip::http
