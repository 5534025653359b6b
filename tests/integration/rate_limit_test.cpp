// A client over its request rate is told to come back later (429 with Retry-After), as JSON.
#include <chrono>
#include <thread>

#include "server_fixture.h"

namespace atip::testing {
namespace {

TEST(RateLimitTest, ExcessRequestsGet429WithRetryAfter) {
  auto root = make_temp_dir("rate");
  auto corpus = make_test_corpus(root);
  IndexOptions options;
  options.corpus = corpus;
  options.db = root / "index";
  ASSERT_TRUE(run_index(options).fatal.empty());
  ServerConfig config;
  config.db_path = options.db.string();
  config.port = 0;
  config.rate_per_second = 1;
  config.rate_burst = 3;
  HttpServer server(config);
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  int ok = 0, limited = 0;
  for (int i = 0; i < 10; ++i) {
    auto r = http_request(port.value(), "GET", "/api/v1/health");
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++limited;
      EXPECT_GE(std::stoi(r.header("retry-after")), 1);
      EXPECT_EQ(r.json()->getObject("error")->getValue<std::string>("code"), "rate_limited");
    }
  }
  EXPECT_GE(ok, 3);
  EXPECT_LE(ok, 5);
  EXPECT_EQ(ok + limited, 10);
  // Refusals are counted per endpoint (the metrics request itself may be refused: retry after a wait).
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  auto metrics = http_request(port.value(), "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("atip_http_rate_limited_total{endpoint=\"health\"} " + std::to_string(limited)),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("atip_http_requests_total{endpoint=\"health\",status=\"429\"} " + std::to_string(limited)),
            std::string::npos);
  server.stop();
  std::error_code ec;
  std::filesystem::remove_all(root, ec);
}

}  // namespace
}  // namespace atip::testing
