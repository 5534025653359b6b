// The archive over real HTTP: add, replace, list versions, fetch an old version, withdraw, restore;
// bad uploads refused with the right status and nothing changed; a folder run leaving API documents
// alone; concurrent uploads and searches.
#include <atomic>
#include <cstdlib>
#include <thread>

#include <fstream>

#include "archive_fixture.h"
#include "atip/metadata.h"
#include "atip/server/search_service.h"

namespace atip::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class ArchiveTest : public ArchiveServerTest {};

const std::string kShelterText =
    "Shelters for victims\n\nThe law on shelters for victims of trafficking in persons requires every province to "
    "open a shelter staffed by trained social workers and guarded by the police.\n";
const std::string kAmendedText =
    "Shelters for victims, as amended\n\nThe amended law replaces provincial shelters by municipal refuges, each "
    "run by an ombudsperson appointed for five years.\n";

TEST_F(ArchiveTest, UploadIsFoundByTheNextSearch) {
  auto before = get("/api/v1/health").json();
  ASSERT_FALSE(found("provincial ombudsperson guarded", "upload-found"));
  auto r = upload(upload_fields("upload-found", kShelterText, "Shelter law of Paraguay"));
  ASSERT_EQ(r.status, 201) << r.body;
  auto o = r.json();
  EXPECT_EQ(o->getValue<std::string>("id"), "upload-found");
  EXPECT_EQ(o->getValue<int>("version"), 1);
  EXPECT_EQ(o->getValue<std::string>("hash").size(), 64u);
  EXPECT_EQ(o->getValue<std::string>("state"), "current");
  EXPECT_EQ(r.header("location"), "/api/v1/documents/upload-found");

  EXPECT_TRUE(found("shelters guarded province", "upload-found"));
  auto after = get("/api/v1/health").json();
  EXPECT_EQ(after->getValue<int>("documents"), before->getValue<int>("documents") + 1);
  EXPECT_GT(after->getValue<int>("revision"), before->getValue<int>("revision"));

  auto doc = get("/api/v1/documents/upload-found");
  ASSERT_EQ(doc.status, 200) << doc.body;
  EXPECT_EQ(doc.json()->getValue<std::string>("title"), "Shelter law of Paraguay");
  EXPECT_EQ(doc.json()->getValue<std::string>("jurisdiction"), "PY");
  auto file = get("/api/v1/documents/upload-found/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kShelterText);
  EXPECT_EQ(file.header("etag"), "\"" + o->getValue<std::string>("hash") + "\"");
  EXPECT_EQ(file.content_type, "text/plain; charset=utf-8");

  // Who, what, when and the hash, in the audit log.
  std::string audit = read_bytes(data_ / "audit.log");
  EXPECT_NE(audit.find("\"by\":\"alice\",\"action\":\"add\",\"id\":\"upload-found\""), std::string::npos) << audit;
  EXPECT_NE(audit.find(o->getValue<std::string>("hash")), std::string::npos);
}

TEST_F(ArchiveTest, ReplaceKeepsEveryVersionAndSearchShowsTheCurrentOne) {
  ASSERT_EQ(upload(upload_fields("amended-law", kShelterText)).status, 201);
  // Only the date changes among the metadata; the rest is kept from version 1.
  auto r = send_form("PUT", "/api/v1/documents/amended-law",
                     {{"file", kAmendedText, "amended.txt", "text/plain"}, {"date", "2025-02-01"}}, kDefaultToken);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<int>("version"), 2);

  auto v = get("/api/v1/documents/amended-law/versions");
  ASSERT_EQ(v.status, 200) << v.body;
  auto versions = v.json();
  EXPECT_EQ(versions->getValue<std::string>("state"), "current");
  EXPECT_EQ(versions->getValue<int>("current"), 2);
  Array::Ptr list = versions->getArray("versions");
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("state"), "superseded");
  EXPECT_EQ(list->getObject(1)->getValue<std::string>("state"), "current");
  EXPECT_NE(list->getObject(0)->getValue<std::string>("hash"), list->getObject(1)->getValue<std::string>("hash"));
  EXPECT_FALSE(list->getObject(0)->getValue<std::string>("date").empty());
  EXPECT_EQ(list->getObject(1)->getValue<std::string>("document_date"), "2025-02-01");

  // Every version's file, with the current file's ETag and Range behaviour.
  auto old_file = get("/api/v1/documents/amended-law/versions/1/file");
  ASSERT_EQ(old_file.status, 200);
  EXPECT_EQ(old_file.body, kShelterText);
  EXPECT_EQ(old_file.header("etag"), "\"" + list->getObject(0)->getValue<std::string>("hash") + "\"");
  auto part = get("/api/v1/documents/amended-law/versions/1/file", {{"Range", "bytes=0-7"}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, "Shelters");
  EXPECT_EQ(part.header("content-range"), "bytes 0-7/" + std::to_string(kShelterText.size()));
  EXPECT_EQ(get("/api/v1/documents/amended-law/versions/1/file", {{"If-None-Match", old_file.header("etag")}}).status, 304);
  EXPECT_EQ(get("/api/v1/documents/amended-law/versions/2/file").body, kAmendedText);
  EXPECT_EQ(get("/api/v1/documents/amended-law/file").body, kAmendedText);
  EXPECT_EQ(get("/api/v1/documents/amended-law/versions/3/file").status, 404);

  // Search shows the current text only.
  EXPECT_TRUE(found("municipal refuges ombudsperson", "amended-law"));
  EXPECT_FALSE(found("guarded social workers", "amended-law"));  // words of version 1 only
  auto doc = get("/api/v1/documents/amended-law").json();
  EXPECT_EQ(doc->getValue<std::string>("date"), "2025-02-01");
  EXPECT_EQ(doc->getValue<std::string>("title"), "Law amended-law");

  std::string audit = read_bytes(data_ / "audit.log");
  EXPECT_NE(audit.find("\"by\":\"default\",\"action\":\"replace\",\"id\":\"amended-law\""), std::string::npos) << audit;
}

