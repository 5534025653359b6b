// Extraction in a child process: a crash or hang costs one file, never the run; and a good file
// is never lost because of what the indexer's other threads were doing when the child started.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <thread>

#include "extract/extractor.h"
#include "test_support.h"

namespace atip {
namespace {

using testing::corpus_dir;
using testing::data_dir;

SandboxLimits quick_limits() {
  SandboxLimits limits;
  limits.cpu_seconds = 10;
  limits.wall_seconds = 10;
  return limits;
}

TEST(SandboxTest, GivesWhatTheExtractorGivesInProcess) {
  auto extractor = make_pdf_extractor();
  const auto file = corpus_dir() / "workplan-2010-2014.pdf";
  auto direct = extractor->extract(file);
  auto sandboxed = extract_sandboxed(*extractor, file, quick_limits());
  ASSERT_TRUE(direct.ok());
  ASSERT_TRUE(sandboxed.ok()) << sandboxed.error().message;
  EXPECT_EQ(sandboxed->pages, direct->pages);
  EXPECT_EQ(sandboxed->title, direct->title);
  ASSERT_EQ(sandboxed->blocks.size(), direct->blocks.size());
  for (size_t i = 0; i < direct->blocks.size(); ++i) {
    EXPECT_EQ(sandboxed->blocks[i].text, direct->blocks[i].text);
    EXPECT_EQ(sandboxed->blocks[i].page, direct->blocks[i].page);
    EXPECT_EQ(sandboxed->blocks[i].kind, direct->blocks[i].kind);
  }
}

TEST(SandboxTest, ErrorsComeBackWithTheirReason) {
  auto extractor = make_pdf_extractor();
  auto r = extract_sandboxed(*extractor, data_dir() / "corrupt.pdf", quick_limits());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, extractor->extract(data_dir() / "corrupt.pdf").error().message);
}

// atip-index forks the extractor child from a worker thread while the other threads work: the
// writer thread stamps every document it writes with gmtime_r (store/index_writer.cpp). Whatever
// lock another thread holds at the moment of the fork (here glibc's time-zone lock, which the
// child needs again in Poppler's info_date_t -> mktime and in gmtime_r) must not hang the child:
// a good PDF must come back, not "extraction timed out".
TEST(SandboxTest, GoodFileIsExtractedWhileOtherThreadsWork) {
  auto extractor = make_pdf_extractor();
  const auto file = corpus_dir() / "gs-report-2010-2012.pdf";
  std::atomic<bool> stop{false};
  std::thread busy([&] {
    while (!stop.load(std::memory_order_relaxed)) {
      std::time_t now = std::time(nullptr);
      std::tm tm{};
      gmtime_r(&now, &tm);
    }
  });
  int ok = 0;
  std::string failure;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 40 && failure.empty(); ++i) {
    auto r = extract_sandboxed(*extractor, file, quick_limits());
    if (r.ok()) ++ok;
    else failure = r.error().message;
  }
  stop = true;
  busy.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_TRUE(failure.empty()) << "after " << ok << " good extractions (" << seconds << " s): " << failure;
}

// A parser that crashes or hangs on a hostile file, stood in for by a helper program that does
// just that: the file is reported with the reason, within the limits, and this process goes on.
class MisbehavingHelperTest : public ::testing::Test {
 protected:
  void use_helper(const std::string& body) {
    script_ = std::filesystem::temp_directory_path() / ("atip-extract-standin-" + std::to_string(::getpid()));
    {
      std::ofstream out(script_);
      out << "#!/bin/sh\n" << body << "\n";
    }
    std::filesystem::permissions(script_, std::filesystem::perms::owner_all);
    ::setenv("ATIP_EXTRACT_BIN", script_.c_str(), 1);
  }
  void TearDown() override {
    ::unsetenv("ATIP_EXTRACT_BIN");
    std::error_code ec;
    std::filesystem::remove(script_, ec);
  }
  std::filesystem::path script_;
};

TEST_F(MisbehavingHelperTest, ACrashIsReportedAsACrash) {
  use_helper("kill -SEGV $$");
  auto r = extract_sandboxed(*make_pdf_extractor(), corpus_dir() / "workplan-2010-2014.pdf", quick_limits());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("crashed"), std::string::npos) << r.error().message;
}

TEST_F(MisbehavingHelperTest, AHangIsCutOffAtTheWallClockLimit) {
  use_helper("exec sleep 60");
  SandboxLimits limits = quick_limits();
  limits.wall_seconds = 2;
  const auto started = std::chrono::steady_clock::now();
  auto r = extract_sandboxed(*make_pdf_extractor(), corpus_dir() / "workplan-2010-2014.pdf", limits);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("timed out"), std::string::npos) << r.error().message;
  EXPECT_LT(seconds, 10.0);
}

TEST_F(MisbehavingHelperTest, GarbageOutputIsAnErrorNotACrash) {
  use_helper("head -c 5000 /dev/urandom");
  auto r = extract_sandboxed(*make_pdf_extractor(), corpus_dir() / "workplan-2010-2014.pdf", quick_limits());
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().message.empty());
}

}  // namespace
}  // namespace atip
