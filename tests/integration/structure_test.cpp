// Law structure over the API: the outline of a law, each passage's path, and one law in two
// renderings (the Mexican PDF and its mobile layout) shown once. On the legislation set of
// ../shared/corpus-src (skipped when it is not there); the incremental case copies two of its files.
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "atip/legal.h"
#include "atip/text.h"
#include "server_fixture.h"
#include "../shared_data.h"

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

std::string field(const Object::Ptr& o, const char* key) {
  return !o->has(key) || o->isNull(key) ? std::string() : o->getValue<std::string>(key);
}

class StructureTest : public LegislationSuite<StructureTest> {
 public:
  static constexpr const char* kName = "structure";

 protected:
  static Object::Ptr get(const std::string& path) { return get_json(port_, path); }

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

// Canada's laws in English and French are one law in two languages, article to article.
TEST_F(StructureTest, TranslationsOfOneLawAreLinkedArticleToArticle) {
  EXPECT_EQ(ids_of(get("/api/v1/documents/ca-criminal-code-s279-en")->getArray("translations")),
            std::vector<std::string>{"ca-code-criminel-art279-fr"});
  EXPECT_EQ(ids_of(get("/api/v1/documents/ca-code-criminel-art279-fr")->getArray("translations")),
            std::vector<std::string>{"ca-criminal-code-s279-en"});
  for (const std::string& id : {kMexico, std::string("un-palermo-protocol-en"), std::string("cl-codigo-penal-411bis-es"),
                               std::string("traite-blanches-1910-fr")}) {
    EXPECT_EQ(get("/api/v1/documents/" + id)->getArray("translations")->size(), 0u) << id;
  }
  // 279.011 in English names 279.011 in French.
  auto en = get("/api/v1/documents/ca-criminal-code-s279-en");
  Array::Ptr passages = en->getArray("passages");
  int n = 0;
  for (size_t i = 0; i < passages->size(); ++i) {
    if (field(passages->getObject(i), "article") == "279.011") n = passages->getObject(i)->getValue<int>("n");
  }
  ASSERT_GT(n, 0) << "279.011 is a passage of its own";
  Array::Ptr t = get("/api/v1/documents/ca-criminal-code-s279-en/passages/" + std::to_string(n))->getArray("translations");
  ASSERT_EQ(t->size(), 1u);
  const auto fr = t->getObject(0);
  EXPECT_EQ(fr->getObject("document")->getValue<std::string>("language"), "fr");
  EXPECT_EQ(field(fr, "article"), "279.011");
  auto target = get(fr->getValue<std::string>("permalink"));
  EXPECT_EQ(field(target, "article"), "279.011");
  EXPECT_NE(field(target, "text").find("moins de dix-huit ans"), std::string::npos) << field(target, "text");
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

// Words folded for comparing what the hand-checked list says with what the API gives.
std::string folded_words(const std::string& s) {
  std::string out;
  for (const auto& t : text::tokenize(s)) {
    if (!out.empty()) out += ' ';
    out += t.folded;
  }
  return out;
}

// The heading words a caption of a chapter is written with in the list ("Chapter II ...") and not
// always in the document ("II. ...").
std::string chapter_words(const std::string& s) {
  static const std::set<std::string> structural = {"chapter", "capitulo", "chapitre", "title", "titulo", "titre",
                                                   "part", "parte", "partie", "book", "libro", "livro",
                                                   "section", "seccion", "secao", "subchapter"};
  std::string out;
  for (const auto& t : text::tokenize(s)) {
    if (structural.count(t.folded)) continue;
    if (!out.empty()) out += ' ';
    out += t.folded;
  }
  return out;
}

// tests/data/law-structure.tsv: every article of ten laws and treaties as a person reads the PDFs
// (made blind to the index). Each must be one run of passages that starts with its label, carries
// its caption, stands under its chapter, and holds the words its text begins with.
TEST_F(StructureTest, EveryArticleOfTheHandCheckedListIsOnePassageUnderItsChapter) {
  std::set<std::pair<std::string, std::string>> known;
  {
    std::ifstream in(source_dir() / "tests" / "data" / "law-structure-known-failures.tsv");
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      const size_t tab = line.find('\t'), tab2 = line.find('\t', tab + 1);
      known.insert({line.substr(0, tab), line.substr(tab + 1, tab2 - tab - 1)});
    }
  }
  std::map<std::string, std::vector<Object::Ptr>> passages;  // document -> its passages
  auto passages_of = [&](const std::string& id) -> const std::vector<Object::Ptr>& {
    auto it = passages.find(id);
    if (it != passages.end()) return it->second;
    auto& list = passages[id];
    Array::Ptr all = get("/api/v1/documents/" + id)->getArray("passages");
    for (size_t i = 0; i < all->size(); ++i) {
      list.push_back(get("/api/v1/documents/" + id + "/passages/" + std::to_string(all->getObject(i)->getValue<int>("n"))));
    }
    return list;
  };
  std::ifstream in(source_dir() / "tests" / "data" / "law-structure.tsv");
  ASSERT_TRUE(in) << "tests/data/law-structure.tsv";
  int rows = 0;
  std::set<std::string> documents;
  std::string failures, fixed;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.rfind("file\t", 0) == 0) continue;
    std::vector<std::string> f;
    for (size_t at = 0;;) {
      const size_t tab = line.find('\t', at);
      f.push_back(line.substr(at, tab == std::string::npos ? std::string::npos : tab - at));
      if (tab == std::string::npos) break;
      at = tab + 1;
    }
    ASSERT_EQ(f.size(), 5u) << line;
    // Named references, not a structured binding: the lambdas below capture them (clang 14 refuses bindings).
    const std::string &file = f[0], &article = f[1], &caption = f[2], &chapter = f[3], &text_start = f[4];
    const std::string id = file.substr(0, file.rfind('.'));
    ++rows;
    documents.insert(id);
    // The runs of consecutive passages of that article; the one under the listed chapter is it
    // (the Mexican law's transitory "Primero" is not its decree's "Artículo Primero").
    std::vector<std::vector<Object::Ptr>> runs;
    for (const auto& p : passages_of(id)) {
      if (article_key(field(p, "article")) != article_key(article)) continue;
      if (!runs.empty() && runs.back().back()->getValue<int>("n") + 1 == p->getValue<int>("n")) {
        runs.back().push_back(p);
      } else {
        runs.push_back({p});
      }
    }
    auto nearest_heading = [](const Object::Ptr& p) {
      Array::Ptr path = p->getArray("path");
      for (size_t i = path->size(); i-- > 0;) {
        auto step = path->getObject(i);
        if (field(step, "kind") != "article") return step;
      }
      return Object::Ptr();
    };
    auto under_chapter = [&](const std::vector<Object::Ptr>& run) {
      Object::Ptr step = nearest_heading(run.front());
      if (chapter.empty()) {
        Array::Ptr path = run.front()->getArray("path");
        for (size_t i = 0; i < path->size(); ++i) {
          const std::string kind = field(path->getObject(i), "kind");
          if (kind != "heading" && kind != "article") return false;
        }
        return true;
      }
      return step && chapter_words(field(step, "label") + " " + field(step, "caption")) == chapter_words(chapter);
    };
    std::string why;
    auto run = std::find_if(runs.begin(), runs.end(), under_chapter);
    if (runs.empty()) {
      why = "no passage has this article";
    } else if (run == runs.end()) {
      Object::Ptr step = nearest_heading(runs.front().front());
      why = "under \"" + (step ? field(step, "label") + " " + field(step, "caption") : std::string()) + "\", not \"" + chapter + "\"";
    } else {
      const Object::Ptr& first = run->front();
      std::string body;
      for (const auto& p : *run) body += folded_words(field(p, "text")) + " ";
      if (folded_words(field(first, "text")).rfind(folded_words(field(first, "article")), 0) != 0) {
        why = "its first passage does not start with its label";
      } else if (folded_words(field(first, "caption")) != folded_words(caption)) {
        why = "caption \"" + field(first, "caption") + "\"";
      } else if (body.find(folded_words(text_start)) == std::string::npos) {
        why = "its passages do not hold \"" + text_start + "\"";
      }
    }
    const bool expected_to_fail = known.count({file, article}) > 0;
    if (!why.empty() && !expected_to_fail) failures += "\n  " + id + " " + article + ": " + why;
    if (why.empty() && expected_to_fail) fixed += "\n  " + id + " " + article;
  }
  EXPECT_GE(rows, 200);
  EXPECT_GE(documents.size(), 8u) << "at least eight laws are checked by hand";
  EXPECT_EQ(failures, "") << "articles not read as the hand-checked list has them";
  EXPECT_EQ(fixed, "") << "now right: take them out of tests/data/law-structure-known-failures.tsv";
}

