#include "api/atom.h"

#include <Poco/SHA1Engine.h>
#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>

#include <regex>

#include "atip/text.h"

namespace atip::api {
namespace {

constexpr const char* kAtomNamespace = "http://www.w3.org/2005/Atom";

void element(std::string& out, const char* indent, const char* name, const std::string& value) {
  out += indent;
  out += "<";
  out += name;
  out += ">";
  out += xml_escape(value);
  out += "</";
  out += name;
  out += ">\n";
}

void link(std::string& out, const char* indent, const char* rel, const char* type, const std::string& href) {
  if (href.empty()) return;
  out += indent;
  out += "<link rel=\"";
  out += rel;
  out += "\"";
  if (type) {
    out += " type=\"";
    out += type;
    out += "\"";
  }
  out += " href=\"" + xml_escape(href) + "\"/>\n";
}

}  // namespace

std::string xml_escape(std::string_view raw) {
  std::string text = text::sanitize_utf8(raw);
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;  // not allowed in XML 1.0
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(text[i + 2]) == 0xBE || static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
          i += 2;
          break;
        }
        out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string atom_id(const std::string& name) {
  Poco::SHA1Engine sha1;
  Poco::UUID uuid = Poco::UUIDGenerator::defaultGenerator().createFromName(Poco::UUID::uri(), "urn:atip-archive:" + name,
                                                                           sha1, Poco::UUID::UUID_NAME_BASED_SHA1);
  return "urn:uuid:" + uuid.toString();
}

std::string atom_time(const std::string& value) {
  static const std::regex time(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
  static const std::regex date(R"((\d{4})(?:-(\d{2})(?:-(\d{2}))?)?)");
  if (std::regex_match(value, time)) return value;
  std::smatch m;
  if (!std::regex_match(value, m, date)) return {};
  std::string month = m[2].matched ? m.str(2) : "01", day = m[3].matched ? m.str(3) : "01";
  return m.str(1) + "-" + month + "-" + day + "T00:00:00Z";
}

std::string render_atom(const AtomFeed& feed) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"";
  out += kAtomNamespace;
  out += "\">\n";
  element(out, "  ", "id", feed.id);
  out += "  <title type=\"text\">" + xml_escape(feed.title) + "</title>\n";
  if (!feed.subtitle.empty()) out += "  <subtitle type=\"text\">" + xml_escape(feed.subtitle) + "</subtitle>\n";
  element(out, "  ", "updated", feed.updated);
  link(out, "  ", "self", "application/atom+xml", feed.self);
  link(out, "  ", "alternate", "text/html", feed.alternate);
  out += "  <author><name>ATIP Archive, Organization of American States</name></author>\n";
  out += "  <generator>atip-server</generator>\n";
  for (const auto& e : feed.entries) {
    out += "  <entry>\n";
    element(out, "    ", "id", e.id);
    out += "    <title type=\"text\">" + xml_escape(e.title) + "</title>\n";
    element(out, "    ", "updated", e.updated);
    link(out, "    ", "alternate", "text/html", e.link);
    link(out, "    ", "related", "application/json", e.related);
    for (const auto& c : e.categories) {
      if (!c.empty()) out += "    <category term=\"" + xml_escape(c) + "\"/>\n";
    }
    out += "    <summary type=\"text\">" + xml_escape(e.summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace atip::api
