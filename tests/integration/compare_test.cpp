// GET /api/v1/compare: provisions of each jurisdiction side by side, on the legislation set of
// ../shared/corpus-src (those tests are skipped when it is not there) and on the shipped corpus.
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <map>
#include <set>

#include "server_fixture.h"

namespace atip::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string encoded(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "&=+?#%/ \"", out);
  return out;
}

std::vector<std::string> strings_of(const Array::Ptr& a) {
  std::vector<std::string> out;
  for (size_t i = 0; a && i < a->size(); ++i) out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

class CompareTest : public LegislationSuite<CompareTest> {
 public:
  static constexpr const char* kName = "compare";

 protected:
  static Object::Ptr get(const std::string& path) {
    auto r = http_request(port_, "GET", path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return r.json();
  }
  static Object::Ptr compare(const std::string& query) { return get("/api/v1/compare?" + query); }

  // Jurisdiction -> its provisions, in the answer's order.
  static std::vector<std::pair<std::string, Array::Ptr>> columns(const Object::Ptr& answer) {
    std::vector<std::pair<std::string, Array::Ptr>> out;
    Array::Ptr js = answer->getArray("jurisdictions");
    for (size_t i = 0; i < js->size(); ++i) {
      auto c = js->getObject(static_cast<unsigned>(i));
      out.emplace_back(c->getValue<std::string>("jurisdiction"), c->getArray("provisions"));
    }
    return out;
  }

};

// Issue 18's scenario: a legislator in the Spanish interface looks for shelters for victims.
TEST_F(CompareTest, SheltersForVictimsSideBySideWithArticleLabels) {
  auto answer = compare("q=" + encoded("albergues para víctimas") + "&lang=es");
  auto cols = columns(answer);
  ASSERT_FALSE(cols.empty());
  EXPECT_EQ(cols.front().first, "INT") << "international instruments come first";
  std::map<std::string, Array::Ptr> by;
  for (const auto& [j, p] : cols) by[j] = p;
  for (const char* j : {"INT", "MX", "CL", "PE", "US"}) {
    ASSERT_TRUE(by.count(j) && by[j]->size() > 0) << j << " has no provision";
  }
  auto first = [&](const std::string& j) { return by[j]->getObject(0); };

  // The Palermo Protocol's "appropriate housing" is its shelter provision.
  auto palermo = first("INT");
  EXPECT_EQ(palermo->getObject("document")->getValue<std::string>("id"), "un-palermo-protocol-en");
  EXPECT_EQ(palermo->getObject("passage")->getValue<std::string>("article"), "Article 6");
  EXPECT_TRUE(has(strings_of(palermo->getObject("why")->getArray("concepts")), "en:appropriate housing"));

  // Mexico's shelters article, its words marked in the whole text.
  auto mexico = first("MX");
  auto mp = mexico->getObject("passage");
  EXPECT_EQ(mp->getValue<std::string>("article").rfind("Artículo ", 0), 0u) << mp->getValue<std::string>("article");
  EXPECT_NE(mp->getValue<std::string>("highlighted").find("<mark>albergues</mark>"), std::string::npos);
  EXPECT_EQ(mp->getValue<std::string>("highlighted").find("<script"), std::string::npos);
  EXPECT_TRUE(has(strings_of(mexico->getObject("why")->getArray("words")), "albergues"));

  // The United States, in English, reached through the thesaurus: § 7105 and its caption.
  auto us = first("US");
  EXPECT_EQ(us->getObject("passage")->getValue<std::string>("article").rfind("§ 71", 0), 0u);
  EXPECT_FALSE(us->getObject("passage")->getValue<std::string>("caption").empty());
  EXPECT_TRUE(has(strings_of(us->getObject("why")->getArray("concepts")), "en:shelter"));
  EXPECT_EQ(us->getObject("passage")->getValue<std::string>("language"), "en");

  // Every provision links to its page and its place in the document.
  for (const auto& [j, provisions] : cols) {
    std::set<std::string> seen;
    for (size_t i = 0; i < provisions->size(); ++i) {
      auto p = provisions->getObject(static_cast<unsigned>(i));
      const std::string id = p->getObject("document")->getValue<std::string>("id");
      const int n = p->getObject("passage")->getValue<int>("n");
      EXPECT_EQ(p->getValue<std::string>("permalink"), "/api/v1/documents/" + id + "/passages/" + std::to_string(n));
      EXPECT_EQ(p->getValue<std::string>("file").rfind("/api/v1/documents/" + id + "/file", 0), 0u);
      // The Mexican law in two renderings shows each article once.
      auto passage = p->getObject("passage");
      if (!passage->isNull("article")) {
        const std::string key = p->getObject("document")->getValue<std::string>("title") + "|" +
                                passage->getValue<std::string>("article") + "|" +
                                passage->getValue<std::string>("text").substr(0, 12);
        EXPECT_TRUE(seen.insert(key).second) << j << ": twice " << key;
      }
    }
  }
}

// French "réfugiés" (refugees) shares the stem of "refuge" (a shelter): no refugee law is a shelter provision.
TEST_F(CompareTest, RefugeesAreNotShelters) {
  for (const std::string& query : {"q=" + encoded("albergues para víctimas") + "&lang=es",
                                   "q=" + encoded("refuges pour les victimes") + "&lang=fr"}) {
    auto answer = compare(query);
    for (const auto& [j, provisions] : columns(answer)) {
      for (size_t i = 0; i < provisions->size(); ++i) {
        auto p = provisions->getObject(static_cast<unsigned>(i));
        auto concepts = strings_of(p->getObject("why")->getArray("concepts"));
        EXPECT_FALSE(has(concepts, "fr:refuge") && p->getObject("passage")->getValue<std::string>("text").find("réfugi") !=
                                                       std::string::npos)
            << query << ": " << p->getObject("document")->getValue<std::string>("id") << " is about refugees";
        EXPECT_NE(p->getObject("document")->getValue<std::string>("id"), "ca-lipr-art117-119-fr") << query;
      }
    }
  }
}

TEST_F(CompareTest, PickedJurisdictionsAreTheColumnsInTheirOrder) {
  auto answer = compare("q=" + encoded("trata de personas") + "&jurisdiction=US,mx&jurisdiction=ZZ&jurisdiction=MX&per=2");
  auto cols = columns(answer);
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_EQ(cols[0].first, "US");
  EXPECT_EQ(cols[1].first, "MX");
  EXPECT_EQ(cols[2].first, "ZZ");
  EXPECT_GT(cols[0].second->size(), 0u);
  EXPECT_GT(cols[1].second->size(), 0u) << "mx is MX, once";
  EXPECT_LE(cols[0].second->size(), 2u) << "per=2";
  EXPECT_EQ(cols[2].second->size(), 0u) << "a jurisdiction asked for is listed even when it has nothing";
  EXPECT_EQ(answer->getValue<int>("per"), 2);
}

TEST_F(CompareTest, AWorkPlanItemComparesTheProvisionsLinkedToIt) {
  auto answer = compare("item=activity:37");
  EXPECT_EQ(answer->getObject("subject")->getObject("item")->getValue<std::string>("id"), "activity:37");
  auto cols = columns(answer);
  ASSERT_FALSE(cols.empty());
  for (const auto& [j, provisions] : cols) {
    for (size_t i = 0; i < provisions->size(); ++i) {
      auto links = provisions->getObject(static_cast<unsigned>(i))->getObject("why")->getArray("links");
      ASSERT_TRUE(links && links->size() > 0) << j;
      EXPECT_EQ(links->getObject(0)->getValue<std::string>("item"), "activity:37");
      EXPECT_GT(links->getObject(0)->getArray("basis")->size(), 0u) << "a link says what made it";
    }
  }
}

// "Compare with other countries" from the Mexican shelters article: more like it, in other languages too.
TEST_F(CompareTest, APassageFindsItsLikeInOtherCountriesAndLanguages) {
  auto hits = get("/api/v1/search?group=passage&size=20&jurisdiction=MX&q=" + encoded("albergues refugios"))->getArray("hits");
  std::string doc;
  int n = 0;
  for (size_t i = 0; i < hits->size() && n == 0; ++i) {
    auto hit = hits->getObject(static_cast<unsigned>(i));
    if (hit->getValue<std::string>("id") != "mx-ley-general-trata-2012-es") continue;
    doc = hit->getValue<std::string>("id");
    n = hit->getObject("passage")->getValue<int>("n");
    EXPECT_FALSE(hit->getObject("passage")->isNull("article")) << "search hits carry the article label";
  }
  ASSERT_NE(n, 0);
  auto answer = compare("passage=" + doc + "/" + std::to_string(n));
  auto subject = answer->getObject("subject")->getObject("passage");
  EXPECT_EQ(subject->getValue<int>("n"), n);
  EXPECT_EQ(subject->getObject("document")->getValue<std::string>("id"), doc);
  std::set<std::string> languages;
  for (const auto& [j, provisions] : columns(answer)) {
    for (size_t i = 0; i < provisions->size(); ++i) {
      auto p = provisions->getObject(static_cast<unsigned>(i));
      EXPECT_EQ(p->getObject("document")->getValue<std::string>("id").rfind("mx-ley-general-trata-2012-es", 0),
                std::string::npos)
          << "not compared with itself, nor with its other rendering";
      languages.insert(p->getObject("passage")->getValue<std::string>("language"));
    }
  }
  EXPECT_TRUE(languages.count("en")) << "English provisions are reached through the thesaurus";
}

TEST_F(CompareTest, PassagesCarryTheirArticleAndCaption) {
  auto hits = get("/api/v1/search?group=passage&jurisdiction=US&q=" + encoded("shelters"))->getArray("hits");
  ASSERT_GT(hits->size(), 0u);
  auto hit = hits->getObject(0);
  auto p = get("/api/v1/documents/" + hit->getValue<std::string>("id") + "/passages/" +
               std::to_string(hit->getObject("passage")->getValue<int>("n")));
  EXPECT_EQ(p->getValue<std::string>("article").rfind("§ ", 0), 0u) << p->getValue<std::string>("article");
  EXPECT_EQ(p->getValue<std::string>("article"), hit->getObject("passage")->getValue<std::string>("article"));
  EXPECT_FALSE(p->getValue<std::string>("caption").empty());
}

// article: finds an article however a reader writes its label.
TEST_F(CompareTest, TheArticleFieldFindsAnArticleByItsLabel) {
  for (const char* q : {"article:149-A", "article:\"art. 149-A\"", "art:149a"}) {
    auto r = get("/api/v1/search?group=passage&q=" + encoded(q));
    auto hits = r->getArray("hits");
    ASSERT_GT(hits->size(), 0u) << q;
    for (size_t i = 0; i < hits->size(); ++i) {
      auto p = hits->getObject(static_cast<unsigned>(i))->getObject("passage");
      EXPECT_EQ(p->getValue<std::string>("article"), "Art. 149-A") << q;
    }
  }
  auto us = get("/api/v1/search?group=passage&q=" + encoded("article:\"§ 1589\" labor"))->getArray("hits");
  ASSERT_GT(us->size(), 0u);
  EXPECT_EQ(us->getObject(0)->getObject("passage")->getValue<std::string>("article"), "§ 1589");
  auto bad = http_request(port_, "GET", "/api/v1/search?q=" + encoded("article:art."));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("article's number"), std::string::npos) << bad.body;
}

// Bad requests, on the shipped corpus (no ../shared needed).
class CompareRequestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = make_temp_dir("compare-requests");
    index_and_serve(source_dir() / "corpus", root_, server_, port_);
  }
  static void TearDownTestSuite() {
    server_.reset();
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  static inline std::filesystem::path root_;
  static inline std::unique_ptr<HttpServer> server_;
  static inline int port_ = 0;
};