// A sentence that runs on to the next page, past the running header, the footer and the page number,
// is one passage: its words are found as a phrase.
TEST_F(StructureTest, APhraseAcrossAPageBreakIsFound) {
  struct Case {
    std::string phrase, document, article;
  };
  for (const Case& c : std::vector<Case>{
           {"transmitted the information that places restrictions", "un-palermo-protocol-en", "Article 10"},
           {"que no tiene más opción que someterse", kMexico, "Artículo 4o"},
           {"una persona que tenga autoridad sobre otra", kMexico, "Artículo 16"}}) {
    auto r = get("/api/v1/search?group=passage&size=20&q=" + encoded("\"" + c.phrase + "\""));
    Array::Ptr hits = r->getArray("hits");
    bool found = false;
    for (size_t i = 0; i < hits->size(); ++i) {
      auto hit = hits->getObject(i);
      if (hit->getValue<std::string>("id") != c.document) continue;
      found = true;
      EXPECT_EQ(field(hit->getObject("passage"), "article"), c.article) << c.phrase;
    }
    EXPECT_TRUE(found) << "\"" << c.phrase << "\" is not found in " << c.document;
  }
}

// Renderings follow incremental runs: a rendering removed leaves the other alone in its group, one
// added under another name joins it.
TEST(RenderingsIncrementalTest, GroupsFollowRemovalsAndAdditions) {
  namespace fs = std::filesystem;
  const fs::path legislation = source_dir() / ".." / "shared" / "corpus-src" / "legislation";
  if (!fs::exists(legislation)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED("../shared/corpus-src/legislation");
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
