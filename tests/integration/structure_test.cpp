// Law structure over the API: the outline of a law, each passage's path, and one law in two
// renderings (the Mexican PDF and its mobile layout) shown once. On the legislation set of
// ../shared/corpus-src (skipped when it is not there); the incremental case copies two of its files.
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <functional>
#include <map>
#include <set>

#include "server_fixture.h"

namespace atip::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::string kMexico = "mx-ley-general-trata-2012-es";
const std::string kMexicoMobile = "mx-ley-general-trata-2012-es-mobile";

std::string encoded(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "&=+?#%/ \"", out);
  return out;
}

Object::Ptr get_json(int port, const std::string& path) {
  auto r = http_request(port, "GET", path);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  return r.json();
}

std::vector<std::string> ids_of(const Array::Ptr& summaries) {
  std::vector<std::string> out;
  for (size_t i = 0; summaries && i < summaries->size(); ++i) out.push_back(summaries->getObject(i)->getValue<std::string>("id"));
  return out;
}

class StructureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { index_and_serve_legislation("structure", root_, server_, port_); }
  static void TearDownTestSuite() {
    server_.reset();
    std::error_code ec;
    if (!root_.empty()) std::filesystem::remove_all(root_, ec);
  }
  void SetUp() override {
    if (!server_) GTEST_SKIP() << "../shared/corpus-src/legislation is not here";
  }
  static Object::Ptr get(const std::string& path) { return get_json(port_, path); }

  static inline std::filesystem::path root_;
  static inline std::unique_ptr<HttpServer> server_;
  static inline int port_ = 0;
};

TEST_F(StructureTest, TheMexicanLawAppearsOncePerResultListWithItsOtherRendering) {
  for (const std::string q : {"trata de personas", "Comisión Intersecretarial", "reparación del daño", "víctimas"}) {
    int mexican = 0, mx_facet = -1, mx_hits = 0;
    for (int page = 1; page <= 3; ++page) {
      auto r = get("/api/v1/search?size=10&page=" + std::to_string(page) + "&q=" + encoded(q));
      Array::Ptr hits = r->getArray("hits");
      for (size_t i = 0; i < hits->size(); ++i) {
        auto hit = hits->getObject(i);
        const std::string id = hit->getValue<std::string>("id");
        mx_hits += hit->getValue<std::string>("jurisdiction") == "MX";
        if (id != kMexico && id != kMexicoMobile) continue;
        ++mexican;
        EXPECT_EQ(ids_of(hit->getArray("also_as")), std::vector<std::string>{id == kMexico ? kMexicoMobile : kMexico})
            << q << ": the hit names the other rendering";
      }
      if (page == 1) {
        Array::Ptr j = r->getObject("facets")->getArray("jurisdiction");
        for (size_t i = 0; i < j->size(); ++i) {
          if (j->getObject(i)->getValue<std::string>("value") == "MX") mx_facet = j->getObject(i)->getValue<int>("count");
        }
      }
    }
    EXPECT_EQ(mexican, 1) << q << ": the law once in the result list, not once per rendering";
    EXPECT_EQ(mx_facet, mx_hits) << q << ": the MX facet counts the law once";
  }
  // Passage by passage, both renderings are there: grouping shows one, nothing is lost.
  auto r = get("/api/v1/search?size=50&group=passage&q=" + encoded("\"Comisión Intersecretarial\""));
  std::set<std::string> ids;
  Array::Ptr hits = r->getArray("hits");
  for (size_t i = 0; i < hits->size(); ++i) {
    ids.insert(hits->getObject(i)->getValue<std::string>("id"));
    EXPECT_EQ(hits->getObject(i)->getArray("also_as")->size(), 0u) << "also_as is for hits grouped by document";
  }
  EXPECT_TRUE(ids.count(kMexico) && ids.count(kMexicoMobile));
}