TEST_F(CompareRequestTest, OneSubjectAndValidParametersOrAClearError) {
  struct Case {
    std::string query;
    int status;
    std::string says;  // in the error message
  };
  const Case cases[] = {
      {"", 400, "one subject"},
      {"q=trafficking&item=activity:37", 400, "one subject"},
      {"q=%20%20", 400, "needs words"},
      {"passage=nothing", 400, "<document id>/<passage number>"},
      {"passage=UPPER/3", 400, "<document id>/<passage number>"},
      {"passage=no-such-document/3", 404, "no-such-document"},
      {"passage=gs-report-2010-2012/0", 400, "passage number"},
      {"item=activity:999", 404, "activity:999"},
      {"q=trafficking&per=0", 400, "per"},
      {"q=trafficking&per=11", 400, "per"},
      {"q=trafficking&lang=de", 400, "lang"},
      {"q=trafficking&sort=date", 400, "unknown parameter"},
      {"q=trafficking&year=abc", 400, "year"},
      {"q=trafficking&country=abc", 400, "country must be a two-letter country code"},
      {"q=trafficking&pillar=nothing", 400, "pillar must be one of"},
      {"q=trafficking&link=nothing", 400, "link must be a Work Plan item"},
      {"q=trafficking&per=2&per=3", 400, "only once"},
      {"q=trafficking&q=police", 400, "only once"},
      {"q=" + encoded("\"unclosed"), 400, "quotation mark"},
  };
  for (const auto& c : cases) {
    auto r = http_request(port_, "GET", "/api/v1/compare?" + c.query);
    EXPECT_EQ(r.status, c.status) << c.query << ": " << r.body;
    EXPECT_NE(r.body.find(c.says), std::string::npos) << c.query << ": " << r.body;
  }
}