// A PUT of the current file and metadata changes nothing, and says so; a real change still makes a version.
TEST_F(ArchiveTest, AnIdenticalReplaceMakesNoNewVersion) {
  ASSERT_EQ(upload(upload_fields("steady-law", kShelterText)).status, 201);
  std::string audit_before = read_bytes(data_ / "audit.log");
  auto same = send_form("PUT", "/api/v1/documents/steady-law", {{"file", kShelterText, "again.txt", "text/plain"}},
                        kDefaultToken);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_FALSE(same.json()->getValue<bool>("changed"));
  EXPECT_EQ(same.json()->getValue<int>("version"), 1);
  auto whole = send_form("PUT", "/api/v1/documents/steady-law", upload_fields("steady-law", kShelterText), kDefaultToken);
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_FALSE(whole.json()->getValue<bool>("changed")) << "the same file with the same metadata fields";
  auto versions = get("/api/v1/documents/steady-law/versions").json();
  EXPECT_EQ(versions->getValue<int>("current"), 1);
  EXPECT_EQ(versions->getArray("versions")->size(), 1u);
  EXPECT_EQ(read_bytes(data_ / "audit.log"), audit_before) << "nothing was written, so nothing is audited";

  auto retitled = send_form("PUT", "/api/v1/documents/steady-law",
                            {{"file", kShelterText, "again.txt", "text/plain"}, {"title", "Steady law, retitled"}}, kDefaultToken);
  ASSERT_EQ(retitled.status, 200) << retitled.body;
  EXPECT_TRUE(retitled.json()->getValue<bool>("changed"));
  EXPECT_EQ(retitled.json()->getValue<int>("version"), 2);
}

// versions=all also searches what earlier versions said; the hit says which version it is from.
TEST_F(ArchiveTest, SearchingAllVersionsFindsWhatAnEarlierVersionSaid) {
  ASSERT_EQ(upload(upload_fields("versioned-law", kShelterText)).status, 201);
  ASSERT_EQ(send_form("PUT", "/api/v1/documents/versioned-law", {{"file", kAmendedText, "amended.txt", "text/plain"}},
                      kDefaultToken).status, 200);
  auto hits_for = [&](const std::string& params) {
    auto r = get("/api/v1/search?group=passage&size=100&" + params);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::pair<std::string, int>> out;  // the document's hits: id, version (0: current)
    auto hits = r.json()->getArray("hits");
    for (size_t i = 0; i < hits->size(); ++i) {
      auto p = hits->getObject(i)->getObject("passage");
      const std::string id = hits->getObject(i)->getValue<std::string>("id");
      if (id == "versioned-law") out.emplace_back(id, p->has("version") ? p->getValue<int>("version") : 0);
    }
    return out;
  };
  using Hits = std::vector<std::pair<std::string, int>>;
  const std::string old_words = "q=guarded+social+workers";  // version 1 only
  EXPECT_EQ(hits_for(old_words), Hits{});
  EXPECT_EQ(hits_for(old_words + "&versions=current"), Hits{});
  const Hits all = hits_for(old_words + "&versions=all");
  ASSERT_FALSE(all.empty());
  for (const auto& h : all) EXPECT_EQ(h, (std::pair<std::string, int>{"versioned-law", 1}));
  // The current words: one current hit per passage, whichever versions are asked for.
  const Hits current = hits_for("q=municipal+refuges+ombudsperson&versions=all");
  ASSERT_FALSE(current.empty());
  for (const auto& h : current) EXPECT_EQ(h.second, 0);
  // Grouped by document: one hit for the document, old and new versions together.
  auto grouped = get("/api/v1/search?q=shelter+OR+refuges&versions=all&size=100").json()->getArray("hits");
  int for_document = 0;
  for (size_t i = 0; i < grouped->size(); ++i) for_document += grouped->getObject(i)->getValue<std::string>("id") == "versioned-law";
  EXPECT_EQ(for_document, 1);
  EXPECT_EQ(get("/api/v1/search?q=x&versions=some").status, 400);

  // Withdrawn: no version is found; restored: every version is again.
  ASSERT_EQ(write("DELETE", "/api/v1/documents/versioned-law", kDefaultToken).status, 204);
  EXPECT_EQ(hits_for(old_words + "&versions=all"), Hits{});
  ASSERT_EQ(write("POST", "/api/v1/documents/versioned-law/restore", kDefaultToken).status, 200);
  EXPECT_EQ(hits_for(old_words + "&versions=all"), all);
}

