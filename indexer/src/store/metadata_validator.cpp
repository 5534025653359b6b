// The rules of schemas/document.xsd, spelled once for every writer that must keep them.
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "atip/metadata.h"
#include "atip/text.h"
#include "atip/vocabulary.h"

namespace atip {
namespace {

constexpr std::string_view kNamespace = "urn:atip:document";

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::string quoted(std::string_view s) {
  std::string v(s.substr(0, 60));
  if (s.size() > 60) v += "…";
  return "'" + text::sanitize_utf8(v) + "'";
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

bool is_date(std::string_view d) {
  static const std::regex date(R"([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)");
  return std::regex_match(d.begin(), d.end(), date);
}

bool is_jurisdiction(std::string_view j) {
  if (j == "INT") return true;
  return j.size() == 2 && std::isupper(static_cast<unsigned char>(j[0])) && std::isupper(static_cast<unsigned char>(j[1])) &&
         j[0] <= 'Z' && j[1] <= 'Z';
}

bool is_year(std::string_view y) {
  return y.size() == 4 && std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error invalid_metadata(const std::vector<std::string>& problems) {
  return invalid_argument("invalid metadata (schemas/document.xsd): " + join(problems, "; "));
}

}  // namespace

const std::vector<std::string>& document_types() {
  static const std::vector<std::string> types(vocabulary::kDocumentTypes.begin(), vocabulary::kDocumentTypes.end());
  return types;
}

bool is_valid_document_id(std::string_view id) {
  if (id.empty() || id.size() > 200) return false;
  if (id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

namespace {

std::vector<std::string> metadata_problems(const DocumentMetadata& m) {
  std::vector<std::string> problems;
  if (m.id.empty()) {
    problems.push_back("id is required");
  } else if (!is_valid_document_id(m.id)) {
    problems.push_back("id " + quoted(m.id) + " must be lower-case letters, digits and '-' (not first), at most 200");
  }
  if (m.title.empty() || blank(m.title)) problems.push_back("title is required");
  if (m.type.empty()) {
    problems.push_back("type is required");
  } else if (std::find(document_types().begin(), document_types().end(), m.type) == document_types().end()) {
    problems.push_back("type " + quoted(m.type) + " is not one of " + join(document_types(), ", "));
  }
  for (const auto& s : m.symbols) {
    if (blank(s)) problems.push_back("a symbol may not be empty");
  }
  if (m.date.empty()) {
    problems.push_back("date is required");
  } else if (!is_date(m.date)) {
    problems.push_back("date " + quoted(m.date) + " must be YYYY, YYYY-MM or YYYY-MM-DD");
  }
  if (!m.years.empty()) {
    bool ok = std::all_of(m.years.begin(), m.years.end(), [](int y) { return y >= 0 && y <= 9999; });
    for (size_t i = 1; ok && i < m.years.size(); ++i) ok = m.years[i] == m.years[i - 1] + 1;
    if (!ok) problems.push_back("years must be one run of four-digit years, from <= to");
  }
  if (m.jurisdiction.empty()) {
    problems.push_back("jurisdiction is required");
  } else if (!is_jurisdiction(m.jurisdiction)) {
    problems.push_back("jurisdiction " + quoted(m.jurisdiction) + " must be an ISO 3166-1 alpha-2 code (PY) or INT");
  }
  if (m.language.empty()) {
    problems.push_back("language is required");
  } else if (m.language != "en" && m.language != "es" && m.language != "pt" && m.language != "fr") {
    problems.push_back("language " + quoted(m.language) + " is not one of en, es, pt, fr");
  }
  if (!m.source.empty() && blank(m.source)) problems.push_back("source may not be blank");
  if (!m.note.empty() && blank(m.note)) problems.push_back("note may not be blank");
  return problems;
}

}  // namespace

Result<bool> check_metadata(const DocumentMetadata& m) {
  auto problems = metadata_problems(m);
  if (!problems.empty()) return invalid_metadata(problems);
  return true;
}

namespace {

// <document xmlns="urn:atip:document" version="1">, and no other attribute.
void check_root_attributes(const pugi::xml_node& root, std::vector<std::string>& problems) {
  for (auto a : root.attributes()) {
    std::string_view name = a.name();
    if (name == "xmlns") {
      if (std::string_view(a.value()) != kNamespace) problems.push_back("the namespace must be urn:atip:document");
    } else if (name == "version") {
      if (std::string_view(a.value()) != "1") problems.push_back("version must be \"1\"");
    } else {
      problems.push_back("<document> has no attribute '" + text::sanitize_utf8(name) + "'");
    }
  }
  if (!root.attribute("xmlns")) problems.push_back("<document> needs xmlns=\"urn:atip:document\"");
  if (!root.attribute("version")) problems.push_back("<document> needs version=\"1\"");
}

// <years from="2010" to="2014"/>: every year of the span.
void read_years(const pugi::xml_node& child, DocumentMetadata& m, std::vector<std::string>& problems) {
  std::string from = child.attribute("from").value(), to = child.attribute("to").value();
  if (!is_year(from) || !is_year(to) || std::stoi(from) > std::stoi(to)) {
    problems.push_back("<years> needs from=\"YYYY\" and to=\"YYYY\" with from <= to");
  } else if (std::stoi(to) - std::stoi(from) >= 200) {
    problems.push_back("<years> may cover at most 200 years");
  } else {
    for (int y = std::stoi(from); y <= std::stoi(to); ++y) m.years.push_back(y);
  }
}

}  // namespace

// Longer than most, on purpose: one pass over <document>'s children, one branch per element of
// schemas/document.xsd, every problem collected so that a person fixes them all at once.
Result<DocumentMetadata> parse_sidecar_strict(std::string_view xml) {
  if (!text::is_valid_utf8(xml)) return invalid_argument("the metadata is not valid UTF-8");
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return invalid_argument(std::string("the metadata is not well-formed XML: ") + parsed.description() + " at byte " +
                            std::to_string(parsed.offset));
  }
  pugi::xml_node root = doc.document_element();
  std::vector<std::string> problems;
  if (std::string_view(root.name()) != "document") {
    return invalid_metadata({"the root element must be <document>, not <" + text::sanitize_utf8(root.name()) + ">"});
  }
  check_root_attributes(root, problems);

  static const std::map<std::string, bool> kElements = {  // name -> repeatable
      {"id", false},           {"title", false},    {"type", false},   {"symbol", true},  {"date", false},
      {"years", false},        {"jurisdiction", false}, {"language", false}, {"source", false}, {"note", false}};
  std::map<std::string, int> seen;
  DocumentMetadata m;
  for (auto child : root.children()) {
    if (child.type() == pugi::node_pcdata && blank(child.value())) continue;
    if (child.type() == pugi::node_comment) continue;
    if (child.type() != pugi::node_element) {
      problems.push_back("<document> holds only elements");
      continue;
    }
    std::string name = child.name();
    auto known = kElements.find(name);
    if (known == kElements.end()) {
      problems.push_back("unknown element <" + text::sanitize_utf8(name) + ">");
      continue;
    }
    if (++seen[name] > 1 && !known->second) {
      problems.push_back("<" + name + "> may appear only once");
      continue;
    }
    if (name == "years") {
      read_years(child, m, problems);
      continue;
    }
    if (child.first_child() && child.first_child().type() == pugi::node_element) {
      problems.push_back("<" + name + "> holds text, not elements");
      continue;
    }
    std::string value = child.text().as_string();
    if (name == "symbol" && blank(value)) {
      problems.push_back("a <symbol> may not be empty");
      continue;
    }
    if ((name == "source" || name == "note") && blank(value)) {
      problems.push_back("<" + name + "> may not be empty");
      continue;
    }
    if (name == "id") m.id = value;
    else if (name == "title") m.title = value;
    else if (name == "type") m.type = value;
    else if (name == "symbol") m.symbols.push_back(value);
    else if (name == "date") m.date = value;
    else if (name == "jurisdiction") m.jurisdiction = value;
    else if (name == "language") m.language = value;
    else if (name == "source") m.source = value;
    else if (name == "note") m.note = value;
  }
  for (auto& p : metadata_problems(m)) problems.push_back(std::move(p));
  if (!problems.empty()) return invalid_metadata(problems);
  return m;
}

}  // namespace atip