TEST_F(CompareRequestTest, ReportsCompareWhenAskedForByType) {
  auto r = http_request(port_, "GET", "/api/v1/compare?item=mandate:7&type=report");
  ASSERT_EQ(r.status, 200) << r.body;
  auto answer = r.json();
  EXPECT_EQ(strings_of(answer->getArray("types")), std::vector<std::string>{"report"});
  Array::Ptr js = answer->getArray("jurisdictions");
  ASSERT_GT(js->size(), 0u) << "the Secretariat's reports serve mandate 7";
  auto p = js->getObject(0)->getArray("provisions")->getObject(0);
  EXPECT_EQ(p->getObject("document")->getValue<std::string>("type"), "report");
  // Without type, only laws, treaties and model laws are compared.
  auto by_default = http_request(port_, "GET", "/api/v1/compare?item=mandate:7").json();
  EXPECT_EQ(strings_of(by_default->getArray("types")), (std::vector<std::string>{"law", "treaty", "model-law"}));
}

// The filters of search narrow the provisions compared as they narrow a search.
TEST_F(CompareRequestTest, EveryFilterOfSearchNarrowsTheProvisions) {
  auto provisions = [](const std::string& query) {
    auto r = http_request(port_, "GET", "/api/v1/compare?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body.substr(0, 300);
    std::vector<Object::Ptr> out;
    Array::Ptr js = r.json()->getArray("jurisdictions");
    for (size_t i = 0; js && i < js->size(); ++i) {
      Array::Ptr ps = js->getObject(static_cast<unsigned>(i))->getArray("provisions");
      for (size_t k = 0; k < ps->size(); ++k) out.push_back(ps->getObject(static_cast<unsigned>(k)));
    }
    return out;
  };
  const std::string subject = "item=mandate:7&type=report";
  ASSERT_FALSE(provisions(subject).empty());
  EXPECT_TRUE(provisions(subject + "&country=ZZ").empty()) << "no passage names the country ZZ";
  EXPECT_TRUE(provisions(subject + "&org=no-such-org").empty());
  EXPECT_TRUE(provisions(subject + "&link=activity:1&link=activity:2&pillar=protection&pillar=prevention").size() <=
              provisions(subject).size());
}

}  // namespace
}  // namespace atip::testing
