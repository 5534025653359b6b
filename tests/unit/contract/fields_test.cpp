// The field table: one row per field, each spelled once, and the web page's copy of it in step.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <array>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "atip/fields.h"
#include "atip/schema.h"
#include "atip/vocabulary.h"

namespace atip {
namespace {

namespace fs = std::filesystem;

TEST(FieldTableTest, NamesAliasesPrefixesAndSlotsAreEachSpelledOnce) {
  std::set<std::string_view> names, prefixes;
  std::set<unsigned> slots = {schema::kSlotDocId, schema::kSlotDate, schema::kSlotPassageNo, schema::kSlotRendering};
  for (const auto& f : fields::table()) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    for (auto a : f.aliases) EXPECT_TRUE(names.insert(a).second) << a;
    EXPECT_FALSE(f.prefix.empty()) << f.name;
    EXPECT_TRUE(prefixes.insert(f.prefix).second) << f.name << " shares its prefix " << f.prefix;
    if (f.slot) {
      EXPECT_TRUE(slots.insert(*f.slot).second) << f.name << " shares its slot " << *f.slot;
    }
    EXPECT_FALSE(f.example.empty()) << f.name;
    if (f.values == fields::Values::kVocabulary) {
      EXPECT_FALSE(f.vocabulary.empty()) << f.name;
      EXPECT_NE(std::find(f.vocabulary.begin(), f.vocabulary.end(), f.example), f.vocabulary.end()) << f.name;
    }
  }
}

struct Lookup {
  std::string_view written;
  std::string_view field;  // empty: no such field
};

TEST(FieldTableTest, FindsAFieldByItsNameOrAlias) {
  const Lookup cases[] = {{"type", "type"},       {"lang", "language"}, {"language", "language"},
                          {"art", "article"},     {"article", "article"}, {"pillar", "pillar"},
                          {"link", "link"},       {"Type", ""},           {"pillars", ""},
                          {"", ""},               {"q", ""}};
  for (const auto& c : cases) {
    const fields::Field* f = fields::find(c.written);
    if (c.field.empty()) {
      EXPECT_EQ(f, nullptr) << c.written;
    } else {
      ASSERT_NE(f, nullptr) << c.written;
      EXPECT_EQ(f->name, c.field) << c.written;
    }
  }
}

TEST(FieldTableTest, TheSearchFiltersAndFacetsAreTheApisInOrder) {
  EXPECT_EQ(fields::url_filters(), (std::vector<std::string_view>{"type", "jurisdiction", "country", "language", "year",
                                                                  "pillar", "link", "org"}));
  std::vector<std::string_view> facets;
  for (const auto* f : fields::facets()) facets.push_back(f->name);
  EXPECT_EQ(facets, fields::url_filters());
  const fields::Field* pillar = fields::find("pillar");
  ASSERT_NE(pillar, nullptr);
  EXPECT_EQ(pillar->vocabulary, (std::vector<std::string_view>(vocabulary::kPillars.begin(), vocabulary::kPillars.end())));
  EXPECT_EQ(fields::expected_values(*pillar), "one of prevention, prosecution, protection, general-secretariat");
}

// The page reads web/fields.js; it is generated from the table. ATIP_UPDATE_WEB_FIELDS=1 writes it.
TEST(FieldTableTest, TheWebPagesCopyIsCurrent) {
  const fs::path file = fs::path(ATIP_SOURCE_DIR) / "web" / "fields.js";
  const std::string expected = fields::web_script();
  if (const char* update = std::getenv("ATIP_UPDATE_WEB_FIELDS"); update && std::string(update) == "1") {
    std::ofstream(file, std::ios::binary) << expected;
  }
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << file << " is missing";
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), expected) << file << " is stale: run this test with ATIP_UPDATE_WEB_FIELDS=1";
}

}  // namespace
}  // namespace atip

namespace atip {
namespace {

// The enum of a schema in schemas/openapi.yaml's components: "    Name:" ... "      enum: [a, b]".
std::vector<std::string> openapi_enum(const std::string& schema) {
  std::ifstream in(fs::path(ATIP_SOURCE_DIR) / "schemas" / "openapi.yaml");
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line == "    " + schema + ":") inside = true;
    else if (inside && line.rfind("    ", 0) == 0 && line.size() > 4 && line[4] != ' ') break;  // the next schema
    const size_t at = line.find("enum: [");
    if (!inside || at == std::string::npos) continue;
    std::vector<std::string> values;
    std::stringstream list(line.substr(at + 7, line.find(']') - at - 7));
    for (std::string v; std::getline(list, v, ',');) values.push_back(v.substr(v.find_first_not_of(' ')));
    return values;
  }
  return {};
}

template <size_t N>
std::vector<std::string> strings(const std::array<std::string_view, N>& words) {
  return {words.begin(), words.end()};
}

TEST(VocabularyTest, TheApiDocumentsEachVocabularyAsTheCodeSpellsIt) {
  EXPECT_EQ(openapi_enum("LinkMethod"), strings(vocabulary::kLinkMethods));
  EXPECT_EQ(openapi_enum("LinkStatus"), strings(vocabulary::kLinkStatuses));
  EXPECT_EQ(openapi_enum("Pillar"), strings(vocabulary::kPillars));
  EXPECT_EQ(openapi_enum("DocumentType"), strings(vocabulary::kDocumentTypes));
}

}  // namespace
}  // namespace atip
