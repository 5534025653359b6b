// The API of API.md over real HTTP, on the shipped corpus.
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <set>

#include "api/render.h"
#include "atip/fields.h"
#include "atip/vocabulary.h"
#include "server_fixture.h"

namespace atip::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string enc(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "&=+?#%/ \"'<>", out);
  return out;
}

class ApiTest : public ServerTest {
 protected:
  static Object::Ptr search(const std::string& params) {
    auto r = get("/api/v1/search?" + params);
    EXPECT_EQ(r.status, 200) << params << " -> " << r.body;
    return r.json();
  }
  static long long total(const std::string& params) { return search(params)->getValue<long long>("total"); }
  static std::vector<std::string> hit_ids(const Object::Ptr& response) {
    std::vector<std::string> ids;
    Array::Ptr hits = response->getArray("hits");
    for (size_t i = 0; i < hits->size(); ++i) ids.push_back(hits->getObject(i)->getValue<std::string>("id"));
    return ids;
  }
  static long long facet_count(const Object::Ptr& response, const std::string& facet, const std::string& value) {
    Array::Ptr values = response->getObject("facets")->getArray(facet);
    for (size_t i = 0; i < values->size(); ++i) {
      if (values->getObject(i)->getValue<std::string>("value") == value) return values->getObject(i)->getValue<long long>("count");
    }
    return 0;
  }
};

TEST_F(ApiTest, HealthCountsTheShippedCorpus) {
  auto r = get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  auto h = r.json();
  EXPECT_EQ(h->getValue<std::string>("status"), "ok");
  EXPECT_EQ(h->getValue<int>("documents"), 6);  // five OAS documents and one fixture
  EXPECT_GT(h->getValue<int>("passages"), 100);
  EXPECT_GE(h->getValue<int>("revision"), 1);
}

TEST_F(ApiTest, SearchFindsAndHighlightsPassages) {
  auto r = search("q=police+academies");
  ASSERT_GT(r->getValue<long long>("total"), 0);
  auto first = r->getArray("hits")->getObject(0);
  std::string snippet = first->getObject("passage")->getValue<std::string>("snippet");
  EXPECT_NE(snippet.find("<mark>police</mark>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<mark>academies</mark>"), std::string::npos) << snippet;
  EXPECT_GT(first->getObject("passage")->getValue<int>("page"), 0);
  EXPECT_TRUE(r->has("took_ms"));
  EXPECT_TRUE(r->getObject("query")->isNull("corrected"));
}

TEST_F(ApiTest, SnippetsEscapeEverythingButMark) {
  auto r = search("q=trafficking+markup&group=passage");
  bool found = false;
  Array::Ptr hits = r->getArray("hits");
  for (size_t i = 0; i < hits->size(); ++i) {
    auto hit = hits->getObject(i);
    if (hit->getValue<std::string>("id") != "hostile-snippet") continue;
    found = true;
    std::string snippet = hit->getObject("passage")->getValue<std::string>("snippet");
    EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<img"), std::string::npos) << snippet;
    EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
    std::string stripped = snippet;
    for (const char* tag : {"<mark>", "</mark>"}) {
      for (size_t p; (p = stripped.find(tag)) != std::string::npos;) stripped.erase(p, std::string(tag).size());
    }
    EXPECT_EQ(stripped.find('<'), std::string::npos) << snippet;
    // The title is data, returned as is: escaping it is the page's job.
    EXPECT_EQ(hit->getValue<std::string>("title"), "Fixture with <b>markup</b> in its title");
  }
  EXPECT_TRUE(found);
}

TEST_F(ApiTest, EachFilterNarrowsToItsFacetCount) {
  auto all = search("q=trafficking&size=1");
  for (const auto name : fields::url_filters()) {
    const std::string facet(name);
    Array::Ptr values = all->getObject("facets")->getArray(facet);
    ASSERT_GT(values->size(), 0u) << facet;
    for (size_t i = 0; i < std::min<size_t>(values->size(), 4); ++i) {
      std::string value = values->getObject(i)->getValue<std::string>("value");
      long long count = values->getObject(i)->getValue<long long>("count");
      EXPECT_EQ(total("q=trafficking&size=1&" + facet + "=" + enc(value)), count) << facet << "=" << value;
    }
  }
}