// Staff confirm or reject the linker's links, or add one it missed: evidence, filters and facets
// follow at once, the verdict is kept through re-indexing, and it is in the audit log.
TEST_F(ArchiveTest, LinkReviewsChangeTheEvidenceAndOutliveReindexing) {
  const std::string doc = "activities-2004-2007";
  auto record = get("/api/v1/documents/" + doc).json();
  auto details = record->getArray("link_details");
  ASSERT_GT(details->size(), 0u);
  const std::string item = details->getObject(0)->getValue<std::string>("item");
  const int n = details->getObject(0)->getValue<int>("passage");
  const std::string passage_url = "/api/v1/documents/" + doc + "/passages/" + std::to_string(n);
  auto evidence_has = [&](const std::string& of) {
    auto ev = get("/api/v1/workplan/" + of).json()->getArray("evidence");
    for (size_t i = 0; i < ev->size(); ++i) {
      auto e = ev->getObject(i);
      if (e->getValue<std::string>("id") == doc && e->getObject("passage")->getValue<int>("n") == n) return true;
    }
    return false;
  };
  auto review = [&](const std::string& of, const std::string& status, const std::string& token = kAliceToken) {
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return http_request(port_, "PUT", passage_url + "/links/" + of, headers, "{\"status\":\"" + status + "\"}");
  };
  auto status_of = [&](const std::string& of) -> std::string {
    auto links = get(passage_url).json()->getArray("links");
    for (size_t i = 0; i < links->size(); ++i) {
      if (links->getObject(i)->getValue<std::string>("item") == of) {
        return links->getObject(i)->getValue<std::string>("method") + "/" + links->getObject(i)->getValue<std::string>("status");
      }
    }
    return "";
  };
  ASSERT_TRUE(evidence_has(item));

  // Rejected: shown as such, no longer evidence, filter or document link.
  auto rejected = review(item, "rejected");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_NE(status_of(item).find("/rejected"), std::string::npos) << status_of(item);
  EXPECT_FALSE(evidence_has(item));
  auto links = get("/api/v1/documents/" + doc).json()->getObject("links");
  if (links->has(item)) {
    auto passages = links->getArray(item);
    for (size_t i = 0; i < passages->size(); ++i) EXPECT_NE(passages->getElement<int>(i), n);
  }

  // Added by a person: a link the linker did not make.
  std::string missing;
  for (const std::string candidate : {"mandate:9", "mandate:8", "activity:52", "activity:1"}) {
    if (status_of(candidate).empty()) {
      missing = candidate;
      break;
    }
  }
  ASSERT_FALSE(missing.empty());
  ASSERT_EQ(review(missing, "confirmed").status, 200);
  EXPECT_EQ(status_of(missing), "manual/confirmed");
  EXPECT_TRUE(evidence_has(missing));

  // Undone: the linker's own verdict again.
  ASSERT_EQ(review(item, "auto").status, 200);
  EXPECT_NE(status_of(item).find("/auto"), std::string::npos) << status_of(item);
  EXPECT_TRUE(evidence_has(item));

  // A folder run that indexes the document again keeps the people's verdicts.
  ASSERT_EQ(review(item, "rejected").status, 200);
  { std::ofstream(corpus_ / (doc + ".html"), std::ios::app) << "\n<!-- edited -->\n"; }
  IndexOptions options;
  options.corpus = corpus_;
  options.db = db_;
  IndexReport report = run_index(options);
  ASSERT_TRUE(report.fatal.empty()) << report.fatal;
  ASSERT_EQ(report.indexed, 1);
  EXPECT_NE(status_of(item).find("/rejected"), std::string::npos) << status_of(item);
  EXPECT_EQ(status_of(missing), "manual/confirmed");
  EXPECT_FALSE(evidence_has(item));

  // Refused, and nothing changed.
  EXPECT_EQ(review(item, "confirmed", "").status, 401);
  EXPECT_EQ(review(item, "maybe").status, 400);
  EXPECT_EQ(review("activity:99", "confirmed").status, 404);
  EXPECT_EQ(http_request(port_, "PUT", "/api/v1/documents/" + doc + "/passages/9999/links/" + item,
                         {{"Authorization", "Bearer " + kAliceToken}}, "{\"status\":\"confirmed\"}").status, 404);
  EXPECT_NE(status_of(item).find("/rejected"), std::string::npos);
  std::string audit = read_bytes(data_ / "audit.log");
  EXPECT_NE(audit.find("\"action\":\"review\",\"id\":\"" + doc + "\""), std::string::npos) << audit;
}

