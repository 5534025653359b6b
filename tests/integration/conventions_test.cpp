// HTTP conventions a client, a cache, a proxy or an operator relies on: methods and Allow,
// conditional GET, compression, CORS headers, absolute links, start-up errors.
#include <Poco/InflatingStream.h>
#include <Poco/Net/StreamSocket.h>
#include <brotli/decode.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "server_fixture.h"

namespace atip::testing {
namespace {

namespace fs = std::filesystem;

// Runs a program with a shell, returning its exit status and what it printed on stdout and stderr.
int run_program(const std::string& command, std::string* output) {
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) output->append(buf, n);
  int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string server_bin() { return std::string(ATIP_BINARY_DIR) + "/server/atip-server"; }

std::string gunzip(const std::string& body) {
  std::istringstream in(body);
  Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::string out;
  Poco::StreamCopier::copyToString(inflater, out);
  return out;
}

std::string unbrotli(const std::string& body) {
  std::string out(body.size() * 40 + 1024, '\0');
  size_t size = out.size();
  if (BrotliDecoderDecompress(body.size(), reinterpret_cast<const uint8_t*>(body.data()), &size,
                              reinterpret_cast<uint8_t*>(out.data())) != BROTLI_DECODER_RESULT_SUCCESS) {
    return "<not brotli>";
  }
  out.resize(size);
  return out;
}

class ConventionsTest : public ServerTest {};

TEST_F(ConventionsTest, WrongMethodsAre405WithEachAllowedMethodOnce) {
  struct Case {
    std::string method, path, allow;
  };
  const std::vector<Case> cases = {
      {"GET", "/api/v1/documents/gs-report-2010-2012/restore", "POST, OPTIONS"},
      {"GET", "/api/v1/documents", "POST, OPTIONS"},
      {"DELETE", "/api/v1/search", "GET, HEAD, OPTIONS"},
      {"POST", "/api/v1/documents/gs-report-2010-2012", "GET, HEAD, PUT, DELETE, OPTIONS"},
      {"GET", "/api/v1/documents/gs-report-2010-2012/passages/1/links/activity:37", "PUT, OPTIONS"},
      {"PATCH", "/metrics", "GET, HEAD, OPTIONS"},
      {"POST", "/index.html", "GET, HEAD, OPTIONS"},
  };
  for (const auto& c : cases) {
    auto r = http_request(port_, c.method, c.path);
    EXPECT_EQ(r.status, 405) << c.method << " " << c.path << ": " << r.body;
    EXPECT_EQ(r.header("allow"), c.allow) << c.method << " " << c.path;
    EXPECT_EQ(r.json()->getObject("error")->getValue<std::string>("code"), "method_not_allowed") << c.path;
    auto options = http_request(port_, "OPTIONS", c.path);
    EXPECT_EQ(options.status, 204) << c.path;
    EXPECT_EQ(options.header("allow"), c.allow) << "OPTIONS " << c.path;
  }
  EXPECT_EQ(http_request(port_, "HEAD", "/api/v1/documents/gs-report-2010-2012/restore").status, 405);
}

TEST_F(ConventionsTest, ApiGetsCarryARevisionETagAndAnswerIfNoneMatch) {
  const std::vector<std::string> uris = {"/api/v1/search?q=trafficking", "/api/v1/documents/gs-report-2010-2012",
                                         "/api/v1/workplan", "/api/v1/feeds/documents",
                                         "/api/v1/workplan/mandate:7?format=csv"};
  for (const auto& uri : uris) {
    auto first = get(uri);
    ASSERT_EQ(first.status, 200) << uri;
    std::string tag = first.header("etag");
    ASSERT_EQ(tag.rfind("W/\"", 0), 0u) << uri << ": a weak tag, since bodies may be compressed: " << tag;
    EXPECT_FALSE(first.header("cache-control").empty()) << uri;
    std::string strong = tag.substr(2);
    for (const std::string& condition : {tag, std::string("*"), "\"other\", " + tag, strong, "\"a\",\t" + strong}) {
      auto again = get(uri, {{"If-None-Match", condition}});
      EXPECT_EQ(again.status, 304) << uri << " If-None-Match: " << condition;
      EXPECT_TRUE(again.body.empty()) << uri;
      EXPECT_EQ(again.header("etag"), tag) << uri;
    }
    auto not_modified = get(uri, {{"If-None-Match", tag}});
    EXPECT_EQ(not_modified.header("cache-control"), first.header("cache-control")) << uri << ": as the 200 says";
    EXPECT_EQ(not_modified.header("vary"), first.header("vary")) << uri << ": as the 200 says";
    EXPECT_EQ(not_modified.header("content-length"), "") << uri << ": a 304 has no Content-Length";
    EXPECT_EQ(get(uri, {{"If-None-Match", "\"other\", W/\"x\""}}).status, 200) << uri;
    EXPECT_EQ(get(uri, {{"If-None-Match", "garbage"}}).status, 200) << uri;
    EXPECT_EQ(http_request(port_, "HEAD", uri, {{"If-None-Match", tag}}).status, 304) << uri;
  }
  // A tag names one URL's answer: another URL's tag, or "*" where nothing exists, is no match.
  std::string search_tag = get("/api/v1/search?q=trafficking").header("etag");
  EXPECT_EQ(get("/api/v1/workplan", {{"If-None-Match", search_tag}}).status, 200);
  EXPECT_EQ(get("/api/v1/documents/no-such-document", {{"If-None-Match", "*"}}).status, 404);
  EXPECT_EQ(get("/api/v1/documents/no-such-document", {{"If-None-Match", search_tag}}).status, 404);
  EXPECT_EQ(get("/api/v1/search?q=%22", {{"If-None-Match", "*"}}).status, 400) << "an unbalanced quote";
  EXPECT_EQ(get("/api/v1/feeds/documents").header("cache-control"), "public, max-age=60") << "feed readers poll";
  // Health and metrics are never cached.
  EXPECT_EQ(get("/api/v1/health").header("cache-control"), "no-store");
  EXPECT_EQ(get("/api/v1/health").header("etag"), "");
}

TEST_F(ConventionsTest, ETagChangesWhenTheIndexChanges) {
  auto before = get("/api/v1/search?q=shelters");
  std::string tag = before.header("etag");
  ASSERT_FALSE(tag.empty());
  // A new document in the corpus, indexed while the server runs: a new revision.
  std::ofstream(corpus_ / "etag-probe.txt") << "Shelters for victims of trafficking in persons: a probe document.\n";
  IndexOptions options;
  options.corpus = corpus_;
  options.db = db_;
  ASSERT_TRUE(run_index(options).fatal.empty());
  auto after = get("/api/v1/search?q=shelters", {{"If-None-Match", tag}});
  EXPECT_EQ(after.status, 200) << "the old tag no longer matches";
  EXPECT_NE(after.header("etag"), tag);
  fs::remove(corpus_ / "etag-probe.txt");
  ASSERT_TRUE(run_index(options).fatal.empty());
}

TEST_F(ConventionsTest, TextAnswersAreCompressedWhenAsked) {
  auto plain = get("/api/v1/search?q=trafficking&include=text");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_NE(plain.header("vary").find("Accept-Encoding"), std::string::npos) << plain.header("vary");

  auto gz = get("/api/v1/search?q=trafficking&include=text", {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_LT(gz.body.size(), plain.body.size() / 2);
  std::string unzipped = gunzip(gz.body);
  Poco::JSON::Parser parser;
  auto json = parser.parse(unzipped).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(json->getValue<long long>("total"), plain.json()->getValue<long long>("total"));

  auto br = get("/api/v1/search?q=trafficking&include=text", {{"Accept-Encoding", "gzip;q=0.8, br"}});
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_EQ(unbrotli(br.body).substr(0, 10), unzipped.substr(0, 10));

  EXPECT_EQ(get("/api/v1/search?q=trafficking", {{"Accept-Encoding", "gzip;q=0"}}).header("content-encoding"), "");
  EXPECT_EQ(get("/api/v1/search?q=trafficking", {{"Accept-Encoding", "identity"}}).header("content-encoding"), "");
  // The page's script and styles, the feeds and the exports are compressed too.
  for (const std::string uri : {"/app.js", "/style.css", "/api/v1/feeds/documents", "/api/v1/workplan/mandate:7?format=csv",
                                "/api/v1/workplan/mandate:7?format=markdown", "/"}) {
    auto r = get(uri, {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(r.status, 200) << uri;
    EXPECT_EQ(r.header("content-encoding"), "gzip") << uri;
    EXPECT_FALSE(gunzip(r.body).empty()) << uri;
  }
  // A stored file is sent as stored: byte ranges address its bytes.
  auto file = get("/api/v1/documents/gs-report-2010-2012/file", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.header("content-encoding"), "");
}

TEST_F(ConventionsTest, EveryAnswerVariesByOriginAndExposesItsHeadersToAllowedOrigins) {
  // Origins are configured (the fixture allows http://embed.example): caches must keep answers apart.
  for (const std::string uri : {"/api/v1/search?q=x", "/api/v1/nothing", "/api/v1/feeds/documents", "/", "/metrics"}) {
    auto r = get(uri);
    EXPECT_NE(r.header("vary").find("Origin"), std::string::npos) << uri << ": " << r.header("vary");
  }
  auto allowed = get("/api/v1/search?q=x", {{"Origin", "http://embed.example"}, {"Accept-Encoding", "gzip"}});
  EXPECT_EQ(allowed.header("access-control-allow-origin"), "http://embed.example");
  std::string exposed = allowed.header("access-control-expose-headers");
  for (const char* h : {"ETag", "Location", "Retry-After", "Content-Disposition"}) {
    EXPECT_NE(exposed.find(h), std::string::npos) << h << " in " << exposed;
  }
  std::string vary = allowed.header("vary");
  EXPECT_NE(vary.find("Origin"), std::string::npos) << vary;
  EXPECT_NE(vary.find("Accept-Encoding"), std::string::npos) << vary;
  auto error = get("/api/v1/nothing", {{"Origin", "http://embed.example"}});
  EXPECT_EQ(error.status, 404);
  EXPECT_EQ(error.header("access-control-allow-origin"), "http://embed.example");
}

TEST_F(ConventionsTest, FeedsAndExportsNeverEchoTheRequestsHost) {
  const std::map<std::string, std::string> forged = {{"Host", "evil.example"}, {"X-Forwarded-Proto", "https"},
                                                     {"X-Forwarded-Host", "evil.example"}};
  for (const std::string uri : {"/api/v1/feeds/documents", "/api/v1/feeds/search?q=trafficking",
                                "/api/v1/workplan/mandate:7?format=csv", "/api/v1/workplan/mandate:7?format=markdown"}) {
    auto r = get(uri, forged);
    ASSERT_EQ(r.status, 200) << uri;
    EXPECT_EQ(r.body.find("evil.example"), std::string::npos) << uri;
    EXPECT_EQ(r.body.find("https://127.0.0.1"), std::string::npos) << uri << ": X-Forwarded-Proto from a client is not believed";
    EXPECT_NE(r.body.find("http://127.0.0.1:" + std::to_string(port_) + "/"), std::string::npos) << uri;
  }
}

TEST_F(ConventionsTest, AbsoluteLinksComeFromThePublicUrlOrATrustedProxy) {
  ServerConfig config;
  config.db_path = db_.string();
  config.port = 0;
  config.rate_per_second = 0;
  config.public_url = "https://atip.example.org/archive/";
  HttpServer with_url(config);
  auto port = with_url.start();
  ASSERT_TRUE(port.ok()) << port.error().message;
  auto feed = http_request(port.value(), "GET", "/api/v1/feeds/documents", {{"Host", "evil.example"}});
  EXPECT_NE(feed.body.find("href=\"https://atip.example.org/archive/api/v1/feeds/documents\""), std::string::npos)
      << feed.body.substr(0, 600);
  EXPECT_EQ(feed.body.find("evil.example"), std::string::npos);
  auto csv = http_request(port.value(), "GET", "/api/v1/workplan/mandate:7?format=csv");
  EXPECT_NE(csv.body.find("https://atip.example.org/archive/api/v1/documents/"), std::string::npos);
  with_url.stop();

  ServerConfig proxied;
  proxied.db_path = db_.string();
  proxied.port = 0;
  proxied.rate_per_second = 0;
  proxied.trusted_proxies = {"127.0.0.1"};
  HttpServer behind_proxy(proxied);
  auto proxy_port = behind_proxy.start();
  ASSERT_TRUE(proxy_port.ok());
  auto via_proxy = http_request(proxy_port.value(), "GET", "/api/v1/feeds/documents",
                                {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "atip.oas.org"},
                                 {"X-Forwarded-For", "203.0.113.5"}});
  EXPECT_NE(via_proxy.body.find("href=\"https://atip.oas.org/api/v1/feeds/documents\""), std::string::npos)
      << via_proxy.body.substr(0, 600);
  behind_proxy.stop();
}

// An upload over the limit is refused from its headers: no 100 Continue, no body read, a clean close.
TEST_F(ConventionsTest, OversizeUploadGets413InsteadOf100Continue) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  std::string head = "POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-token-123\r\n"
                     "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 104857600\r\n"
                     "Expect: 100-continue\r\n\r\n";
  socket.sendBytes(head.data(), static_cast<int>(head.size()));
  std::string answer;
  char buf[4096];
  for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, static_cast<size_t>(n));
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
  EXPECT_EQ(answer.find("100 Continue"), std::string::npos);
  EXPECT_NE(answer.find("Connection: Close"), std::string::npos) << answer.substr(0, 400);
  EXPECT_NE(answer.find("\"too_large\""), std::string::npos);

  // Without a valid token, no body is wanted either.
  Poco::Net::StreamSocket anonymous(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
  anonymous.setReceiveTimeout(Poco::Timespan(10, 0));
  std::string small = "POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\n"
                      "Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n";
  anonymous.sendBytes(small.data(), static_cast<int>(small.size()));
  answer.clear();
  for (int n; (n = anonymous.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, static_cast<size_t>(n));
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer.substr(0, 200);
  EXPECT_EQ(answer.find("100 Continue"), std::string::npos);

  // A client that sends a large body anyway still reads the whole answer.
  Poco::Net::StreamSocket eager(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
  eager.setReceiveTimeout(Poco::Timespan(10, 0));
  std::string eager_head = "POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-token-123\r\n"
                           "Content-Type: application/pdf\r\nContent-Length: 3145728\r\n\r\n";
  eager.sendBytes(eager_head.data(), static_cast<int>(eager_head.size()));
  std::string chunk(65536, 'x');
  try {
    for (int i = 0; i < 48; ++i) eager.sendBytes(chunk.data(), static_cast<int>(chunk.size()));
  } catch (const Poco::Exception&) {
    // The server may stop reading once it has answered.
  }
  answer.clear();
  for (int n; (n = eager.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, static_cast<size_t>(n));
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
}

// Bytes after a request's head that the server did not read as its body are never a next request,
// whatever the answer was.
TEST_F(ConventionsTest, AnUnreadBodyIsNeverTheNextRequest) {
  const std::string smuggled = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const std::string head : {"POST /%ff HTTP/1.1", "GET /%zz HTTP/1.1", "POST /api/v1/search HTTP/1.1",
                                 "GET /api/v1/health HTTP/1.1", "DELETE /api/v1/documents/x HTTP/1.1"}) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    std::string request = head + "\r\nHost: x\r\nContent-Length: " + std::to_string(smuggled.size()) + "\r\n\r\n" +
                          smuggled;
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    std::string answer;
    char buf[4096];
    try {
      for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, static_cast<size_t>(n));
    } catch (const Poco::TimeoutException&) {
      ADD_FAILURE() << head << ": the connection stayed open after an unread body";
    }
    size_t answers = 0;
    for (size_t at = answer.find("HTTP/1.1 "); at != std::string::npos; at = answer.find("HTTP/1.1 ", at + 1)) ++answers;
    EXPECT_EQ(answers, 1u) << head << ":\n" << answer;
  }
}

TEST_F(ConventionsTest, MetricsPassPromtoolAndCarryProcessAndBuildInfo) {
  get("/api/v1/search?q=trafficking");
  auto metrics = get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  for (const char* name : {"process_cpu_seconds_total ", "process_resident_memory_bytes ", "process_open_fds ",
                           "process_start_time_seconds ", "atip_build_info{version=\"", "atip_http_rate_limited_total{",
                           "atip_http_request_duration_seconds_bucket{endpoint=\"search\",le=\"30\"}"}) {
    EXPECT_NE(metrics.body.find(name), std::string::npos) << name;
  }
  fs::path file = root_ / "metrics.txt";
  std::ofstream(file) << metrics.body;
  std::string out;
  int status = run_program("promtool check metrics < " + file.string(), &out);
  EXPECT_EQ(status, 0) << "promtool (Debian's prometheus package) must be installed and pass:\n" << out;
  EXPECT_EQ(out.find("error"), std::string::npos) << out;
}

TEST_F(ConventionsTest, SecondServerOnAPortInUseExitsTwo) {
  std::string out;
  int status = run_program(server_bin() + " --db " + db_.string() + " --port " + std::to_string(port_), &out);
  EXPECT_EQ(status, 2) << out;
  EXPECT_NE(out.find("in use"), std::string::npos) << out;
  EXPECT_EQ(out.find("listening"), std::string::npos) << out;
  // The first server still answers every request.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(get("/api/v1/health").status, 200);
}

TEST_F(ConventionsTest, BadFlagsAreStartUpErrors) {
  const std::string db = " --db " + db_.string();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {db + " --web /nonexistent --port 0", "--web"},
      {db + " --web /etc --port 0", "index.html"},
      {db + " --rate -5 --port 0", "--rate"},
      {db + " --max-upload 10x --port 0", "--max-upload"},
      {db + " --port 99999", "--port"},
      {db + " --threads 0 --port 0", "--threads"},
      {db + " --timeout 1.5 --port 0", "--timeout"},
      {db + " --public-url ftp://x --port 0", "--public-url"},
      {" --db /etc --port 0", "cannot be used"},
      {" --db /nonexistent --port 0", "no index"},
      {db + " --no-such-flag --port 0", "unknown option"},
  };
  for (const auto& [args, says] : cases) {
    std::string out;
    EXPECT_EQ(run_program("timeout 10 " + server_bin() + args, &out), 2) << args << ": " << out;
    EXPECT_NE(out.find(says), std::string::npos) << args << ": " << out;
    EXPECT_EQ(out.find("atip-server listening"), std::string::npos) << args << ": " << out;
  }
  // A .properties file is held to the same bounds as the flags.
  for (const std::string line : {"atip.max_upload_bytes = -1", "atip.timeout_seconds = 86400", "atip.port = 8o80",
                                 "atip.trusted_proxies = localhost", "atip.cors_origins = https://www.oas.org/"}) {
    fs::path file = root_ / "bad.properties";
    std::ofstream(file) << "atip.db = " << db_.string() << "\n" << line << "\n";
    std::string out;
    EXPECT_EQ(run_program("timeout 10 " + server_bin() + " --port 0 --config " + file.string(), &out), 2) << line << ": " << out;
    EXPECT_NE(out.find(line.substr(0, line.find(' '))), std::string::npos) << "names the setting: " << out;
  }
  std::string version;
  EXPECT_EQ(run_program(server_bin() + " --version", &version), 0);
  EXPECT_EQ(version.rfind("atip-server 0.", 0), 0u) << version;
  // --name=value is the same as --name value: the server starts (and is stopped by timeout's SIGTERM).
  std::string started;
  run_program("timeout -s TERM 3 " + server_bin() + " --db=" + db_.string() + " --port=0 --rate=0 --token --s3cr=t",
              &started);
  EXPECT_NE(started.find("listening on http://127.0.0.1:"), std::string::npos)
      << "a value is taken as it is, even one that looks like a flag: " << started;
}

}  // namespace
}  // namespace atip::testing