// pillar=P is the passages linked to at least one Work Plan item of P: the same as every link of P's
// items OR-ed, by filter, by query field, in any case; and a pillar that is not one is refused.
TEST_F(ApiTest, PillarFilterFindsThePassagesLinkedToTheItemsOfThePillar) {
  Array::Ptr items = get("/api/v1/workplan").json()->getArray("items");
  std::map<std::string, std::string> links_of;  // pillar -> "&link=..." for each of its items
  for (size_t i = 0; i < items->size(); ++i) {
    auto item = items->getObject(i);
    links_of[item->getValue<std::string>("pillar")] += "&link=" + enc(item->getValue<std::string>("id"));
  }
  ASSERT_EQ(links_of.size(), vocabulary::kPillars.size());
  auto every = search("group=passage&size=1");
  for (const auto name : vocabulary::kPillars) {
    const std::string pillar(name);
    const long long linked = total("group=passage&size=1" + links_of[pillar]);
    EXPECT_GT(linked, 0) << pillar;
    EXPECT_EQ(total("group=passage&size=1&pillar=" + pillar), linked) << pillar;
    EXPECT_EQ(facet_count(every, "pillar", pillar), linked) << pillar;
    EXPECT_EQ(total("group=passage&size=1&q=pillar:" + pillar), linked) << pillar;
  }
  EXPECT_EQ(total("group=passage&pillar=Protection"), total("group=passage&pillar=protection"));
  EXPECT_EQ(total("group=passage&pillar=protection&pillar=prevention"),
            total("group=passage" + links_of["protection"] + links_of["prevention"]));
  auto refused = get("/api/v1/search?pillar=prevencion");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("pillar must be one of prevention, prosecution, protection, general-secretariat"),
            std::string::npos)
      << refused.body;
}

TEST_F(ApiTest, ValuesOfOneFilterAreOredAndFiltersAnded) {
  long long reports = total("q=trafficking&type=report");
  long long plans = total("q=trafficking&type=work-plan");
  ASSERT_GT(reports, 0);
  ASSERT_GT(plans, 0);
  EXPECT_EQ(total("q=trafficking&type=report&type=work-plan"), reports + plans);
  EXPECT_EQ(total("q=trafficking&type=report&type=work-plan&language=en&jurisdiction=INT"), reports + plans);
  EXPECT_EQ(total("q=trafficking&type=report&jurisdiction=PY"), 0);
}

TEST_F(ApiTest, YearFilterTakesYearsAndRanges) {
  long long y2013 = total("year=2013");
  long long range = total("year=2010..2014");
  EXPECT_GT(y2013, 0);
  EXPECT_GT(range, y2013);
  auto r = search("year=2004..2005&size=50");
  for (const auto& id : hit_ids(r)) EXPECT_EQ(id, "activities-2004-2007");
}

TEST_F(ApiTest, GroupingByDocumentOrPassage) {
  auto docs = search("q=trafficking&size=50");
  auto ids = hit_ids(docs);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "one hit per document";
  auto passages = search("q=trafficking&group=passage&size=50");
  EXPECT_GT(passages->getValue<long long>("total"), docs->getValue<long long>("total"));
  auto pids = hit_ids(passages);
  EXPECT_LT(std::set<std::string>(pids.begin(), pids.end()).size(), pids.size());
}

TEST_F(ApiTest, SortByDate) {
  auto asc = search("q=trafficking&sort=date&group=document&size=10");
  auto desc = search("q=trafficking&sort=-date&group=document&size=10");
  auto dates = [](const Object::Ptr& r) {
    std::vector<std::string> d;
    Array::Ptr hits = r->getArray("hits");
    for (size_t i = 0; i < hits->size(); ++i) d.push_back(hits->getObject(i)->getValue<std::string>("date"));
    return d;
  };
  auto a = dates(asc), d = dates(desc);
  ASSERT_GE(a.size(), 3u);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_TRUE(std::is_sorted(d.rbegin(), d.rend()));
  EXPECT_EQ(a.front(), d.back());
}

