// The Atom feeds over real HTTP, parsed by a namespace-aware XML parser: new and changed
// documents, the evidence of a Work Plan item, a saved search.
#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/XML/XMLException.h>

#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "archive_fixture.h"

namespace atip::testing {
namespace {

const std::string kAtom = "http://www.w3.org/2005/Atom";

struct Entry {
  std::string id, title, updated, link, summary;
};

struct Feed {
  std::string id, title, updated, self;
  std::vector<Entry> entries;
};

std::string child_text(Poco::XML::Element* parent, const std::string& name) {
  Poco::XML::Element* e = parent->getChildElementNS(kAtom, name);
  return e ? e->innerText() : std::string("(missing " + name + ")");
}

std::string link_href(Poco::XML::Element* parent, const std::string& rel) {
  Poco::AutoPtr<Poco::XML::NodeList> links = parent->getElementsByTagNameNS(kAtom, "link");
  for (unsigned long i = 0; i < links->length(); ++i) {
    auto* l = static_cast<Poco::XML::Element*>(links->item(i));
    if (l->parentNode() == parent && l->getAttribute("rel") == rel) return l->getAttribute("href");
  }
  return {};
}

// Parses an Atom document the way a feed reader does and checks what RFC 4287 requires.
Feed parse_atom(const std::string& xml) {
  Poco::XML::DOMParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
  Poco::AutoPtr<Poco::XML::Document> doc;
  try {
    doc = parser.parseString(xml);
  } catch (const Poco::Exception& e) {
    ADD_FAILURE() << "not well-formed XML: " << e.displayText() << "\n" << xml.substr(0, 2000);
    return {};
  }
  Poco::XML::Element* root = doc->documentElement();
  EXPECT_EQ(root->namespaceURI(), kAtom);
  EXPECT_EQ(root->localName(), "feed");
  Feed f;
  f.id = child_text(root, "id");
  f.title = child_text(root, "title");
  f.updated = child_text(root, "updated");
  f.self = link_href(root, "self");
  EXPECT_NE(root->getChildElementNS(kAtom, "author"), nullptr) << "a feed needs an author (or every entry one)";
  Poco::AutoPtr<Poco::XML::NodeList> entries = root->getElementsByTagNameNS(kAtom, "entry");
  for (unsigned long i = 0; i < entries->length(); ++i) {
    auto* e = static_cast<Poco::XML::Element*>(entries->item(i));
    f.entries.push_back({child_text(e, "id"), child_text(e, "title"), child_text(e, "updated"), link_href(e, "alternate"),
                         child_text(e, "summary")});
  }
  return f;
}

const std::regex kRfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");

void expect_valid(const Feed& f) {
  EXPECT_EQ(f.id.rfind("urn:uuid:", 0), 0u) << f.id;
  EXPECT_FALSE(f.title.empty());
  EXPECT_TRUE(std::regex_match(f.updated, kRfc3339)) << f.updated;
  EXPECT_EQ(f.self.rfind("http://", 0), 0u) << f.self;
  std::set<std::string> ids;
  for (const auto& e : f.entries) {
    EXPECT_EQ(e.id.rfind("urn:uuid:", 0), 0u) << e.id;
    EXPECT_TRUE(ids.insert(e.id).second) << "entry ids are unique: " << e.id;
    EXPECT_FALSE(e.title.empty());
    EXPECT_TRUE(std::regex_match(e.updated, kRfc3339)) << e.updated;
    EXPECT_LE(e.updated, f.updated) << "the feed is as new as its newest entry";
    EXPECT_EQ(e.link.rfind("http://", 0), 0u) << e.link;
    EXPECT_FALSE(e.summary.empty());
  }
}

class FeedsTest : public ArchiveServerTest {
 protected:
  static Feed feed(const std::string& uri) {
    auto r = get(uri);
    EXPECT_EQ(r.status, 200) << uri << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/atom+xml; charset=utf-8");
    Feed f = parse_atom(r.body);
    expect_valid(f);
    return f;
  }
};

TEST_F(FeedsTest, NewAndChangedDocumentsNewestFirst) {
  auto before = feed("/api/v1/feeds/documents");
  ASSERT_FALSE(before.entries.empty()) << "the indexed corpus is in the feed";
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // times have whole seconds
  ASSERT_EQ(upload(upload_fields("feed-news", "A NEW LAW\n\nA law on the protection of victims & witnesses <in court>.\n",
                                 "Protection of victims & witnesses <2024>"))
                .status,
            201);
  auto after = feed("/api/v1/feeds/documents");
  ASSERT_EQ(after.entries.size(), before.entries.size() + 1);
  const Entry& first = after.entries.front();
  EXPECT_EQ(first.title, "Protection of victims & witnesses <2024>");  // escaped on the wire, whole when parsed
  EXPECT_NE(first.link.find("id=feed-news"), std::string::npos) << first.link;
  EXPECT_NE(first.summary.find("victims & witnesses <in court>"), std::string::npos) << first.summary;
  EXPECT_EQ(after.updated, first.updated);
  EXPECT_GT(after.updated, before.updated);
  for (size_t i = 1; i < after.entries.size(); ++i) EXPECT_GE(after.entries[i - 1].updated, after.entries[i].updated);

  // A replace is a change: the entry comes back with a new id and time; a withdrawal leaves the feed.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(send_form("PUT", "/api/v1/documents/feed-news", {{"file", "A NEW LAW, AMENDED\n\nWitness protection, amended.\n", "a.txt", ""}})
                .status,
            200);
  auto changed = feed("/api/v1/feeds/documents");
  EXPECT_EQ(changed.entries.front().link, first.link);
  EXPECT_NE(changed.entries.front().id, first.id);
  EXPECT_GT(changed.entries.front().updated, first.updated);
  ASSERT_EQ(write("DELETE", "/api/v1/documents/feed-news").status, 204);
  auto withdrawn = feed("/api/v1/feeds/documents");
  EXPECT_EQ(withdrawn.entries.size(), before.entries.size());
  EXPECT_EQ(feed("/api/v1/feeds/documents?size=1").entries.size(), 1u);
}

TEST_F(FeedsTest, EvidenceOfAWorkPlanItem) {
  auto items = get("/api/v1/workplan").json()->getArray("items");
  std::string item;
  long long passages = 0;
  for (size_t i = 0; i < items->size(); ++i) {
    auto it = items->getObject(i);
    if (it->getValue<long long>("passages") > passages) {
      passages = it->getValue<long long>("passages");
      item = it->getValue<std::string>("id");
    }
  }
  ASSERT_FALSE(item.empty()) << "some item has evidence";
  auto f = feed("/api/v1/feeds/workplan/" + item);
  EXPECT_NE(f.title.find(item), std::string::npos) << f.title;
  auto evidence = get("/api/v1/workplan/" + item).json()->getArray("evidence");
  ASSERT_EQ(f.entries.size(), std::min<size_t>(evidence->size(), 100));
  // The same passages, in the same order: newest document first.
  for (size_t i = 0; i < f.entries.size(); ++i) {
    auto e = evidence->getObject(i);
    std::string anchor = "id=" + e->getValue<std::string>("id") + "#p-" + std::to_string(e->getObject("passage")->getValue<int>("n"));
    EXPECT_NE(f.entries[i].link.find(anchor), std::string::npos) << f.entries[i].link << " vs " << anchor;
  }
  EXPECT_EQ(get("/api/v1/feeds/workplan/activity:99").status, 404);
  EXPECT_EQ(get("/api/v1/feeds/workplan/" + item + "?colour=red").status, 400);
}

TEST_F(FeedsTest, ASavedSearch) {
  ASSERT_EQ(upload(upload_fields("feed-search", "KELP LAW\n\nThe kelp harvesting law protects divers from forced labour.\n")).status, 201);
  auto f = feed("/api/v1/feeds/search?q=kelp+divers&type=law");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_NE(f.entries[0].link.find("id=feed-search"), std::string::npos);
  EXPECT_NE(f.entries[0].summary.find("kelp"), std::string::npos) << f.entries[0].summary;
  EXPECT_EQ(f.entries[0].summary.find("<mark>"), std::string::npos) << "summaries are plain text";
  EXPECT_NE(f.self.find("q=kelp"), std::string::npos) << f.self;
  EXPECT_TRUE(feed("/api/v1/feeds/search?q=kelp+divers&type=report").entries.empty());
  // The same query is the same feed; another query another one.
  EXPECT_EQ(feed("/api/v1/feeds/search?q=kelp+divers&type=law").id, f.id);
  EXPECT_NE(feed("/api/v1/feeds/search?q=trafficking").id, f.id);
  EXPECT_EQ(get("/api/v1/feeds/search?q=kelp&page=2").status, 400);
  EXPECT_EQ(get("/api/v1/feeds/search?q=kelp&size=500").status, 400);
}

TEST_F(FeedsTest, MarkupInTitlesIsEscaped) {
  // The corpus fixture's title holds markup; the feed stays well-formed and gives it back as text.
  auto r = get("/api/v1/feeds/search?q=trafficking+markup");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<b>"), std::string::npos) << "no raw markup on the wire";
  auto f = parse_atom(r.body);
  bool seen = false;
  for (const auto& e : f.entries) seen = seen || e.title == "Fixture with <b>markup</b> in its title";
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace atip::testing
