// Atom 1.0 (RFC 4287) feeds: plain structs in, a valid, XML-escaped document out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace atip::api {

struct AtomEntry {
  std::string id;       // an IRI, e.g. from atom_id()
  std::string title;
  std::string updated;  // RFC 3339
  std::string link;     // absolute URL of the entry's page
  std::string related;  // absolute URL of its JSON, or empty
  std::string summary;  // plain text
  std::vector<std::string> categories;
};

struct AtomFeed {
  std::string id;
  std::string title;
  std::string subtitle;
  std::string updated;    // RFC 3339
  std::string self;       // absolute URL of the feed
  std::string alternate;  // absolute URL of the page it follows
  std::vector<AtomEntry> entries;
};

std::string render_atom(const AtomFeed& feed);

// Text for XML character data and attribute values: & < > " ' escaped, characters XML 1.0 does
// not allow (controls other than tab and line breaks) dropped, invalid UTF-8 replaced.
std::string xml_escape(std::string_view text);

// A stable urn:uuid (name-based, SHA-1) for a name.
std::string atom_id(const std::string& name);

// "2014-11-03" / "2014-11" / "2014" / an RFC 3339 time -> RFC 3339; empty when none.
std::string atom_time(const std::string& date_or_time);

}  // namespace atip::api
