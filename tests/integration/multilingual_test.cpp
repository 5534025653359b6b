// One query in any of en/es/pt/fr finds passages written in the others, on the legislation set
// of ../shared/corpus-src (skipped when it is not there).
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <set>

#include "server_fixture.h"

namespace atip::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class MultilingualTest : public LegislationSuite<MultilingualTest> {
 public:
  static constexpr const char* kName = "multilingual";

 protected:
  static Object::Ptr search(const std::string& q, const std::string& extra = "") {
    std::string encoded;
    Poco::URI::encode(q, "&=+?#%/ \"", encoded);
    std::string group = extra.find("group=") == std::string::npos ? "&group=passage" : "";
    auto r = http_request(port_, "GET", "/api/v1/search?size=10&q=" + encoded + group + extra);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  // The ten best documents among those with passages in the given language, with the other
  // renderings a hit stands for (also_as).
  static std::set<std::string> documents_in(const std::string& q, const std::string& language) {
    auto r = search(q, "&group=document&language=" + language);
    std::set<std::string> ids;
    Array::Ptr hits = r->getArray("hits");
    for (size_t i = 0; i < hits->size(); ++i) {
      auto hit = hits->getObject(i);
      EXPECT_EQ(hit->getObject("passage")->getValue<std::string>("language"), language);
      ids.insert(hit->getValue<std::string>("id"));
      Array::Ptr also = hit->getArray("also_as");
      for (size_t k = 0; also && k < also->size(); ++k) ids.insert(also->getObject(k)->getValue<std::string>("id"));
    }
    return ids;
  }

};

struct CrossCase {
  const char* query;
  const char* query_language;
  const char* target_language;
  const char* expected_document;
};

TEST_F(MultilingualTest, EachLanguageFindsTheOthers) {
  const CrossCase cases[] = {
      {"traite des personnes", "fr", "en", "ca-criminal-code-s279-en"},
      {"traite des personnes", "fr", "es", "mx-ley-general-trata-2012-es"},
      {"traite des personnes", "fr", "pt", "br-codigo-penal-art146-149a-pt"},
      {"trata de personas", "es", "en", "un-palermo-protocol-en"},
      {"trata de personas", "es", "fr", "ca-code-criminel-art279-fr"},
      {"trata de personas", "es", "pt", "br-codigo-penal-art146-149a-pt"},
      {"tráfico de pessoas", "pt", "en", "un-palermo-protocol-en"},
      {"tráfico de pessoas", "pt", "es", "mx-ley-general-trata-2012-es"},
      {"tráfico de pessoas", "pt", "fr", "ca-code-criminel-art279-fr"},
      {"trafficking in persons", "en", "es", "mx-ley-general-trata-2012-es"},
      {"trafficking in persons", "en", "fr", "ca-code-criminel-art279-fr"},
      {"trafficking in persons", "en", "pt", "br-codigo-penal-art146-149a-pt"},
  };
  for (const auto& c : cases) {
    auto ids = documents_in(c.query, c.target_language);
    std::string found;
    for (const auto& id : ids) found += id + " ";
    EXPECT_TRUE(ids.count(c.expected_document))
        << c.query_language << " \"" << c.query << "\" should find " << c.expected_document << " in "
        << c.target_language << "; found " << found;
  }
}

TEST_F(MultilingualTest, ForcedLabourAcrossLanguages) {
  EXPECT_TRUE(documents_in("trabajo forzoso", "en").count("ilo-c029-forced-labour-1930-en"));
  EXPECT_TRUE(documents_in("travail forcé", "en").count("ilo-c029-forced-labour-1930-en"));
  EXPECT_TRUE(documents_in("trabalho forçado", "en").count("ilo-c029-forced-labour-1930-en"));
}

TEST_F(MultilingualTest, AccentsAndStemsDoNotMatter) {
  auto accented = search("tráfico de pessoas")->getValue<long long>("total");
  auto plain = search("trafico de pessoas")->getValue<long long>("total");
  EXPECT_GT(plain, 0);
  EXPECT_EQ(accented, plain);
  EXPECT_GT(search("víctimas", "&language=es")->getValue<long long>("total"), 0);
  EXPECT_EQ(search("victimas", "&language=es")->getValue<long long>("total"),
            search("víctimas", "&language=es")->getValue<long long>("total"));
}

TEST_F(MultilingualTest, ExactAccentedFormRanksFirst) {
  // "tráfico" and "trafico" fold alike; the passage that writes the accent as typed comes first.
  auto r = search("tráfico", "&language=pt");
  Array::Ptr hits = r->getArray("hits");
  ASSERT_GT(hits->size(), 0u);
  std::string snippet = hits->getObject(0)->getObject("passage")->getValue<std::string>("snippet");
  size_t open = snippet.find("<mark>");
  ASSERT_NE(open, std::string::npos) << snippet;
  std::string marked = snippet.substr(open + 6, snippet.find("</mark>", open) - open - 6);
  EXPECT_TRUE(marked == "tráfico" || marked == "Tráfico" || marked == "TRÁFICO") << snippet;
}

// The words as typed weigh more than their translations: the passages in the query's own language
// come first, and the other languages' follow.
TEST_F(MultilingualTest, OriginalWordsRankAboveTheirTranslations) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"forced labour", "en"}, {"trabajo forzoso", "es"}, {"trabalho forçado", "pt"}, {"travail forcé", "fr"}};
  for (const auto& [q, lang] : cases) {
    auto r = search(q, "&group=passage");
    Array::Ptr hits = r->getArray("hits");
    ASSERT_GT(hits->size(), 0u) << q;
    EXPECT_EQ(hits->getObject(0)->getObject("passage")->getValue<std::string>("language"), lang) << q;
    Array::Ptr languages = r->getObject("facets")->getArray("language");
    EXPECT_GE(languages->size(), 3u) << q << ": translations find the other languages too";
  }
}

TEST_F(MultilingualTest, MexicanLawArticlesAreCitable) {
  auto r = search("\"Artículo 10\"", "&language=es");
  Array::Ptr hits = r->getArray("hits");
  ASSERT_GT(hits->size(), 0u);
  bool found = false;
  for (size_t i = 0; i < hits->size(); ++i) {
    auto hit = hits->getObject(i);
    if (hit->getValue<std::string>("id") == "mx-ley-general-trata-2012-es") found = true;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace atip::testing