TEST_F(ApiTest, PagingGivesDisjointPages) {
  auto p1 = hit_ids(search("q=trafficking&group=passage&size=5&page=1"));
  auto p2 = hit_ids(search("q=trafficking&group=passage&size=5&page=2"));
  ASSERT_EQ(p1.size(), 5u);
  ASSERT_EQ(p2.size(), 5u);
  auto r1 = search("q=trafficking&group=passage&size=10&page=1");
  auto all = hit_ids(r1);
  std::vector<std::string> joined(p1);
  joined.insert(joined.end(), p2.begin(), p2.end());
  EXPECT_EQ(joined, all);
}

TEST_F(ApiTest, IncludeTextAddsTheWholePassage) {
  auto r = search("q=peacekeeping&group=passage&include=text");
  auto passage = r->getArray("hits")->getObject(0)->getObject("passage");
  std::string text = passage->getValue<std::string>("text");
  EXPECT_NE(text.find("peacekeeping operations"), std::string::npos);
  auto without = search("q=peacekeeping&group=passage");
  EXPECT_FALSE(without->getArray("hits")->getObject(0)->getObject("passage")->has("text"));
}

TEST_F(ApiTest, MisspeltQueryIsCorrected) {
  auto r = search("q=trafficing");
  ASSERT_FALSE(r->getObject("query")->isNull("corrected"));
  EXPECT_EQ(r->getObject("query")->getValue<std::string>("corrected"), "trafficking");
}

TEST_F(ApiTest, PhrasesOperatorsAndFields) {
  EXPECT_GT(total("q=" + enc("\"comprehensive protection systems for children\"")), 0);
  EXPECT_EQ(total("q=" + enc("\"children comprehensive systems protection for\"")), 0);
  long long both = total("q=" + enc("police AND corruption") + "&group=passage");
  long long either = total("q=" + enc("police OR corruption") + "&group=passage");
  long long police = total("q=police&group=passage");
  EXPECT_GT(either, both);
  EXPECT_EQ(total("q=" + enc("police -police") + "&group=passage"), 0);
  EXPECT_EQ(total("q=" + enc("police NOT corruption") + "&group=passage") + both, police);
  EXPECT_GT(total("q=" + enc("police NEAR academies") + "&group=passage"), 0);
  auto symbol = search("q=" + enc("symbol:\"CP/CSH/1155/09 rev. 11\""));
  EXPECT_EQ(hit_ids(symbol), std::vector<std::string>{"workplan-2010-2014"});
  auto symbol_variant = search("q=" + enc("symbol:\"cp/csh-1155/09 REV.11\""));
  EXPECT_EQ(hit_ids(symbol_variant), std::vector<std::string>{"workplan-2010-2014"});
  for (const auto& id : hit_ids(search("q=" + enc("victims type:work-plan")))) EXPECT_EQ(id, "workplan-2010-2014");
  EXPECT_GT(total("q=" + enc("title:management")), 0);
  EXPECT_EQ(total("q=" + enc("lang:fr")), 0);
}

// Each link says what made it twice: its basis as stored, and split for a reader into the concepts
// and the words the passage shares with the item.
TEST_F(ApiTest, EveryLinkCarriesTheConceptsAndWordsThatMadeIt) {
  auto d = get("/api/v1/documents/gs-report-2012-2014").json();
  Array::Ptr links = d->getArray("link_details");
  ASSERT_GT(links->size(), 0u);
  size_t with_concepts = 0;
  for (size_t i = 0; i < links->size(); ++i) {
    auto l = links->getObject(i);
    auto basis = l->getArray("basis");
    auto evidence = l->getObject("evidence");
    ASSERT_TRUE(evidence) << "link " << i;
    auto concepts = evidence->getArray("concepts");
    auto words = evidence->getArray("words");
    EXPECT_EQ(concepts->size() + words->size(), basis->size()) << "link " << i;
    for (size_t c = 0; c < concepts->size(); ++c) {
      const std::string concept_id = concepts->getElement<std::string>(c);
      EXPECT_EQ(concept_id.find("concept:"), std::string::npos);
      bool in_basis = false;
      for (size_t b = 0; b < basis->size(); ++b) in_basis |= basis->getElement<std::string>(b) == "concept:" + concept_id;
      EXPECT_TRUE(in_basis) << concept_id;
    }
    with_concepts += concepts->size() > 0;
  }
  EXPECT_GT(with_concepts, 0u) << "a report's links share concepts with their items";
}