TEST_F(StructureTest, ADocumentListsItsRenderingsAndATranslationIsNotOne) {
  EXPECT_EQ(ids_of(get("/api/v1/documents/" + kMexico)->getArray("renderings")), std::vector<std::string>{kMexicoMobile});
  EXPECT_EQ(ids_of(get("/api/v1/documents/" + kMexicoMobile)->getArray("renderings")), std::vector<std::string>{kMexico});
  for (const std::string id : {"ca-criminal-code-s279-en", "ca-code-criminel-art279-fr", "un-palermo-protocol-en",
                               "un-smuggling-protocol-en", "cl-codigo-penal-411bis-es", "cl-ley-20507-es"}) {
    EXPECT_EQ(get("/api/v1/documents/" + id)->getArray("renderings")->size(), 0u) << id;
  }
}

// A node as "kind|label|caption".
std::string step_of(const Object::Ptr& node) {
  auto field = [&](const char* k) { return node->isNull(k) ? std::string() : node->getValue<std::string>(k); };
  return field("kind") + "|" + field("label") + "|" + field("caption");
}

TEST_F(StructureTest, TheOutlineOfTheMexicanLawFromBooksToArticles) {
  auto o = get("/api/v1/documents/" + kMexico + "/outline");
  const auto doc = get("/api/v1/documents/" + kMexico);
  std::vector<std::string> top;
  std::map<std::string, std::vector<std::string>> where;  // article label -> the steps above it
  std::vector<int> all;
  std::function<void(const Array::Ptr&, std::vector<std::string>)> walk = [&](const Array::Ptr& nodes,
                                                                              std::vector<std::string> above) {
    for (size_t i = 0; i < nodes->size(); ++i) {
      auto n = nodes->getObject(i);
      Array::Ptr own = n->getArray("passages");
      for (size_t k = 0; k < own->size(); ++k) all.push_back(own->getElement<int>(k));
      if (n->getValue<std::string>("kind") == "article") where.emplace(n->getValue<std::string>("label"), above);
      auto below = above;
      below.push_back(step_of(n));
      walk(n->getArray("children"), below);
    }
  };
  Array::Ptr outline = o->getArray("outline");
  for (size_t i = 0; i < outline->size(); ++i) top.push_back(step_of(outline->getObject(i)));
  walk(outline, {});
  Array::Ptr loose = o->getArray("passages");
  for (size_t k = 0; k < loose->size(); ++k) all.push_back(loose->getElement<int>(k));

  EXPECT_NE(std::find(top.begin(), top.end(), "book|LIBRO PRIMERO|DE LO SUSTANTIVO"), top.end());
  EXPECT_NE(std::find(top.begin(), top.end(), "book|LIBRO SEGUNDO|DE LA POLÍTICA DE ESTADO"), top.end());
  EXPECT_NE(std::find(top.begin(), top.end(), "transitory|TRANSITORIOS|"), top.end())
      << "the transitory articles stand under no chapter";
  ASSERT_TRUE(where.count("Artículo 10"));
  EXPECT_EQ(where["Artículo 10"],
            (std::vector<std::string>{"book|LIBRO PRIMERO|DE LO SUSTANTIVO",
                                      "title|TÍTULO SEGUNDO|DE LOS DELITOS EN MATERIA DE TRATA DE PERSONAS",
                                      "chapter|CAPÍTULO II|DE LOS DELITOS EN MATERIA DE TRATA DE PERSONAS"}));
  ASSERT_TRUE(where.count("Artículo 62"));
  EXPECT_EQ(where["Artículo 62"].back(),
            "chapter|CAPÍTULO I|Derechos de las Víctimas y Testigos Durante el Procedimiento Penal y Medidas de "
            "Protección a su Favor")
      << "a caption over two lines is one caption";
  ASSERT_TRUE(where.count("Artículo 89"));
  EXPECT_EQ(where["Artículo 89"].back(), "chapter|CAPÍTULO I|De la Comisión intersecretarial");
  EXPECT_GE(o->getValue<int>("articles"), 120) << "the law has 126 articles in its main text";

  std::sort(all.begin(), all.end());
  const auto passages = doc->getArray("passages");
  ASSERT_EQ(all.size(), passages->size()) << "every passage is in the outline once";
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], static_cast<int>(i + 1));

  // A passage's path is its place in the outline.
  auto p = get("/api/v1/documents/" + kMexico + "/passages/" + std::to_string(o->getArray("outline")->getObject(1)->getValue<int>("passage")));
  Array::Ptr path = p->getArray("path");
  ASSERT_GE(path->size(), 1u);
  EXPECT_EQ(step_of(path->getObject(0)), top[1]);
}

