// The query syntax, data-driven: tests/data/golden/query-parser.tsv lists queries and the tree each
// parses to (an S-expression) or the start of the message that refuses it. Run with
// ATIP_UPDATE_GOLDEN=1 to rewrite the second column from the parser, then read the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "search/query_parser.h"

namespace atip {
namespace {

namespace fs = std::filesystem;

std::string describe(const query::Node& n) {
  using K = query::Node::Kind;
  auto list = [&](const char* op) {
    std::string out = std::string("(") + op;
    for (const auto& c : n.children) out += " " + describe(c);
    return out + ")";
  };
  switch (n.kind) {
    case K::kWord: return n.text;
    case K::kPhrase: return "\"" + n.text + "\"";
    case K::kField: return "(field " + n.field + " " + n.text + ")";
    case K::kAnd: return list(n.explicit_and ? "AND" : "and");
    case K::kOr: return list("or");
    case K::kNot: return list("not");
    case K::kNear: return list("near");
  }
  return "?";
}

std::string outcome(const std::string& q) {
  auto parsed = query::parse(q);
  return parsed ? describe(parsed.value()) : "error: " + parsed.error().message;
}

struct Row {
  std::string query, expected;
};

TEST(QueryParserTest, EveryQueryOfTheGoldenFileParsesAsWritten) {
  const fs::path file = fs::path(ATIP_SOURCE_DIR) / "tests" / "data" / "golden" / "query-parser.tsv";
  std::ifstream in(file);
  ASSERT_TRUE(in) << file;
  std::vector<std::string> header;
  std::vector<Row> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') {
      header.push_back(line);
      continue;
    }
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << "no tab in: " << line;
    rows.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  ASSERT_GE(rows.size(), 30u);
  if (const char* update = std::getenv("ATIP_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream out(file, std::ios::binary);
    for (const auto& h : header) out << h << "\n";
    for (auto& r : rows) out << r.query << "\t" << (r.expected = outcome(r.query)) << "\n";
  }
  for (const auto& r : rows) {
    const std::string got = outcome(r.query);
    if (r.expected.rfind("error: ", 0) == 0) {
      EXPECT_EQ(got.substr(0, r.expected.size()), r.expected) << "query: " << r.query;
    } else {
      EXPECT_EQ(got, r.expected) << "query: " << r.query;
    }
  }
}

}  // namespace
}  // namespace atip