TEST_F(ApiTest, DocumentHasPassagesLinksAndCitations) {
  auto r = get("/api/v1/documents/gs-report-2012-2014");
  ASSERT_EQ(r.status, 200);
  auto d = r.json();
  EXPECT_EQ(d->getValue<std::string>("type"), "report");
  EXPECT_GT(d->getArray("passages")->size(), 5u);
  EXPECT_EQ(d->getObject("file")->getValue<std::string>("content_type"), "application/pdf");
  bool cites_plan = false;
  Array::Ptr cites = d->getArray("cites");
  for (size_t i = 0; i < cites->size(); ++i) {
    auto c = cites->getObject(i);
    if (!c->isNull("id") && c->getValue<std::string>("id") == "workplan-2010-2014") cites_plan = true;
  }
  EXPECT_TRUE(cites_plan) << r.body.substr(0, 2000);
  auto plan = get("/api/v1/documents/workplan-2010-2014").json();
  Array::Ptr cited_by = plan->getArray("cited_by");
  std::set<std::string> citing;
  for (size_t i = 0; i < cited_by->size(); ++i) citing.insert(cited_by->getElement<std::string>(i));
  // By its symbol (2012-2014) or by its title, near enough (the two earlier reports); never itself.
  EXPECT_EQ(citing, (std::set<std::string>{"gs-report-2010-2012", "gs-report-2012-2013", "gs-report-2012-2014"}))
      << plan->getArray("cited_by")->size();
  EXPECT_TRUE(get("/api/v1/documents/activities-2004-2007").json()->getArray("cites")->size() == 0);
  auto report = get("/api/v1/documents/gs-report-2010-2012").json();
  EXPECT_GT(report->getObject("links")->size(), 5u);
}

TEST_F(ApiTest, PassageByNumber) {
  auto r = get("/api/v1/documents/workplan-2010-2014/passages/1");
  ASSERT_EQ(r.status, 200);
  auto p = r.json();
  EXPECT_EQ(p->getValue<int>("n"), 1);
  EXPECT_FALSE(p->getValue<std::string>("text").empty());
  EXPECT_EQ(get("/api/v1/documents/workplan-2010-2014/passages/99999").status, 404);
  EXPECT_EQ(get("/api/v1/documents/workplan-2010-2014/passages/abc").status, 404);
}

TEST_F(ApiTest, FileWithEtagAndRanges) {
  auto full = get("/api/v1/documents/gs-report-2010-2012/file");
  ASSERT_EQ(full.status, 200);
  EXPECT_EQ(full.content_type, "application/pdf");
  EXPECT_EQ(full.body.substr(0, 5), "%PDF-");
  std::string etag = full.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(get("/api/v1/documents/gs-report-2010-2012/file", {{"If-None-Match", etag}}).status, 304);
  auto part = get("/api/v1/documents/gs-report-2010-2012/file", {{"Range", "bytes=0-9"}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, full.body.substr(0, 10));
  EXPECT_EQ(part.header("content-range"), "bytes 0-9/" + std::to_string(full.body.size()));
  auto tail = get("/api/v1/documents/gs-report-2010-2012/file", {{"Range", "bytes=-5"}});
  EXPECT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, full.body.substr(full.body.size() - 5));
  EXPECT_EQ(get("/api/v1/documents/gs-report-2010-2012/file", {{"Range", "bytes=999999999-"}}).status, 416);
}