// atip-index and the API write the same way: the same file and metadata give the same document,
// whether uploaded or imported from a folder with a sidecar.
TEST_F(ArchiveTest, AnUploadAndAFolderImportGiveTheSameDocument) {
  namespace fs = std::filesystem;
  const std::string text = read_bytes(source_dir() / "tests" / "data" / "shelters.txt");
  ASSERT_EQ(upload(upload_fields("same-either-way", text, "Model provisions on shelters", "model-law", "2011-05-01", "PY",
                                 "en")).status, 201);
  const fs::path folder = root_ / "folder-import";
  fs::create_directories(folder);
  { std::ofstream(folder / "same-either-way.txt") << text; }
  {
    std::ofstream(folder / "same-either-way.meta.xml")
        << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:atip:document\" version=\"1\">\n"
           "  <id>same-either-way</id>\n  <title>Model provisions on shelters</title>\n  <type>model-law</type>\n"
           "  <date>2011-05-01</date>\n  <jurisdiction>PY</jurisdiction>\n  <language>en</language>\n</document>\n";
  }
  IndexOptions options;
  options.corpus = folder;
  options.db = root_ / "folder-import-index";
  options.reference = corpus_;
  IndexReport report = run_index(options);
  ASSERT_TRUE(report.fatal.empty()) << report.fatal;
  ASSERT_EQ(report.indexed, 1);
  SearchService imported(SearchServiceOptions{options.db.string(), 1.0, 1000});
  auto folder_doc = imported.document("same-either-way");
  ASSERT_TRUE(folder_doc.ok()) << folder_doc.error().message;

  auto api_doc = get("/api/v1/documents/same-either-way").json();
  EXPECT_EQ(api_doc->getValue<std::string>("title"), folder_doc->summary.title);
  EXPECT_EQ(api_doc->getValue<std::string>("type"), folder_doc->summary.type);
  EXPECT_EQ(api_doc->getValue<std::string>("language"), folder_doc->summary.language);
  Array::Ptr passages = api_doc->getArray("passages");
  ASSERT_EQ(passages->size(), folder_doc->passages.size());
  for (size_t i = 0; i < passages->size(); ++i) {
    auto p = passages->getObject(i);
    const auto& q = folder_doc->passages[i];
    EXPECT_EQ(p->getValue<int>("n"), q.n);
    EXPECT_EQ(p->getValue<std::string>("heading"), q.heading);
    std::vector<std::string> links;
    for (size_t k = 0; k < p->getArray("links")->size(); ++k) links.push_back(p->getArray("links")->getElement<std::string>(k));
    EXPECT_EQ(links, q.links) << "passage " << q.n;
    auto api_text = get("/api/v1/documents/same-either-way/passages/" + std::to_string(q.n)).json();
    auto folder_text = imported.passage("same-either-way", q.n);
    ASSERT_TRUE(folder_text.ok());
    EXPECT_EQ(api_text->getValue<std::string>("text"), folder_text->text);
  }
  Array::Ptr details = api_doc->getArray("link_details");
  ASSERT_EQ(details->size(), folder_doc->link_details.size());
  for (size_t i = 0; i < details->size(); ++i) {
    EXPECT_EQ(details->getObject(i)->getValue<std::string>("item"), folder_doc->link_details[i].item);
    EXPECT_EQ(details->getObject(i)->getValue<std::string>("method"), folder_doc->link_details[i].method);
  }
}

TEST_F(ArchiveTest, WithdrawKeepsFileAndHistoryAndRestoreBringsItBack) {
  ASSERT_EQ(upload(upload_fields("withdrawn-law", kShelterText)).status, 201);
  ASSERT_TRUE(found("shelters guarded province", "withdrawn-law"));
  auto documents = get("/api/v1/health").json()->getValue<int>("documents");

  auto del = write("DELETE", "/api/v1/documents/withdrawn-law");
  ASSERT_EQ(del.status, 204) << del.body;
  EXPECT_FALSE(found("shelters guarded province", "withdrawn-law"));
  EXPECT_EQ(get("/api/v1/health").json()->getValue<int>("documents"), documents - 1);
  auto gone = get("/api/v1/documents/withdrawn-law");
  EXPECT_EQ(gone.status, 404);
  EXPECT_NE(gone.body.find("withdrawn"), std::string::npos) << gone.body;
  auto v = get("/api/v1/documents/withdrawn-law/versions");
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(v.json()->getValue<std::string>("state"), "withdrawn");
  EXPECT_EQ(v.json()->getArray("versions")->getObject(0)->getValue<std::string>("state"), "withdrawn");
  EXPECT_EQ(get("/api/v1/documents/withdrawn-law/versions/1/file").body, kShelterText);
  // A second withdrawal changes nothing; a replace of a withdrawn document must restore it first.
  EXPECT_EQ(write("DELETE", "/api/v1/documents/withdrawn-law").status, 204);
  auto put = send_form("PUT", "/api/v1/documents/withdrawn-law", {{"file", kAmendedText, "x.txt", ""}});
  EXPECT_EQ(put.status, 409) << put.body;
  EXPECT_EQ(error_code(put), "failed_precondition");
  auto dup = upload(upload_fields("withdrawn-law", kAmendedText));
  EXPECT_EQ(dup.status, 409);
  EXPECT_NE(dup.body.find("restore"), std::string::npos) << dup.body;

  auto restored = write("POST", "/api/v1/documents/withdrawn-law/restore");
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(restored.json()->getValue<std::string>("state"), "current");
  EXPECT_TRUE(found("shelters guarded province", "withdrawn-law"));
  EXPECT_EQ(get("/api/v1/documents/withdrawn-law").status, 200);
  EXPECT_EQ(get("/api/v1/health").json()->getValue<int>("documents"), documents);
  auto history = get("/api/v1/documents/withdrawn-law/versions").json()->getArray("history");
  std::vector<std::string> actions;
  for (size_t i = 0; i < history->size(); ++i) actions.push_back(history->getObject(i)->getValue<std::string>("action"));
  EXPECT_EQ(actions, (std::vector<std::string>{"add", "withdraw", "restore"}));
}