TEST_F(StructureTest, AnOutlineOfNothingIsA404) {
  auto r = http_request(port_, "GET", "/api/v1/documents/no-such-law/outline");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.body.find("no-such-law"), std::string::npos);
  EXPECT_EQ(http_request(port_, "GET", "/api/v1/documents/" + kMexico + "/outline?depth=2").status, 400)
      << "an unknown parameter is refused, as on every endpoint";
}

// Renderings follow incremental runs: a rendering removed leaves the other alone in its group, one
// added under another name joins it.
TEST(RenderingsIncrementalTest, GroupsFollowRemovalsAndAdditions) {
  namespace fs = std::filesystem;
  const fs::path legislation = source_dir() / ".." / "shared" / "corpus-src" / "legislation";
  if (!fs::exists(legislation)) GTEST_SKIP() << "../shared/corpus-src/legislation is not here";
  const fs::path root = make_temp_dir("renderings");
  const fs::path corpus = root / "corpus";
  fs::create_directories(corpus);
  fs::copy_file(legislation / (kMexico + ".pdf"), corpus / "law.pdf");
  fs::copy_file(legislation / (kMexicoMobile + ".pdf"), corpus / "law-mobile.pdf");
  fs::copy_file(legislation / "cl-ley-20507-es.pdf", corpus / "other.pdf");
  IndexOptions options;
  options.corpus = corpus;
  options.db = root / "index";
  options.reference = source_dir() / "corpus";
  auto index = [&] {
    IndexReport report = run_index(options);
    ASSERT_TRUE(report.fatal.empty()) << report.fatal;
  };
  index();
  ServerConfig config;
  config.db_path = options.db.string();
  config.port = 0;
  config.rate_per_second = 0;
  HttpServer server(config);
  auto started = server.start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  const int port = started.value();
  auto renderings = [&](const std::string& id) { return ids_of(get_json(port, "/api/v1/documents/" + id)->getArray("renderings")); };
  auto hits_for = [&](const std::string& q) {
    return ids_of(get_json(port, "/api/v1/search?size=10&q=" + encoded(q))->getArray("hits"));
  };
  EXPECT_EQ(renderings("law"), std::vector<std::string>{"law-mobile"});
  EXPECT_EQ(renderings("other"), std::vector<std::string>{});
  EXPECT_EQ(hits_for("Comisión Intersecretarial").size(), 1u);

  fs::remove(corpus / "law.pdf");
  index();
  EXPECT_EQ(renderings("law-mobile"), std::vector<std::string>{}) << "alone again";
  EXPECT_EQ(hits_for("Comisión Intersecretarial"), std::vector<std::string>{"law-mobile"});

  fs::copy_file(legislation / (kMexico + ".pdf"), corpus / "a-law.pdf");
  index();
  EXPECT_EQ(renderings("a-law"), std::vector<std::string>{"law-mobile"});
  EXPECT_EQ(renderings("law-mobile"), std::vector<std::string>{"a-law"});
  EXPECT_EQ(hits_for("Comisión Intersecretarial").size(), 1u) << "the new rendering joined the group";
  server.stop();
  std::error_code ec;
  fs::remove_all(root, ec);
}

}  // namespace
}  // namespace atip::testing