TEST_F(ApiTest, WorkPlanListsItsItemsAndEvidence) {
  auto r = get("/api/v1/workplan");
  ASSERT_EQ(r.status, 200);
  Array::Ptr items = r.json()->getArray("items");
  ASSERT_EQ(items->size(), 62u);
  std::map<std::string, int> pillars;
  for (size_t i = 0; i < items->size(); ++i) pillars[items->getObject(i)->getValue<std::string>("pillar")]++;
  EXPECT_EQ(pillars["prevention"], 18);
  EXPECT_EQ(pillars["prosecution"], 12);
  EXPECT_EQ(pillars["protection"], 22);
  EXPECT_EQ(pillars["general-secretariat"], 10);

  auto item = get("/api/v1/workplan/mandate:7");
  ASSERT_EQ(item.status, 200);
  auto body = item.json();
  Array::Ptr evidence = body->getArray("evidence");
  ASSERT_GT(evidence->size(), 0u);
  std::string previous = "9999";
  for (size_t i = 0; i < evidence->size(); ++i) {
    std::string date = evidence->getObject(i)->getValue<std::string>("date");
    EXPECT_LE(date, previous) << "newest first";
    previous = date;
  }
  auto csv = get("/api/v1/workplan/mandate:7?format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("item,document,title", 0), 0u);
  auto md = get("/api/v1/workplan/mandate:7?format=markdown");
  EXPECT_EQ(md.status, 200);
  EXPECT_NE(md.body.find("# Mandate 7"), std::string::npos);
  EXPECT_NE(md.body.find("## 20"), std::string::npos);
  EXPECT_EQ(get("/api/v1/workplan/mandate:99").status, 404);
}

// The Markdown report quotes every passage whole, under the year it speaks of.
TEST_F(ApiTest, EvidenceMarkdownQuotesWholePassagesUnderTheirOwnYears) {
  Array::Ptr items = get("/api/v1/workplan").json()->getArray("items");
  size_t long_passages = 0, dated_passages = 0;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string id = items->getObject(i)->getValue<std::string>("id");
    Array::Ptr evidence = get("/api/v1/workplan/" + id).json()->getArray("evidence");
    if (evidence->size() == 0) continue;
    const std::string md = get("/api/v1/workplan/" + id + "?format=markdown").body;
    for (size_t e = 0; e < evidence->size(); ++e) {
      auto passage = get(evidence->getObject(e)->getValue<std::string>("permalink")).json();
      const std::string text = passage->getValue<std::string>("text");
      if (text.size() > 700) ++long_passages;
      EXPECT_NE(md.find("\n- " + api::markdown_escape(text) + "\n"), std::string::npos)
          << id << ": the whole passage, " << text.size() << " bytes";
      const std::string date = passage->has("date") && !passage->isNull("date") ? passage->getValue<std::string>("date") : "";
      if (date.size() >= 4) {
        ++dated_passages;
        EXPECT_NE(md.find("\n## " + date.substr(0, 4) + "\n"), std::string::npos) << id << ": a passage of " << date;
      }
    }
  }
  EXPECT_GT(long_passages, 0u);
  EXPECT_GT(dated_passages, 0u) << "the activities page's events have their own dates";
}

// The coverage matrix: jurisdiction x item counts that agree with the searches each cell links to.
TEST_F(ApiTest, CoverageCountsAgreeWithTheSearchesTheyLinkTo) {
  auto all = get("/api/v1/coverage");
  ASSERT_EQ(all.status, 200) << all.body;
  auto body = all.json();
  EXPECT_EQ(body->getArray("items")->size(), 62u);
  Array::Ptr cells = body->getArray("cells");
  ASSERT_GT(cells->size(), 10u);
  for (size_t i = 0; i < cells->size(); ++i) {
    auto cell = cells->getObject(i);
    auto hits = get(cell->getValue<std::string>("search")).json();
    EXPECT_EQ(hits->getValue<long long>("total"), cell->getValue<long long>("passages"))
        << cell->getValue<std::string>("jurisdiction") << " " << cell->getValue<std::string>("item");
    EXPECT_LE(cell->getValue<long long>("documents"), cell->getValue<long long>("passages"));
  }
  // One pillar's items only; a filter narrows every cell, and its drill-down keeps the filter.
  auto protection = get("/api/v1/coverage?pillar=protection").json();
  Array::Ptr items = protection->getArray("items");
  ASSERT_GT(items->size(), 0u);
  for (size_t i = 0; i < items->size(); ++i) EXPECT_EQ(items->getObject(i)->getValue<std::string>("pillar"), "protection");
  auto reports = get("/api/v1/coverage?type=report").json()->getArray("cells");
  for (size_t i = 0; i < reports->size(); ++i) {
    std::string search = reports->getObject(i)->getValue<std::string>("search");
    EXPECT_NE(search.find("&type=report"), std::string::npos) << search;
    EXPECT_EQ(get(search).json()->getValue<long long>("total"), reports->getObject(i)->getValue<long long>("passages"));
  }
  EXPECT_LT(reports->size(), cells->size());
  auto csv = get("/api/v1/coverage?format=csv");
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  size_t rows = 0;
  for (size_t at = csv.body.find("\r\n\""); at != std::string::npos; at = csv.body.find("\r\n\"", at + 1)) ++rows;
  EXPECT_EQ(rows, cells->size());
  EXPECT_EQ(get("/api/v1/coverage?pillar=nothing").status, 400);
  EXPECT_EQ(get("/api/v1/coverage?q=x").status, 400) << "coverage takes filters, not a query";
}

