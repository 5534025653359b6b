// Crashes in the middle of a write, against the real atip-server binary: ATIP_CRASH_AT makes the
// process end between storing and committing ("after-store") or between committing and finishing
// ("after-commit"). After a restart the store and the index agree: the write happened wholly or
// not at all, with no pending change and no stray original left.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <Poco/JSON/Parser.h>

#include <chrono>
#include <set>
#include <thread>

#include "archive_fixture.h"
#include "server_process.h"
#include "atip/document_indexer.h"

namespace atip::testing {
namespace {

namespace fs = std::filesystem;

class ArchiveCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = make_temp_dir("crash");
    corpus_ = make_small_corpus(root_);
    db_ = root_ / "index";
    data_ = root_ / "data";
    log_ = root_ / "server.log";
    IndexOptions options;
    options.corpus = corpus_;
    options.db = db_;
    IndexReport report = run_index(options);
    ASSERT_TRUE(report.fatal.empty()) << report.fatal;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  std::unique_ptr<ServerProcess> start(const std::string& crash_at = "") {
    return std::make_unique<ServerProcess>(db_, data_, log_, crash_at);
  }

  static HttpResult send(int port, const std::string& method, const std::string& uri, const std::vector<FormField>& fields) {
    Form form = multipart(fields);
    return http_request(port, method, uri, {{"Content-Type", form.content_type}, {"Authorization", "Bearer " + kAliceToken}},
                        form.body);
  }

  // A write the server dies in the middle of: the client gets no answer, the process ends with 86.
  void crash_during(const std::string& crash_at, const std::string& method, const std::string& uri,
                    const std::vector<FormField>& fields) {
    auto server = start(crash_at);
    bool answered = false;
    try {
      auto r = fields.empty() ? http_request(server->port(), method, uri, {{"Authorization", "Bearer " + kAliceToken}})
                              : send(server->port(), method, uri, fields);
      answered = true;
      ADD_FAILURE() << "the server answered " << r.status << " " << r.body;
    } catch (const Poco::Exception&) {
    }
    EXPECT_FALSE(answered);
    EXPECT_EQ(server->wait(), 86) << read_bytes(log_);
  }

  static std::vector<std::string> search_ids(int port, const std::string& q) {
    auto r = http_request(port, "GET", "/api/v1/search?size=100&q=" + q);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> ids;
    auto hits = r.json()->getArray("hits");
    for (size_t i = 0; i < hits->size(); ++i) ids.push_back(hits->getObject(i)->getValue<std::string>("id"));
    return ids;
  }

  // The store and the index agree: no change is pending, every original is referred to by a change
  // and every change's original is there, and each document's index marker names its last change.
  void expect_store_and_index_agree() {
    std::set<std::string> referenced;
    Xapian::Database db(db_.string());
    for (const auto& dir : fs::directory_iterator(data_ / "documents")) {
      const std::string id = dir.path().filename().string();
      long long last = 0;
      int version = 0;
      std::string hash;
      bool withdrawn = false;
      for (const auto& file : fs::directory_iterator(dir.path())) {
        Poco::JSON::Parser parser;
        auto change = parser.parse(read_bytes(file.path())).extract<Poco::JSON::Object::Ptr>();
        EXPECT_EQ(change->getValue<std::string>("state"), "final") << file.path();
        std::string kind = change->getValue<std::string>("kind");
        if (kind == "add" || kind == "replace") {
          referenced.insert(change->getValue<std::string>("hash") + "." + change->getValue<std::string>("ext"));
        }
        if (change->getValue<long long>("seq") > last) {
          last = change->getValue<long long>("seq");
          version = change->getValue<int>("version");
          hash = change->getValue<std::string>("hash");
          withdrawn = kind == "withdraw";
        }
      }
      auto marker = ArchiveMarker::parse(db.get_metadata("archive:" + id));
      ASSERT_TRUE(marker.has_value()) << id << " has no marker in the index";
      EXPECT_EQ(marker->change, last) << id;
      EXPECT_EQ(marker->version, version) << id;
      EXPECT_EQ(marker->hash, hash) << id;
      EXPECT_EQ(marker->withdrawn, withdrawn) << id;
      EXPECT_EQ(db.get_metadata("doc:" + id).empty(), withdrawn) << id;
    }
    std::set<std::string> stored;
    for (const auto& e : fs::recursive_directory_iterator(data_ / "objects")) {
      if (e.is_regular_file()) stored.insert(e.path().filename().string());
    }
    EXPECT_EQ(stored, referenced);
  }

