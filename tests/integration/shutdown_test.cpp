// SIGTERM stops atip-server gracefully: requests under way get their whole answer, the process
// exits 0 and says why, and the port is closed afterwards.
#include <Poco/Exception.h>

#include <atomic>
#include <thread>
#include <vector>

#include "server_process.h"

namespace atip::testing {
namespace {

namespace fs = std::filesystem;

TEST(ShutdownTest, SigtermLetsRequestsUnderWayFinishAndExitsZero) {
  fs::path root = make_temp_dir("shutdown");
  fs::path corpus = make_small_corpus(root);
  IndexOptions options;
  options.corpus = corpus;
  options.db = root / "index";
  ASSERT_TRUE(run_index(options).fatal.empty());
  const fs::path log = root / "server.log";
  ServerProcess server(root / "index", root / "data", log);
  const int port = server.port();
  ASSERT_EQ(http_request(port, "GET", "/api/v1/health", {}).status, 200);

  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, refused{0}, bad{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      while (!stop) {
        try {
          auto r = http_request(port, "GET", "/api/v1/search?q=trafficking&size=20&include=text", {});
          if (r.status == 200 && r.body.size() > 100 && r.body.back() == '}') ++answered;
          else ++bad;
        } catch (const Poco::Exception&) {
          ++refused;  // connection refused or closed before the request was read: never half an answer
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
    });
  }
  while (answered < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ::kill(server.pid(), SIGTERM);
  EXPECT_EQ(server.wait(10), 0) << read_bytes(log);
  stop = true;
  for (auto& t : clients) t.join();

  EXPECT_EQ(bad.load(), 0) << "answers that were not a whole 200";
  EXPECT_NE(read_bytes(log).find("SIGTERM received"), std::string::npos) << read_bytes(log);
  EXPECT_THROW(http_request(port, "GET", "/api/v1/health", {}), Poco::Exception);
  std::error_code ec;
  fs::remove_all(root, ec);
}

}  // namespace
}  // namespace atip::testing
