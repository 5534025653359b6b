#include "store/metadata_reader.h"

#include <pugixml.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "atip/text.h"

namespace atip {

std::filesystem::path sidecar_path(const std::filesystem::path& document_file) {
  auto p = document_file;
  return p.replace_extension(".meta.xml");
}

std::string id_from_stem(const std::filesystem::path& document_file) {
  std::string folded = text::fold(document_file.stem().string());
  std::string id;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id.push_back(c);
    } else if (!id.empty() && id.back() != '-') {
      id.push_back('-');
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

std::vector<int> parse_years(std::string_view text) {
  static const std::regex range(R"((\d{4})\s*(?:-|–|\.\.)\s*(\d{4}))");
  static const std::regex single(R"((\d{4}))");
  std::string s(text);
  std::smatch m;
  std::vector<int> years;
  if (std::regex_search(s, m, range)) {
    int from = std::stoi(m.str(1)), to = std::stoi(m.str(2));
    if (from <= to && to - from < 200) {
      for (int y = from; y <= to; ++y) years.push_back(y);
    }
  } else if (std::regex_search(s, m, single)) {
    years.push_back(std::stoi(m.str(1)));
  }
  return years;
}

Result<DocumentMetadata> read_sidecar(const std::filesystem::path& xml) {
  pugi::xml_document doc;
  auto parsed = doc.load_file(xml.c_str());
  if (!parsed) return invalid_argument(xml.filename().string() + ": " + parsed.description());
  auto root = doc.child("document");
  if (!root) return invalid_argument(xml.filename().string() + ": no <document> element");
  DocumentMetadata m;
  m.id = root.child_value("id");
  m.title = root.child_value("title");
  m.type = root.child_value("type");
  for (auto s : root.children("symbol")) {
    std::string v = s.text().as_string();
    if (!v.empty()) m.symbols.push_back(v);
  }
  m.date = root.child_value("date");
  if (auto y = root.child("years")) {
    int from = y.attribute("from").as_int(), to = y.attribute("to").as_int();
    if (from > 0 && to >= from && to - from < 200) {
      for (int i = from; i <= to; ++i) m.years.push_back(i);
    }
  }
  m.jurisdiction = root.child_value("jurisdiction");
  m.language = root.child_value("language");
  m.source = root.child_value("source");
  m.note = root.child_value("note");
  if (!m.id.empty() && !is_valid_document_id(m.id)) {
    return invalid_argument(xml.filename().string() + ": invalid id '" + m.id + "'");
  }
  return m;
}

Result<std::map<std::string, DocumentMetadata>> read_manifest(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  if (!in) return Error{ErrorCode::kNotFound, tsv.string() + ": cannot open"};
  std::string line;
  std::vector<std::string> header;
  std::map<std::string, DocumentMetadata> rows;
  auto split = [](const std::string& l) {
    std::vector<std::string> cells;
    std::stringstream ss(l);
    std::string cell;
    while (std::getline(ss, cell, '\t')) cells.push_back(cell);
    return cells;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header.empty()) {
      header = split(line);
      continue;
    }
    auto cells = split(line);
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    if (row["file"].empty()) continue;
    DocumentMetadata m;
    m.id = row["id"];
    m.title = row["title"];
    m.type = row["type"];
    if (!row["symbol"].empty()) m.symbols.push_back(row["symbol"]);
    m.date = !row["date"].empty() ? row["date"] : row["year"];
    m.years = parse_years(!row["years"].empty() ? row["years"] : row["year"]);
    m.jurisdiction = row["jurisdiction"];
    m.language = row["language"];
    m.source = row["source"];
    m.note = row["notes"];
    rows[row["file"]] = std::move(m);
  }
  return rows;
}

}  // namespace atip
