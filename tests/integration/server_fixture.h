// A real atip-server on an ephemeral loopback port over a fresh index of the shipped corpus
// (plus a few fixtures), and a real HTTP client.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>

#include "atip/server/http_server.h"
#include "pipeline.h"
#include "../shared_data.h"

namespace atip::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::string content_type;
  std::map<std::string, std::string> headers;  // lower-case names

  Poco::JSON::Object::Ptr json() const {
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
  }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

inline HttpResult http_request(int port, const std::string& method, const std::string& uri,
                               const std::map<std::string, std::string>& headers = {}, const std::string& body = "") {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [k, v] : headers) request.set(k, v);
  if (!body.empty() || method == "POST" || method == "PUT") request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  std::ostream& out = session.sendRequest(request);
  out << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult r;
  r.status = response.getStatus();
  r.content_type = response.getContentType();
  for (const auto& [k, v] : response) {
    std::string lower = k;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[lower] = v;
  }
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

inline std::filesystem::path source_dir() { return ATIP_SOURCE_DIR; }

inline std::filesystem::path make_temp_dir(const std::string& tag) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("atip-" + tag + "-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir;
}

// The shipped corpus copied next to the fixtures, so tests can change it without touching the repository.
inline std::filesystem::path make_test_corpus(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  fs::path corpus = root / "corpus";
  fs::create_directories(corpus);
  for (const auto& e : fs::directory_iterator(source_dir() / "corpus")) {
    fs::copy_file(e.path(), corpus / e.path().filename(), fs::copy_options::overwrite_existing);
  }
  fs::path data = source_dir() / "tests" / "data" / "integration";
  if (fs::exists(data)) {
    for (const auto& e : fs::directory_iterator(data)) {
      fs::copy_file(e.path(), corpus / e.path().filename(), fs::copy_options::overwrite_existing);
    }
  }
  return corpus;
}

// Indexes a folder (with the shipped reference data) into root/index and serves it on a free port.
inline void index_and_serve(const std::filesystem::path& corpus, const std::filesystem::path& root,
                            std::unique_ptr<HttpServer>& server, int& port, IndexReport* indexed = nullptr) {
  IndexOptions options;
  options.corpus = corpus;
  options.db = root / "index";
  options.reference = source_dir() / "corpus";
  options.jobs = 2;
  IndexReport report = run_index(options);
  ASSERT_TRUE(report.fatal.empty()) << report.fatal;
  ASSERT_TRUE(report.skipped.empty()) << report.skipped.front().path << ": " << report.skipped.front().reason;
  if (indexed) *indexed = report;
  ServerConfig config;
  config.db_path = options.db.string();
  config.port = 0;
  config.rate_per_second = 0;
  server = std::make_unique<HttpServer>(config);
  auto started = server->start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  port = started.value();
}

// ../shared/corpus-src/legislation beside the shipped corpus, indexed and served, when it is there
// (the caller skips its tests when it is not: server stays empty).
inline void index_and_serve_legislation(const std::string& name, std::filesystem::path& root,
                                        std::unique_ptr<HttpServer>& server, int& port) {
  namespace fs = std::filesystem;
  const fs::path legislation = source_dir() / ".." / "shared" / "corpus-src" / "legislation";
  if (!fs::exists(legislation)) return;
  root = make_temp_dir(name);
  const fs::path corpus = root / "corpus";
  fs::create_directories(corpus);
  fs::create_directory_symlink(source_dir() / "corpus", corpus / "oas");
  fs::create_directory_symlink(fs::canonical(legislation), corpus / "legislation");
  index_and_serve(corpus, root, server, port);
}

// A suite of tests that share one index of the legislation set and one server on it; each test is
// skipped when the set is not there. Derived as `class CompareTest : public LegislationSuite<CompareTest>`,
// each suite has its own server; Name::kName names its temporary folder.
template <class Name>
class LegislationSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { index_and_serve_legislation(Name::kName, root_, server_, port_); }
  static void TearDownTestSuite() {
    server_.reset();
    std::error_code ec;
    if (!root_.empty()) std::filesystem::remove_all(root_, ec);
  }
  void SetUp() override {
    if (!server_) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED("../shared/corpus-src/legislation");
  }

  static inline std::filesystem::path root_;
  static inline std::unique_ptr<HttpServer> server_;
  static inline int port_ = 0;
};

class ServerTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    root_ = make_temp_dir("server");
    corpus_ = make_test_corpus(root_);
    db_ = root_ / "index";
    IndexOptions options;
    options.corpus = corpus_;
    options.db = db_;
    options.jobs = 2;
    IndexReport report = run_index(options);
    ASSERT_TRUE(report.fatal.empty()) << report.fatal;
    ServerConfig config;
    config.db_path = db_.string();
    config.web_dir = (source_dir() / "web").string();
    config.port = 0;
    config.threads = 8;
    config.token = "test-token-123";
    config.cors_origins = {"http://embed.example"};
    config.max_body_bytes = 1 << 20;
    config.rate_per_second = 0;
    server_ = std::make_unique<HttpServer>(config);
    auto port = server_->start();
    ASSERT_TRUE(port.ok()) << port.error().message;
    port_ = port.value();
  }

  static void TearDownTestSuite() {
    server_.reset();
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

 protected:
  static HttpResult get(const std::string& uri, const std::map<std::string, std::string>& headers = {}) {
    return http_request(port_, "GET", uri, headers);
  }

  static inline std::filesystem::path root_, corpus_, db_;
  static inline std::unique_ptr<HttpServer> server_;
  static inline int port_ = 0;
};

}  // namespace atip::testing