TEST_F(ArchiveTest, SidecarMetadataAndAPdfByContent) {
  std::string pdf = read_bytes(source_dir() / "corpus" / "gs-report-2012-2013.pdf");
  ASSERT_GT(pdf.size(), 1000u);
  std::string sidecar =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:atip:document\" version=\"1\">\n"
      "  <id>report-copy</id>\n  <title>A copy of the 2012-2013 report</title>\n  <type>report</type>\n"
      "  <symbol>CP/CSH-9903/14</symbol>\n  <date>2014-02-03</date>\n  <years from=\"2012\" to=\"2014\"/>\n"
      "  <jurisdiction>INT</jurisdiction>\n  <language>en</language>\n</document>\n";
  // The declared name and type lie; the content decides.
  auto r = upload({{"file", pdf, "report.txt", "text/plain"}, {"metadata", sidecar, "report.meta.xml", "application/xml"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("content_type"), "application/pdf");
  auto doc = get("/api/v1/documents/report-copy").json();
  EXPECT_EQ(doc->getValue<std::string>("symbol"), "CP/CSH-9903/14");
  EXPECT_GT(doc->getValue<int>("pages"), 0);
  EXPECT_EQ(doc->getArray("years")->size(), 3u);
  EXPECT_GT(doc->getArray("passages")->size(), 5u);
  auto file = get("/api/v1/documents/report-copy/file");
  EXPECT_EQ(file.content_type, "application/pdf");
  EXPECT_EQ(file.body, pdf);
}

// A report cites "Conclusion No. 3 of the Third Meeting of National Authorities"; once the
// conclusions of that meeting are in the archive (by their RTP-III symbol), the citation resolves
// both ways.
TEST_F(ArchiveTest, AConclusionOfAMeetingCitesThatMeetingsConclusions) {
  std::string pdf = read_bytes(source_dir() / "corpus" / "gs-report-2012-2014.pdf");
  ASSERT_GT(pdf.size(), 1000u);
  auto report = upload({{"file", pdf, "report.pdf", "application/pdf"},
                        {"id", "citing-report"}, {"title", "Report citing the Third Meeting"}, {"type", "report"},
                        {"date", "2014-03-01"}, {"jurisdiction", "INT"}, {"language", "en"}});
  ASSERT_EQ(report.status, 201) << report.body;
  auto unresolved = get("/api/v1/documents/citing-report").json()->getArray("cites");
  bool named = false;
  for (size_t i = 0; i < unresolved->size(); ++i) {
    auto c = unresolved->getObject(i);
    const std::string symbol = c->getValue<std::string>("symbol");  // the first way the text names them
    if (symbol.rfind("Conclusion", 0) == 0 && symbol.find("of the Third Meeting of National Authorities") != std::string::npos) {
      named = true;
      EXPECT_TRUE(c->isNull("id"));
    }
  }
  EXPECT_TRUE(named);

  std::string sidecar =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:atip:document\" version=\"1\">\n"
      "  <id>rtp-iii-conclusions</id>\n"
      "  <title>Conclusions and Recommendations of the Third Meeting of National Authorities</title>\n"
      "  <type>conclusions</type>\n  <symbol>OEA/Ser.K/XXXIX.3 RTP-III/doc.7/12</symbol>\n"
      "  <date>2012-10-17</date>\n  <jurisdiction>INT</jurisdiction>\n  <language>en</language>\n</document>\n";
  auto conclusions = upload({{"file", "3. Recognize the valuable contributions of international and regional "
                                      "organizations and of civil society in preventing and combating this crime.\n",
                              "conclusions.txt", "text/plain"},
                             {"metadata", sidecar, "conclusions.meta.xml", "application/xml"}});
  ASSERT_EQ(conclusions.status, 201) << conclusions.body;

  auto cites = get("/api/v1/documents/citing-report").json()->getArray("cites");
  bool resolved = false;
  for (size_t i = 0; i < cites->size(); ++i) {
    auto c = cites->getObject(i);
    resolved |= !c->isNull("id") && c->getValue<std::string>("id") == "rtp-iii-conclusions";
  }
  EXPECT_TRUE(resolved) << get("/api/v1/documents/citing-report").body.substr(0, 1500);
  auto cited_by = get("/api/v1/documents/rtp-iii-conclusions").json()->getArray("cited_by");
  std::set<std::string> citing;
  for (size_t i = 0; i < cited_by->size(); ++i) citing.insert(cited_by->getElement<std::string>(i));
  EXPECT_TRUE(citing.count("citing-report"));
  // The activities of 2004-2007 name the conclusions of other meetings, not the Third's.
  EXPECT_FALSE(citing.count("activities-2004-2007"));
  // Its symbol finds it, and so does the meeting's.
  for (const char* q : {"symbol%3A%22RTP-III%2Fdoc.7%2F12%22", "symbol%3A%22RTP-III%2Fconclusions%22"}) {
    auto hits = get(std::string("/api/v1/search?group=document&q=") + q).json()->getArray("hits");
    ASSERT_EQ(hits->size(), 1u) << q;
    EXPECT_EQ(hits->getObject(0)->getValue<std::string>("id"), "rtp-iii-conclusions");
  }
}

TEST_F(ArchiveTest, BadUploadsAreRefusedAndChangeNothing) {
  ASSERT_EQ(upload(upload_fields("existing-law", kShelterText)).status, 201);
  const std::string health_before = health();
  const auto files_before = data_files();
  const std::string versions_before = get("/api/v1/documents/existing-law/versions").body;

  auto fields_with = [](const std::string& name, const std::string& value) {
    auto f = upload_fields("bad-upload", kShelterText);
    for (auto& field : f) {
      if (field.name == name) field.value = value;
    }
    return f;
  };
  auto fields_without = [](const std::string& name) {
    auto f = upload_fields("bad-upload", kShelterText);
    std::erase_if(f, [&](const FormField& field) { return field.name == name; });
    return f;
  };
  struct Case {
    std::string what;
    HttpResult result;
    int status;
    std::string code;
  };
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0');
  std::string zip = std::string("PK\x03\x04", 4) + std::string(64, 'x');
  std::string big(210 * 1024, 'a');
  std::vector<Case> cases;
  cases.push_back({"an image", upload(fields_with("file", png)), 415, "unsupported"});
  cases.push_back({"a ZIP", upload(fields_with("file", zip)), 415, "unsupported"});
  cases.push_back({"an oversize file", upload(fields_with("file", big)), 413, "too_large"});
  cases.push_back({"an empty file", upload(fields_with("file", "")), 400, "invalid_argument"});
  cases.push_back({"no file", upload(fields_without("file")), 400, "invalid_argument"});
  cases.push_back({"a type not in the schema", upload(fields_with("type", "memo")), 400, "invalid_argument"});
  cases.push_back({"a language not in the schema", upload(fields_with("language", "de")), 400, "invalid_argument"});
  cases.push_back({"a bad date", upload(fields_with("date", "05/01/2024")), 400, "invalid_argument"});
  cases.push_back({"a bad jurisdiction", upload(fields_with("jurisdiction", "Paraguay")), 400, "invalid_argument"});
  cases.push_back({"a bad id", upload(fields_with("id", "Bad_Id")), 400, "invalid_argument"});
  cases.push_back({"no title", upload(fields_without("title")), 400, "invalid_argument"});
  cases.push_back({"no id", upload(fields_without("id")), 400, "invalid_argument"});
  cases.push_back({"an unknown field", upload([&] { auto f = upload_fields("bad-upload", kShelterText); f.push_back({"colour", "red"}); return f; }()),
                   400, "invalid_argument"});
  cases.push_back({"a sidecar that is not XML", upload({{"file", kShelterText, "a.txt", ""}, {"metadata", "<document><id>x"}}), 400,
                   "invalid_argument"});
  cases.push_back({"a sidecar without the namespace",
                   upload({{"file", kShelterText, "a.txt", ""},
                           {"metadata", "<document version=\"1\"><id>bad-upload</id><title>t</title><type>law</type>"
                                        "<date>2024</date><jurisdiction>PY</jurisdiction><language>en</language></document>"}}),
                   400, "invalid_argument"});
  cases.push_back({"a sidecar with an unknown element",
                   upload({{"file", kShelterText, "a.txt", ""},
                           {"metadata", "<document xmlns=\"urn:atip:document\" version=\"1\"><id>bad-upload</id><title>t</title>"
                                        "<type>law</type><date>2024</date><jurisdiction>PY</jurisdiction><language>en</language>"
                                        "<author>me</author></document>"}}),
                   400, "invalid_argument"});
  cases.push_back({"a duplicate of an archived id", upload(upload_fields("existing-law", kAmendedText)), 409, "already_exists"});
  cases.push_back({"a duplicate of a corpus id", upload(upload_fields("activities-2004-2007", kAmendedText)), 409,
                   "already_exists"});
  cases.push_back({"no token", upload(upload_fields("bad-upload", kShelterText), ""), 401, "unauthenticated"});
  cases.push_back({"a wrong token", upload(upload_fields("bad-upload", kShelterText), "not-the-token"), 401, "unauthenticated"});
  cases.push_back({"not a form", http_request(port_, "POST", "/api/v1/documents",
                                              {{"Authorization", "Bearer " + kAliceToken}, {"Content-Type", "application/pdf"}},
                                              "%PDF-1.4 nothing"),
                   415, "unsupported"});
  cases.push_back({"a PDF that is not one", upload(fields_with("file", "%PDF-1.7\nthis is no PDF at all\n")), 400,
                   "invalid_argument"});
  cases.push_back({"a replace of an unknown id",
                   send_form("PUT", "/api/v1/documents/no-such-law", {{"file", kAmendedText, "a.txt", ""}}), 404, "not_found"});
  cases.push_back({"a replace of a corpus document",
                   send_form("PUT", "/api/v1/documents/activities-2004-2007", {{"file", kAmendedText, "a.txt", ""}}), 409,
                   "failed_precondition"});
  cases.push_back({"a replace with another id",
                   send_form("PUT", "/api/v1/documents/existing-law", {{"file", kAmendedText, "a.txt", ""}, {"id", "other-law"}}),
                   400, "invalid_argument"});
  cases.push_back({"a replace with a bad type",
                   send_form("PUT", "/api/v1/documents/existing-law", {{"file", kAmendedText, "a.txt", ""}, {"type", "memo"}}),
                   400, "invalid_argument"});
  cases.push_back({"a replace without a token",
                   send_form("PUT", "/api/v1/documents/existing-law", {{"file", kAmendedText, "a.txt", ""}}, ""), 401,
                   "unauthenticated"});
  cases.push_back({"a withdrawal with a wrong token", write("DELETE", "/api/v1/documents/existing-law", "nope"), 401,
                   "unauthenticated"});
  cases.push_back({"a withdrawal of an unknown id", write("DELETE", "/api/v1/documents/no-such-law"), 404, "not_found"});
  cases.push_back({"a withdrawal of a corpus document", write("DELETE", "/api/v1/documents/activities-2004-2007"), 409,
                   "failed_precondition"});
  cases.push_back({"a restore without a token", write("POST", "/api/v1/documents/existing-law/restore", ""), 401,
                   "unauthenticated"});
  for (const auto& c : cases) {
    EXPECT_EQ(c.result.status, c.status) << c.what << ": " << c.result.body;
    EXPECT_EQ(error_code(c.result), c.code) << c.what;
    EXPECT_EQ(c.result.content_type, "application/json; charset=utf-8") << c.what;
    if (c.result.status == 400) {
      EXPECT_GT(c.result.json()->getObject("error")->getValue<std::string>("message").size(), 10u) << c.what;
    }
  }
  // Each problem of the metadata is named.
  auto many = upload([&] {
    auto f = fields_with("type", "memo");
    for (auto& field : f) {
      if (field.name == "language") field.value = "de";
    }
    return f;
  }());
  EXPECT_NE(many.body.find("memo"), std::string::npos) << many.body;
  EXPECT_NE(many.body.find("'de'"), std::string::npos) << many.body;

  EXPECT_EQ(health(), health_before);
  EXPECT_EQ(data_files(), files_before);
  EXPECT_EQ(get("/api/v1/documents/existing-law/versions").body, versions_before);
  EXPECT_EQ(get("/api/v1/documents/bad-upload").status, 404);
  EXPECT_EQ(get("/api/v1/documents/bad-upload/versions").status, 404);
  EXPECT_EQ(get("/api/v1/documents/activities-2004-2007").status, 200);
}

TEST_F(ArchiveTest, AFolderRunLeavesArchivedDocumentsAlone) {
  ASSERT_EQ(upload(upload_fields("kept-by-archive", kShelterText)).status, 201);
  ASSERT_EQ(write("DELETE", "/api/v1/documents/kept-by-archive").status, 204);
  ASSERT_EQ(upload(upload_fields("also-archived", kAmendedText)).status, 201);
  // A corpus file with an archived id does not replace the archived document.
  {
    std::ofstream clash(corpus_ / "also-archived.txt");
    clash << "A CLASH\n\nThis corpus file about lighthouse keepers has the id of an archived document.\n";
  }
  IndexOptions options;
  options.corpus = corpus_;
  options.db = db_;
  IndexReport report = run_index(options);
  std::filesystem::remove(corpus_ / "also-archived.txt");
  ASSERT_TRUE(report.fatal.empty()) << report.fatal;
  EXPECT_EQ(report.removed, 0);
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_NE(report.skipped[0].reason.find("archive"), std::string::npos);
  EXPECT_TRUE(found("municipal refuges ombudsperson", "also-archived"));
  EXPECT_FALSE(found("lighthouse keepers", "also-archived"));
  EXPECT_FALSE(found("shelters guarded province", "kept-by-archive"));
  // Still withdrawn, still restorable.
  ASSERT_EQ(write("POST", "/api/v1/documents/kept-by-archive/restore").status, 200);
  EXPECT_TRUE(found("shelters guarded province", "kept-by-archive"));
}

TEST_F(ArchiveTest, ConcurrentUploadsAndSearches) {
  const int writers = 3, per_writer = 3;
  std::atomic<bool> stop{false};
  std::atomic<int> searches{0}, search_failures{0}, upload_failures{0};
  std::vector<std::thread> threads;
  for (int s = 0; s < 3; ++s) {
    threads.emplace_back([&] {
      while (!stop) {
        try {
          if (get("/api/v1/search?q=shelters+trafficking&group=passage").status != 200) search_failures++;
        } catch (...) {
          search_failures++;
        }
        searches++;
      }
    });
  }
  std::vector<std::thread> uploaders;
  for (int w = 0; w < writers; ++w) {
    uploaders.emplace_back([&, w] {
      for (int i = 0; i < per_writer; ++i) {
        std::string id = "concurrent-" + std::to_string(w) + "-" + std::to_string(i);
        std::string text = "Concurrent upload\n\nDocument " + id + " on shelters for victims and the zebrafish" +
                           std::to_string(w) + "x" + std::to_string(i) + " registry.\n";
        try {
          auto r = upload(upload_fields(id, text), w % 2 ? kAliceToken : kDefaultToken);
          if (r.status != 201) {
            ADD_FAILURE() << id << ": " << r.status << " " << r.body;
            upload_failures++;
          }
        } catch (const std::exception& e) {
          ADD_FAILURE() << id << ": " << e.what();
          upload_failures++;
        }
      }
    });
  }
  for (auto& t : uploaders) t.join();
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(upload_failures.load(), 0);
  EXPECT_EQ(search_failures.load(), 0);
  EXPECT_GT(searches.load(), 5);
  for (int w = 0; w < writers; ++w) {
    for (int i = 0; i < per_writer; ++i) {
      std::string id = "concurrent-" + std::to_string(w) + "-" + std::to_string(i);
      EXPECT_TRUE(found("zebrafish" + std::to_string(w) + "x" + std::to_string(i), id)) << id;
      EXPECT_EQ(get("/api/v1/documents/" + id + "/versions").status, 200) << id;
    }
  }
}

TEST_F(ArchiveTest, WritesWithoutADataFolderAnswer503AndReadsStillWork) {
  ServerConfig config = archive_config();
  config.data_dir.clear();
  HttpServer plain(config);
  auto port = plain.start();
  ASSERT_TRUE(port.ok()) << port.error().message;
  Form form = multipart(upload_fields("no-archive", kShelterText));
  auto refused = http_request(port.value(), "POST", "/api/v1/documents",
                              {{"Content-Type", form.content_type}, {"Authorization", "Bearer " + kAliceToken}}, form.body);
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(error_code(refused), "unavailable");
  EXPECT_NE(refused.body.find("--data"), std::string::npos) << refused.body;
  auto unauthenticated = http_request(port.value(), "POST", "/api/v1/documents", {{"Content-Type", form.content_type}}, form.body);
  EXPECT_EQ(unauthenticated.status, 401);
  EXPECT_EQ(http_request(port.value(), "GET", "/api/v1/health").status, 200);
  EXPECT_EQ(http_request(port.value(), "GET", "/api/v1/documents/activities-2004-2007/versions").status, 404);
}

TEST_F(ArchiveTest, TokensHaveNames) {
  EXPECT_EQ(parse_api_token("alice:s3cret").value().name, "alice");
  EXPECT_EQ(parse_api_token("alice:s3cret").value().secret, "s3cret");
  EXPECT_EQ(parse_api_token("0123abcd").value().name, "default");
  EXPECT_EQ(parse_api_token("0123abcd").value().secret, "0123abcd");
  EXPECT_EQ(parse_api_token("a b:c").value().name, "default");  // not a name: the whole is the secret
  EXPECT_FALSE(parse_api_token("alice:").ok());
  EXPECT_FALSE(parse_api_token("").ok());
}

// The upload's metadata rules and schemas/document.xsd agree: on the shipped sidecars, and (when
// xmllint is installed) on a table of good and bad ones checked by both.
TEST(MetadataRulesTest, SameVerdictsAsTheSchema) {
  namespace fs = std::filesystem;
  for (const fs::path& folder : {source_dir() / "corpus", source_dir() / "tests" / "data" / "integration"}) {
    for (const auto& e : fs::directory_iterator(folder)) {
      std::string name = e.path().filename().string();
      if (!name.ends_with(".meta.xml")) continue;
      auto m = parse_sidecar_strict(read_bytes(e.path()));
      ASSERT_TRUE(m.ok()) << name << ": " << m.error().message;
      EXPECT_EQ(m.value().id + ".meta.xml", name);
    }
  }
  auto doc = [](const std::string& inner, const std::string& attributes = "xmlns=\"urn:atip:document\" version=\"1\"") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document " + attributes + ">" + inner + "</document>\n";
  };
  const std::string tail = "<date>2024-05-01</date><jurisdiction>PY</jurisdiction><language>es</language>";
  const std::string head = "<id>py-ley-4788</id><title>Ley 4788</title><type>law</type>";
  const std::vector<std::pair<std::string, bool>> cases = {
      {doc(head + tail), true},
      {doc(head + "<symbol>Ley 4788/12</symbol><symbol>4788</symbol>" + "<date>2012</date><years from=\"2012\" to=\"2014\"/>"
           "<jurisdiction>INT</jurisdiction><language>en</language><source>Gaceta</source><note>n</note>"), true},
      {doc(head + tail, "version=\"1\""), false},
      {doc(head + tail, "xmlns=\"urn:atip:document\""), false},
      {doc(head + tail, "xmlns=\"urn:atip:document\" version=\"2\""), false},
      {doc("<id>Py-Ley</id><title>Ley</title><type>law</type>" + tail), false},
      {doc("<id>-py</id><title>Ley</title><type>law</type>" + tail), false},
      {doc("<id>py-ley</id><title> </title><type>law</type>" + tail), false},
      {doc("<id>py-ley</id><title>Ley</title><type>decree</type>" + tail), false},
      {doc(head + "<date>2024-13-01</date><jurisdiction>PY</jurisdiction><language>es</language>"), false},
      {doc(head + "<date>01/05/2024</date><jurisdiction>PY</jurisdiction><language>es</language>"), false},
      {doc(head + "<date>2024</date><jurisdiction>py</jurisdiction><language>es</language>"), false},
      {doc(head + "<date>2024</date><jurisdiction>PRY</jurisdiction><language>es</language>"), false},
      {doc(head + "<date>2024</date><jurisdiction>PY</jurisdiction><language>de</language>"), false},
      {doc(head + "<date>2024</date><jurisdiction>PY</jurisdiction>"), false},
      {doc("<id>py-ley</id><type>law</type>" + tail), false},
      {doc(head + "<symbol></symbol>" + tail), false},
      {doc(head + "<date>2024</date><years from=\"12\" to=\"2014\"/><jurisdiction>PY</jurisdiction><language>es</language>"), false},
      {doc(head + tail + "<author>x</author>"), false},
      {doc(head + tail + "<source></source>"), false},
  };
  const bool have_xmllint = std::system("command -v xmllint >/dev/null 2>&1") == 0;
  fs::path dir = make_temp_dir("sidecars");
  int n = 0;
  for (const auto& [xml, valid] : cases) {
    auto ours = parse_sidecar_strict(xml);
    EXPECT_EQ(ours.ok(), valid) << xml << (ours.ok() ? "" : "\n" + ours.error().message);
    if (!have_xmllint) continue;
    fs::path file = dir / ("case-" + std::to_string(n++) + ".xml");
    std::ofstream(file) << xml;
    std::string command = "xmllint --noout --schema '" + (source_dir() / "schemas" / "document.xsd").string() + "' '" +
                          file.string() + "' >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()) == 0, valid) << "xmllint disagrees: " << xml;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace atip::testing