// Every filter of the field table is a parameter, repeatable, of every endpoint that takes the search's
// filters; the coverage matrix leaves out link (its columns are Work Plan items).
TEST_F(ApiTest, EveryTableFilterIsTakenWhereSearchFiltersAre) {
  const std::string endpoints[] = {"/api/v1/search?q=trafficking", "/api/v1/feeds/search?q=trafficking",
                                   "/api/v1/compare?q=trafficking", "/api/v1/coverage?format=json"};
  for (auto name : fields::url_filters()) {
    const fields::Field* field = fields::find(name);
    ASSERT_NE(field, nullptr) << name;
    const std::string filter = "&" + std::string(name) + "=" + enc(std::string(field->example));
    for (const auto& endpoint : endpoints) {
      const bool coverage_column = endpoint.find("/coverage") != std::string::npos && name == "link";
      auto r = get(endpoint + filter + filter);
      EXPECT_EQ(r.status, coverage_column ? 400 : 200) << endpoint << filter << filter << ": " << r.body.substr(0, 300);
      if (coverage_column) {
        EXPECT_NE(r.body.find("unknown parameter 'link'"), std::string::npos) << r.body;
      }
    }
  }
}

// A search exported as CSV or JSON: every hit up to the limit, not one page, whole passages.
TEST_F(ApiTest, SearchExportsEveryHitAsCsvOrJson) {
  auto paged = get("/api/v1/search?q=trafficking&group=passage&size=5").json();
  const long long total = paged->getValue<long long>("total");
  ASSERT_GT(total, 5);
  auto csv = get("/api/v1/search?q=trafficking&group=passage&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body.substr(0, 300);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"atip-search.csv\"");
  EXPECT_EQ(csv.body.rfind("document,title,type,symbol,jurisdiction,language,date,passage,page,heading,links,score,"
                           "permalink,text\r\n", 0), 0u);
  size_t rows = 0;
  for (size_t at = csv.body.find("\r\n\""); at != std::string::npos; at = csv.body.find("\r\n\"", at + 1)) ++rows;
  EXPECT_EQ(static_cast<long long>(rows), total) << "one row per hit, all pages";
  EXPECT_NE(csv.body.find(",\"http://127.0.0.1:" + std::to_string(port_) + "/api/v1/documents/"), std::string::npos)
      << "absolute permalinks";
  auto exported = get("/api/v1/search?q=trafficking&group=passage&format=json");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.header("content-disposition"), "attachment; filename=\"atip-search.json\"");
  Array::Ptr hits = exported.json()->getArray("hits");
  EXPECT_EQ(static_cast<long long>(hits->size()), total);
  EXPECT_FALSE(hits->getObject(0)->getObject("passage")->getValue<std::string>("text").empty());
  EXPECT_EQ(get("/api/v1/search?q=trafficking&format=xml").status, 400);
  EXPECT_EQ(get("/api/v1/feeds/search?q=trafficking&format=csv").status, 400) << "a feed is no export";
}

