// Malformed requests get a 4xx JSON error with a message, never a 5xx, and the server stays up.
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <thread>

#include "server_fixture.h"

namespace atip::testing {
namespace {

class BadInputTest : public ServerTest {
 protected:
  static void expect_client_error(const HttpResult& r, int status, const std::string& what) {
    EXPECT_EQ(r.status, status) << what << ": " << r.body;
    ASSERT_EQ(r.content_type, "application/json; charset=utf-8") << what;
    auto error = r.json()->getObject("error");
    ASSERT_TRUE(error) << what;
    EXPECT_FALSE(error->getValue<std::string>("code").empty()) << what;
    EXPECT_GT(error->getValue<std::string>("message").size(), 10u) << what;
  }
};

TEST_F(BadInputTest, MalformedQueriesAnswer400WithAMessage) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"q=%22unbalanced+quote", "unbalanced quote"},
      {"q=AND", "lone AND"},
      {"q=OR+police", "leading OR"},
      {"q=police+OR", "trailing OR"},
      {"q=NOT", "lone NOT"},
      {"q=-", "lone minus"},
      {"q=police+NEAR", "dangling NEAR"},
      {"q=title%3A", "field with nothing"},
      {"q=year%3Aabc", "bad year field"},
      {"q=%28police", "unbalanced ("},
      {"q=police%29", "unbalanced )"},
      {"q=%28%29", "empty group"},
      {"q=" + std::string(20000, 'a'), "20,000-character query"},
      {"q=%FF%FE", "invalid UTF-8"},
      {"q=abc%00def", "NUL byte"},
      {"page=-1", "negative page"},
      {"page=0", "page zero"},
      {"page=99999999999999999999", "huge page"},
      {"size=0", "size zero"},
      {"size=1000", "size over 100"},
      {"size=ten", "size not a number"},
      {"page=500&size=100", "page beyond the window"},
      {"foo=bar", "unknown filter"},
      {"sort=sideways", "unknown sort"},
      {"group=chapter", "unknown grouping"},
      {"include=everything", "unknown include"},
      {"year=20x3", "bad year"},
      {"year=2014..2010", "reversed range"},
      {"year=1000..9000", "absurd range"},
      {"type=", "empty filter"},
      {"lang=de", "unsupported language"},
      {"link=mandate", "link without a number"},
      {"language=xx", "unknown language filter"},
      {"type=bogus", "unknown type"},
      {"jurisdiction=Paraguay", "country name instead of code"},
      {"country=INT", "INT is not a country"},
      {"q=type%3Abogus", "unknown type in a field"},
      {"q=a&q=b", "repeated q"},
  };
  for (const auto& [params, what] : cases) expect_client_error(get("/api/v1/search?" + params), 400, what);
  EXPECT_EQ(get("/api/v1/health").status, 200);
}

TEST_F(BadInputTest, TraversalAndUnknownIdsAnswer404) {
  const std::vector<std::string> paths = {
      "/api/v1/documents/..%2F..%2Fetc%2Fpasswd",
      "/api/v1/documents/%2e%2e",
      "/api/v1/documents/..",
      "/api/v1/documents/NOPE",
      "/api/v1/documents/no-such-document",
      "/api/v1/documents/no-such-document/file",
      "/api/v1/documents/%00/file",
      "/api/v1/workplan/activity:999",
      "/api/v1/nothing-here",
      "/..%2f..%2fetc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/.git/config",
      "/index.html%00.js",
  };
  for (const auto& p : paths) {
    auto r = get(p);
    EXPECT_GE(r.status, 400) << p;
    EXPECT_LT(r.status, 500) << p;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << p;
  }
  expect_client_error(get("/api/v1/documents/no-such-document"), 404, "unknown id");
  expect_client_error(get("/api/v1/nothing-here"), 404, "unknown endpoint");
}

TEST_F(BadInputTest, WrongMethodAndOversizeBody) {
  auto r = http_request(port_, "PATCH", "/api/v1/search");
  expect_client_error(r, 405, "PATCH");
  // A body over the limit is refused from its Content-Length, before it is read.
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
  std::string head = "POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-token-123\r\n"
                     "Content-Type: application/pdf\r\nContent-Length: 2097152\r\n\r\n" + std::string(1000, 'x');
  socket.sendBytes(head.data(), static_cast<int>(head.size()));
  std::string answer;
  char buf[4096];
  for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;) {
    answer.append(buf, static_cast<size_t>(n));
    if (answer.find("}}") != std::string::npos) break;
  }
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"code\":\"too_large\""), std::string::npos) << answer;
}

TEST_F(BadInputTest, SlowClientsDoNotStarveOthers) {
  // Connections that send half a request and stall.
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < 4; ++i) {
    auto s = std::make_unique<Poco::Net::StreamSocket>(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
    std::string partial = "GET /api/v1/search?q=police HTTP/1.1\r\nHost: x\r\n";
    s->sendBytes(partial.data(), static_cast<int>(partial.size()));
    slow.push_back(std::move(s));
  }
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(get("/api/v1/search?q=police").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

}  // namespace
}  // namespace atip::testing
