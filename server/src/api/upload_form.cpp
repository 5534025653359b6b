#include "api/upload_form.h"

#include <regex>
#include <set>

#include "atip/metadata.h"
#include "atip/text.h"
#include "http/multipart.h"

namespace atip::api {
namespace {

const std::set<std::string> kFields = {"id", "title", "type", "symbol", "date", "years",
                                       "jurisdiction", "language", "source", "note"};

std::string trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return {};
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

Result<std::vector<int>> years_of(const std::string& value) {
  static const std::regex years(R"(([0-9]{4})(?:\s*(?:-|\.\.)\s*([0-9]{4}))?)");
  std::smatch m;
  if (!std::regex_match(value, m, years)) {
    return invalid_argument("invalid metadata (schemas/document.xsd): years must be 'YYYY' or 'YYYY-YYYY'");
  }
  int from = std::stoi(m.str(1)), to = m[2].matched ? std::stoi(m.str(2)) : from;
  if (from > to || to - from >= 200) {
    return invalid_argument("invalid metadata (schemas/document.xsd): years must run forwards, over at most 200 years");
  }
  std::vector<int> out;
  for (int y = from; y <= to; ++y) out.push_back(y);
  return out;
}

}  // namespace

// Longer than most, on purpose: one pass over the form's parts, one branch per part name.
Result<archive::Upload> read_upload_form(const http::Request& req, bool file_required) {
  auto parts = http::parse_multipart(req.header("content-type"), req.body);
  if (!parts) return parts.error();
  archive::Upload upload;
  bool have_file = false, have_sidecar = false;
  std::set<std::string> fields_seen;
  for (const auto& part : parts.value()) {
    const std::string& name = part.name;
    if (name == "file") {
      if (have_file) return invalid_argument("the form has more than one 'file' part");
      have_file = true;
      upload.content = part.data;
      upload.uploaded_name = text::sanitize_utf8(part.file_name.substr(0, 200));
      continue;
    }
    if (name == "metadata" || name == "sidecar") {
      if (have_sidecar) return invalid_argument("the form has more than one metadata sidecar");
      have_sidecar = true;
      auto meta = parse_sidecar_strict(part.data);
      if (!meta) return meta.error();
      upload.meta = meta.value();
      upload.metadata_complete = true;
      continue;
    }
    if (!kFields.count(name)) {
      return invalid_argument("unknown form field '" + text::sanitize_utf8(name.substr(0, 40)) +
                              "'; an upload takes 'file', a 'metadata' sidecar, or the fields id, title, type, symbol, "
                              "date, years, jurisdiction, language, source and note");
    }
    if (!text::is_valid_utf8(part.data) || part.data.find('\0') != std::string::npos) {
      return invalid_argument("the form field '" + name + "' is not valid UTF-8 text");
    }
    if (name != "symbol" && !fields_seen.insert(name).second) {
      return invalid_argument("the form field '" + name + "' is given more than once");
    }
    fields_seen.insert(name);
    std::string value = trimmed(part.data);
    auto& m = upload.meta;
    if (name == "id") m.id = value;
    else if (name == "title") m.title = value;
    else if (name == "type") m.type = value;
    else if (name == "symbol") {
      if (value.empty()) return invalid_argument("invalid metadata (schemas/document.xsd): a symbol may not be empty");
      m.symbols.push_back(value);
    } else if (name == "date") m.date = value;
    else if (name == "years") {
      auto years = years_of(value);
      if (!years) return years.error();
      m.years = years.value();
    } else if (name == "jurisdiction") m.jurisdiction = value;
    else if (name == "language") m.language = value;
    else if (name == "source") m.source = value;
    else if (name == "note") m.note = value;
  }
  if (have_sidecar && !fields_seen.empty()) {
    return invalid_argument("give the metadata either as a sidecar ('metadata' part) or as form fields, not both");
  }
  if (file_required && !have_file) return invalid_argument("the form has no 'file' part");
  if (have_file && upload.content.empty()) return invalid_argument("the file is empty");
  upload.has_file = have_file;
  return upload;
}

}  // namespace atip::api