// Every item's evidence page and its two exports: the counts of the list, the rows of the CSV and the
// citations of the Markdown report agree, each piece of evidence with a permalink that answers.
TEST_F(ApiTest, EveryItemHasItsEvidenceAndExports) {
  Array::Ptr items = get("/api/v1/workplan").json()->getArray("items");
  ASSERT_EQ(items->size(), 62u);
  size_t with_evidence = 0;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string id = items->getObject(i)->getValue<std::string>("id");
    const long long passages = items->getObject(i)->getValue<long long>("passages");
    auto page = get("/api/v1/workplan/" + id);
    ASSERT_EQ(page.status, 200) << id;
    Array::Ptr evidence = page.json()->getArray("evidence");
    EXPECT_EQ(static_cast<long long>(evidence->size()), passages) << id;
    if (evidence->size() > 0) ++with_evidence;
    for (size_t e = 0; e < evidence->size(); ++e) {
      const std::string permalink = evidence->getObject(e)->getValue<std::string>("permalink");
      EXPECT_EQ(get(permalink).status, 200) << id << " " << permalink;
    }
    auto csv = get("/api/v1/workplan/" + id + "?format=csv");
    ASSERT_EQ(csv.status, 200) << id;
    size_t rows = 0;
    for (size_t at = csv.body.find("\n\"" + id + "\","); at != std::string::npos;
         at = csv.body.find("\n\"" + id + "\",", at + 1)) {
      ++rows;
    }
    EXPECT_EQ(rows, evidence->size()) << id;
    auto md = get("/api/v1/workplan/" + id + "?format=markdown");
    ASSERT_EQ(md.status, 200) << id;
    size_t citations = 0;
    for (size_t at = md.body.find("/passages/"); at != std::string::npos; at = md.body.find("/passages/", at + 1)) ++citations;
    EXPECT_EQ(citations, evidence->size()) << id;
  }
  EXPECT_GE(with_evidence, 52u) << "the Work Plan's own items at least quote themselves";
}

TEST_F(ApiTest, SuggestCompletesPrefixesIgnoringAccents) {
  auto r = get("/api/v1/suggest?q=pol");
  ASSERT_EQ(r.status, 200);
  Array::Ptr s = r.json()->getArray("suggestions");
  std::set<std::string> values;
  for (size_t i = 0; i < s->size(); ++i) values.insert(s->getElement<std::string>(i));
  EXPECT_TRUE(values.count("police")) << r.body;
  EXPECT_LE(s->size(), 10u);
  auto accented = get("/api/v1/suggest?q=" + enc("campañ")).json()->getArray("suggestions");
  ASSERT_GT(accented->size(), 0u);
  auto unaccented = get("/api/v1/suggest?q=campan").json()->getArray("suggestions");
  EXPECT_EQ(accented->getElement<std::string>(0), unaccented->getElement<std::string>(0));
}

TEST_F(ApiTest, SuggestContinuesTheTypedWordsAndPrefersTheAskedLanguage) {
  auto suggestions = [&](const std::string& q) {
    auto r = get("/api/v1/suggest?q=" + q);
    EXPECT_EQ(r.status, 200) << q;
    std::vector<std::string> out;
    Array::Ptr s = r.json()->getArray("suggestions");
    for (size_t i = 0; i < s->size(); ++i) out.push_back(s->getElement<std::string>(i));
    return out;
  };
  // Only words that follow the typed ones somewhere: not "police transnational", "victims of training".
  auto police = suggestions(enc("police tr"));
  ASSERT_FALSE(police.empty());
  EXPECT_EQ(police.front(), "police training");
  for (const auto& s : police) EXPECT_NE(s, "police transnational");
  auto victims = suggestions(enc("victims of tr"));
  ASSERT_FALSE(victims.empty());
  EXPECT_EQ(victims.front(), "victims of trafficking");
  for (const auto& s : victims) EXPECT_NE(s, "victims of training");
  auto trata = suggestions(enc("trata de pe"));
  EXPECT_NE(std::find(trata.begin(), trata.end(), "trata de personas"), trata.end());
  // The language of the interface decides between "campaign" and "campaña".
  EXPECT_EQ(suggestions("cam&lang=es").front(), "campaña");
  EXPECT_EQ(suggestions("cam&lang=en").front(), "campaign");
}

TEST_F(ApiTest, MetricsInPrometheusFormat) {
  get("/api/v1/health");
  auto r = get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("atip_http_requests_total{endpoint=\"health\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(r.body.find("atip_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(r.body.find("atip_index_documents 6"), std::string::npos);
}

TEST_F(ApiTest, WritesNeedTheBearerToken) {
  auto none = http_request(port_, "DELETE", "/api/v1/documents/gs-report-2010-2012");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.json()->getObject("error")->getValue<std::string>("code"), "unauthenticated");
  auto wrong = http_request(port_, "DELETE", "/api/v1/documents/gs-report-2010-2012", {{"Authorization", "Bearer nope"}});
  EXPECT_EQ(wrong.status, 401);
  auto post = http_request(port_, "POST", "/api/v1/documents", {}, "x");
  EXPECT_EQ(post.status, 401);
  EXPECT_EQ(get("/api/v1/documents/gs-report-2010-2012").status, 200);
}

