// A real atip-server with an archive (a data folder and named tokens) on an ephemeral loopback
// port, over a fresh index of a small corpus, and helpers to upload over real HTTP.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <fstream>
#include <vector>

#include "server_fixture.h"

namespace atip::testing {

struct FormField {
  std::string name;
  std::string value;
  std::string file_name;  // set for a file part
  std::string content_type;
};

struct Form {
  std::string content_type;
  std::string body;
};

inline Form multipart(const std::vector<FormField>& fields) {
  const std::string boundary = "----atip-test-7d3f1c9a";
  Form f;
  f.content_type = "multipart/form-data; boundary=" + boundary;
  for (const auto& field : fields) {
    f.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.name + "\"";
    if (!field.file_name.empty()) f.body += "; filename=\"" + field.file_name + "\"";
    f.body += "\r\n";
    if (!field.content_type.empty()) f.body += "Content-Type: " + field.content_type + "\r\n";
    f.body += "\r\n" + field.value + "\r\n";
  }
  f.body += "--" + boundary + "--\r\n";
  return f;
}

inline std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The metadata fields of schemas/document.xsd as form fields, with a file part.
inline std::vector<FormField> upload_fields(const std::string& id, const std::string& text, const std::string& title = "",
                                            const std::string& type = "law", const std::string& date = "2024-05-01",
                                            const std::string& jurisdiction = "PY", const std::string& language = "en") {
  std::vector<FormField> f = {{"file", text, id + ".txt", "text/plain"}};
  if (!id.empty()) f.push_back({"id", id});
  f.push_back({"title", title.empty() ? "Law " + id : title});
  if (!type.empty()) f.push_back({"type", type});
  if (!date.empty()) f.push_back({"date", date});
  if (!jurisdiction.empty()) f.push_back({"jurisdiction", jurisdiction});
  if (!language.empty()) f.push_back({"language", language});
  return f;
}

// Reference data and two small documents (HTML, text): fast to index, enough to search and link.
inline std::filesystem::path make_small_corpus(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  fs::path corpus = root / "corpus";
  fs::create_directories(corpus);
  for (const char* name : {"workplan.xml", "thesaurus.xml", "countries.xml", "organizations.xml",
                           "activities-2004-2007.html", "activities-2004-2007.meta.xml"}) {
    fs::path from = source_dir() / "corpus" / name;
    if (fs::exists(from)) fs::copy_file(from, corpus / name);
  }
  for (const auto& e : fs::directory_iterator(source_dir() / "tests" / "data" / "integration")) {
    fs::copy_file(e.path(), corpus / e.path().filename());
  }
  return corpus;
}

inline const std::string kAliceToken = "alice-secret-42";
inline const std::string kDefaultToken = "test-token-123";

class ArchiveServerTest : public ::testing::Test {
 public:
  static ServerConfig archive_config() {
    ServerConfig config;
    config.db_path = db_.string();
    config.data_dir = data_.string();
    config.port = 0;
    config.threads = 8;
    config.token = kDefaultToken;
    config.tokens = {{"alice", kAliceToken}};
    config.max_body_bytes = 1 << 20;
    config.max_upload_bytes = 200 * 1024;
    config.rate_per_second = 0;
    return config;
  }

  static void SetUpTestSuite() {
    root_ = make_temp_dir("archive");
    corpus_ = make_small_corpus(root_);
    db_ = root_ / "index";
    data_ = root_ / "data";
    IndexOptions options;
    options.corpus = corpus_;
    options.db = db_;
    IndexReport report = run_index(options);
    ASSERT_TRUE(report.fatal.empty()) << report.fatal;
    server_ = std::make_unique<HttpServer>(archive_config());
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
  static HttpResult send_form(const std::string& method, const std::string& uri, const std::vector<FormField>& fields,
                              const std::string& token = kAliceToken) {
    Form form = multipart(fields);
    std::map<std::string, std::string> headers = {{"Content-Type", form.content_type}};
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return http_request(port_, method, uri, headers, form.body);
  }
  static HttpResult upload(const std::vector<FormField>& fields, const std::string& token = kAliceToken) {
    return send_form("POST", "/api/v1/documents", fields, token);
  }
  static HttpResult write(const std::string& method, const std::string& uri, const std::string& token = kAliceToken) {
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return http_request(port_, method, uri, headers);
  }
  static std::vector<std::string> search_ids(const std::string& q) {
    std::string encoded;
    Poco::URI::encode(q, "&=+?#%/ ", encoded);
    auto r = get("/api/v1/search?size=100&q=" + encoded);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> ids;
    auto hits = r.json()->getArray("hits");
    for (size_t i = 0; i < hits->size(); ++i) ids.push_back(hits->getObject(i)->getValue<std::string>("id"));
    return ids;
  }
  static bool found(const std::string& q, const std::string& id) {
    auto ids = search_ids(q);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
  static std::string health() { return get("/api/v1/health").body; }
  // Every file of the data folder with its size: what "nothing changed" compares.
  static std::map<std::string, uintmax_t> data_files() {
    std::map<std::string, uintmax_t> files;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(data_, ec); it != std::filesystem::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().filename() != "write.lock") {
        files[std::filesystem::relative(it->path(), data_).string()] = it->file_size();
      }
    }
    return files;
  }
  static std::string error_code(const HttpResult& r) {
    try {
      return r.json()->getObject("error")->getValue<std::string>("code");
    } catch (...) {
      return "(no JSON error: " + r.body.substr(0, 200) + ")";
    }
  }

  static inline std::filesystem::path root_, corpus_, db_, data_;
  static inline std::unique_ptr<HttpServer> server_;
  static inline int port_ = 0;
};

}  // namespace atip::testing