  fs::path root_, corpus_, db_, data_, log_;
};

const std::string kFirst = "THE FIRST TEXT\n\nA decree on albatross observers aboard fishing vessels.\n";
const std::string kSecond = "THE SECOND TEXT\n\nA decree on cormorant observers aboard fishing vessels.\n";
const std::string kThird = "THE THIRD TEXT\n\nA decree on pelican observers aboard fishing vessels.\n";

TEST_F(ArchiveCrashTest, AnAddInterruptedBeforeTheCommitIsDropped) {
  std::string health_before;
  {
    auto server = start();
    health_before = http_request(server->port(), "GET", "/api/v1/health").body;
  }
  crash_during("after-store", "POST", "/api/v1/documents", upload_fields("crash-add", kFirst));
  // The crash left the original and a pending change behind.
  EXPECT_FALSE(fs::is_empty(data_ / "objects"));
  EXPECT_TRUE(fs::exists(data_ / "documents" / "crash-add"));

  auto server = start();
  int port = server->port();
  EXPECT_NE(read_bytes(log_).find("dropped the add of 'crash-add'"), std::string::npos) << read_bytes(log_);
  EXPECT_EQ(http_request(port, "GET", "/api/v1/documents/crash-add").status, 404);
  EXPECT_EQ(http_request(port, "GET", "/api/v1/documents/crash-add/versions").status, 404);
  EXPECT_TRUE(search_ids(port, "albatross").empty());
  EXPECT_EQ(http_request(port, "GET", "/api/v1/health").body, health_before);
  expect_store_and_index_agree();
  // The same upload succeeds now, as if the first had never been asked.
  EXPECT_EQ(send(port, "POST", "/api/v1/documents", upload_fields("crash-add", kFirst)).status, 201);
  EXPECT_EQ(search_ids(port, "albatross"), std::vector<std::string>{"crash-add"});
  expect_store_and_index_agree();
}

TEST_F(ArchiveCrashTest, ReplacesInterruptedBeforeAndAfterTheCommit) {
  {
    auto server = start();
    ASSERT_EQ(send(server->port(), "POST", "/api/v1/documents", upload_fields("crash-law", kFirst)).status, 201);
  }
  // After the commit: the index holds version 2, so the restart finishes it.
  crash_during("after-commit", "PUT", "/api/v1/documents/crash-law", {{"file", kSecond, "v2.txt", ""}});
  {
    auto server = start();
    int port = server->port();
    EXPECT_NE(read_bytes(log_).find("finished the replace of 'crash-law'"), std::string::npos) << read_bytes(log_);
    auto v = http_request(port, "GET", "/api/v1/documents/crash-law/versions");
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_EQ(v.json()->getValue<int>("current"), 2);
    EXPECT_EQ(search_ids(port, "cormorant"), std::vector<std::string>{"crash-law"});
    EXPECT_TRUE(search_ids(port, "albatross").empty());
    EXPECT_EQ(http_request(port, "GET", "/api/v1/documents/crash-law/versions/1/file").body, kFirst);
  }
  expect_store_and_index_agree();

  // Before the commit: version 3 never happened.
  crash_during("after-store", "PUT", "/api/v1/documents/crash-law", {{"file", kThird, "v3.txt", ""}});
  {
    auto server = start();
    int port = server->port();
    auto v = http_request(port, "GET", "/api/v1/documents/crash-law/versions");
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_EQ(v.json()->getValue<int>("current"), 2);
    EXPECT_EQ(v.json()->getArray("versions")->size(), 2u);
    EXPECT_TRUE(search_ids(port, "pelican").empty());
    EXPECT_EQ(search_ids(port, "cormorant"), std::vector<std::string>{"crash-law"});
    EXPECT_EQ(http_request(port, "GET", "/api/v1/documents/crash-law/file").body, kSecond);
  }
  expect_store_and_index_agree();

  // A withdrawal interrupted after its commit is finished too.
  crash_during("after-commit", "DELETE", "/api/v1/documents/crash-law", {});
  {
    auto server = start();
    EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/documents/crash-law/versions").json()->getValue<std::string>("state"),
              "withdrawn");
    EXPECT_TRUE(search_ids(server->port(), "cormorant").empty());
  }
  expect_store_and_index_agree();
}

TEST_F(ArchiveCrashTest, AnIndexRebuiltFromTheCorpusGetsTheArchiveBack) {
  {
    auto server = start();
    ASSERT_EQ(send(server->port(), "POST", "/api/v1/documents", upload_fields("kept-law", kFirst)).status, 201);
    ASSERT_EQ(send(server->port(), "POST", "/api/v1/documents", upload_fields("kept-withdrawn", kSecond)).status, 201);
    ASSERT_EQ(http_request(server->port(), "DELETE", "/api/v1/documents/kept-withdrawn",
                           {{"Authorization", "Bearer " + kAliceToken}}).status,
              204);
  }
  // The index is lost and made again from the corpus folder alone.
  fs::remove_all(db_);
  IndexOptions options;
  options.corpus = corpus_;
  options.db = db_;
  ASSERT_TRUE(run_index(options).fatal.empty());
  auto server = start();
  EXPECT_NE(read_bytes(log_).find("wrote the archive's state of 'kept-law'"), std::string::npos) << read_bytes(log_);
  EXPECT_EQ(search_ids(server->port(), "albatross"), std::vector<std::string>{"kept-law"});
  EXPECT_TRUE(search_ids(server->port(), "cormorant").empty());
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/documents/kept-withdrawn/versions").json()->getValue<std::string>("state"),
            "withdrawn");
  expect_store_and_index_agree();
}

}  // namespace
}  // namespace atip::testing