TEST_F(ApiTest, WebPageWithSecurityHeaders) {
  auto page = get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(page.header("referrer-policy").empty());
  auto api = get("/api/v1/health");
  EXPECT_EQ(api.header("x-content-type-options"), "nosniff");
}

TEST_F(ApiTest, WebFilesHaveTheirTypesAndRevalidate) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"/app.js", "text/javascript; charset=utf-8"},      {"/searchbox.js", "text/javascript; charset=utf-8"},
      {"/style.css", "text/css; charset=utf-8"},          {"/i18n/es.json", "application/json; charset=utf-8"},
      {"/favicon.svg", "image/svg+xml"},
  };
  for (const auto& [path, type] : files) {
    auto r = get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.content_type, type) << path;
    EXPECT_NE(r.header("cache-control").find("max-age="), std::string::npos) << path;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    const std::string etag = r.header("etag");
    ASSERT_FALSE(etag.empty()) << path;
    auto again = get(path, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304) << path;
    EXPECT_TRUE(again.body.empty()) << path;
  }
  // No directory listings, no way out of the web folder.
  for (const std::string path : {"/i18n/", "/i18n", "/../README.md", "/%2e%2e/README.md", "/i18n/..%2f..%2fREADME.md"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("ATIP Archive"), std::string::npos) << path;
  }
}

// Past the exact-count limit, facet counts come from the passages checked, scaled to the total
// (Xapian's estimate when matching stopped early), and the answer says so; below it they are exact.
TEST_F(ApiTest, FacetCountsPastTheLimitAreSampledAndSaySo) {
  auto exact = search("q=trafficking&group=passage&size=1");
  ASSERT_TRUE(exact->getValue<bool>("facets_exact"));
  ASSERT_TRUE(exact->getValue<bool>("total_exact"));
  const long long exact_total = exact->getValue<long long>("total");
  ASSERT_GT(exact_total, 40);

  ServerConfig config;
  config.db_path = db_.string();
  config.port = 0;
  config.rate_per_second = 0;
  config.exact_count_limit = 20;
  HttpServer sampling(config);
  auto port = sampling.start();
  ASSERT_TRUE(port.ok()) << port.error().message;
  auto r = http_request(port.value(), "GET", "/api/v1/search?q=trafficking&group=passage&size=1");
  ASSERT_EQ(r.status, 200) << r.body;
  auto sampled = r.json();
  EXPECT_FALSE(sampled->getValue<bool>("facets_exact"));
  const long long total = sampled->getValue<long long>("total");
  EXPECT_GT(total, 20) << "the estimate, not the 20 counted";
  long long by_language = 0;
  Array::Ptr languages = sampled->getObject("facets")->getArray("language");
  for (size_t i = 0; i < languages->size(); ++i) by_language += languages->getObject(i)->getValue<long long>("count");
  EXPECT_GT(by_language, 20) << "scaled up from the sample";
  EXPECT_NEAR(static_cast<double>(by_language), static_cast<double>(total), total * 0.1 + 2);
  EXPECT_FALSE(sampled->getValue<bool>("total_exact")) << "matching stopped past the limit: the total is an estimate";
  // Fewer matches than the limit: everything is counted, and said to be.
  auto narrow = http_request(port.value(), "GET", "/api/v1/search?q=shelters&group=passage").json();
  EXPECT_TRUE(narrow->getValue<bool>("total_exact"));
  EXPECT_TRUE(narrow->getValue<bool>("facets_exact"));
  EXPECT_LT(narrow->getValue<long long>("total"), 20);
  sampling.stop();
}

TEST_F(ApiTest, CorsForAllowedOriginsOnly) {
  auto allowed = get("/api/v1/suggest?q=pol", {{"Origin", "http://embed.example"}});
  EXPECT_EQ(allowed.header("access-control-allow-origin"), "http://embed.example");
  auto other = get("/api/v1/suggest?q=pol", {{"Origin", "http://evil.example"}});
  EXPECT_EQ(other.header("access-control-allow-origin"), "");
}

}  // namespace
}  // namespace atip::testing
