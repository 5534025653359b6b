// A search service reads its own index on every thread, even when another service on another index
// had the same address before it: each thread's reader belongs to one service and ends with it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "atip/server/search_service.h"
#include "pipeline.h"
#include "server_fixture.h"

namespace atip::testing {
namespace {

namespace fs = std::filesystem;

fs::path index_one_text(const fs::path& root, const std::string& id, const std::string& text) {
  const fs::path corpus = root / (id + "-corpus"), db = root / (id + "-index");
  fs::create_directories(corpus);
  std::ofstream(corpus / (id + ".txt")) << text;
  IndexOptions options;
  options.corpus = corpus;
  options.db = db;
  const IndexReport report = run_index(options);
  EXPECT_TRUE(report.fatal.empty()) << report.fatal;
  EXPECT_EQ(report.indexed, 1);
  return db;
}

TEST(SearchServiceTest, EachServiceReadsItsOwnIndexWhateverServiceCameBefore) {
  const fs::path root = make_temp_dir("services");
  const fs::path first = index_one_text(root, "first", "Shelters for victims of trafficking in persons.\n");
  const fs::path second = index_one_text(root, "second", "Training of police officers on trafficking in persons.\n");
  for (int round = 0; round < 20; ++round) {
    {
      auto service = std::make_unique<SearchService>(SearchServiceOptions{first.string(), 1.0, 1000});
      EXPECT_TRUE(service->document("first").ok()) << "round " << round;
    }
    auto service = std::make_unique<SearchService>(SearchServiceOptions{second.string(), 1.0, 1000});
    EXPECT_TRUE(service->document("second").ok()) << "round " << round << ": a reader of the first index was reused";
    EXPECT_FALSE(service->document("first").ok()) << "round " << round;
  }
  std::error_code ec;
  fs::remove_all(root, ec);
}

}  // namespace
}  // namespace atip::testing
