// Clients searching while the index is re-indexed and committed: no errors, no mixed results.
#include <atomic>
#include <fstream>
#include <thread>

#include "server_fixture.h"

namespace atip::testing {
namespace {

class ConcurrencyTest : public ServerTest {};

TEST_F(ConcurrencyTest, SearchesDuringReindexNeverFail) {
  std::atomic<bool> stop{false};
  std::atomic<int> requests{0}, failures{0};
  std::vector<std::thread> clients;
  const std::vector<std::string> queries = {"/api/v1/search?q=police", "/api/v1/search?q=trafficking&group=passage",
                                            "/api/v1/search?q=victims&type=work-plan", "/api/v1/workplan",
                                            "/api/v1/documents/gs-report-2010-2012", "/api/v1/suggest?q=tra"};
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      size_t i = static_cast<size_t>(c);
      while (!stop) {
        try {
          auto r = get(queries[i++ % queries.size()]);
          if (r.status != 200) failures++;
        } catch (...) {
          failures++;
        }
        requests++;
      }
    });
  }
  // Re-index with a changed corpus several times while the clients run.
  for (int round = 0; round < 3; ++round) {
    {
      std::ofstream extra(corpus_ / "extra-note.txt");
      extra << "A NOTE\n\nRound " << round << " of a note about trafficking in persons and police training.\n";
    }
    IndexOptions options;
    options.corpus = corpus_;
    options.db = db_;
    IndexReport report = run_index(options);
    ASSERT_TRUE(report.fatal.empty()) << report.fatal;
    EXPECT_EQ(report.indexed, 1);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_GT(requests.load(), 20);
  EXPECT_EQ(failures.load(), 0);
  auto h = get("/api/v1/health").json();
  EXPECT_EQ(h->getValue<int>("documents"), 7);
  std::filesystem::remove(corpus_ / "extra-note.txt");
}

}  // namespace
}  // namespace atip::testing
