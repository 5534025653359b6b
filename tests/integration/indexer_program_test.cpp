// atip-index as a person runs it: --help, the exit status (0 all indexed, 1 some skipped, 2 nothing
// usable), skipped files named with their reason, and plain lines when the output is not a terminal.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct ProgramRun {
  int status = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class IndexerProgramTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("atip-index-program-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(root_ / "corpus");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // Runs atip-index with stdout and stderr to files (so neither is a terminal).
  ProgramRun index(const std::vector<std::string>& args) {
    std::string cmd = std::string(ATIP_BINARY_DIR) + "/indexer/atip-index";
    for (const auto& a : args) cmd += " '" + a + "'";
    cmd += " >'" + (root_ / "out").string() + "' 2>'" + (root_ / "err").string() + "' </dev/null";
    int raw = std::system(cmd.c_str());
    ProgramRun r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(root_ / "out");
    r.err = slurp(root_ / "err");
    return r;
  }
  ProgramRun index_folder(const fs::path& corpus) {
    return index({"--corpus", corpus.string(), "--db", (root_ / "db").string(), "--reference",
                  std::string(ATIP_SOURCE_DIR) + "/corpus"});
  }
  void add(const std::string& data_file) {
    fs::copy_file(fs::path(ATIP_SOURCE_DIR) / "tests" / "data" / data_file, root_ / "corpus" / data_file);
  }

  fs::path root_;
};

TEST_F(IndexerProgramTest, HelpExplainsEveryOptionAndTheExitStatus) {
  ProgramRun r = index({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* option : {"--corpus", "--db", "--jobs", "--reference", "--timeout", "--no-sandbox", "--quiet",
                             "--help", "MANIFEST.tsv", "Exit status"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option << " not in:\n" << r.out;
  }
}

TEST_F(IndexerProgramTest, ShippedCorpusExitsZeroWithASummary) {
  ProgramRun r = index_folder(fs::path(ATIP_SOURCE_DIR) / "corpus");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("5 files: 5 indexed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 skipped"), std::string::npos) << r.out;
  // Not a terminal: one plain line per file, no carriage-return progress bar.
  EXPECT_EQ(r.err.find('\r'), std::string::npos);
  EXPECT_NE(r.err.find("indexed 5/5"), std::string::npos) << r.err;
}

TEST_F(IndexerProgramTest, SomeFilesSkippedExitsOneAndNamesEachWithItsReason) {
  add("shelters.txt");
  add("corrupt.pdf");
  add("minutes.docx");
  ProgramRun r = index_folder(root_ / "corpus");
  EXPECT_EQ(r.status, 1) << r.err;
  for (const char* bad : {"corrupt.pdf", "minutes.docx"}) {
    auto at = r.err.find(std::string(bad) + ": ");
    ASSERT_NE(at, std::string::npos) << bad << " not reported with a reason:\n" << r.err;
    std::string line = r.err.substr(at, r.err.find('\n', at) - at);
    EXPECT_GT(line.size(), std::string(bad).size() + 10) << "no reason given: " << line;
  }
  EXPECT_NE(r.err.find("skipped 1/2 corrupt.pdf"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 indexed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 skipped"), std::string::npos) << r.out;
}

TEST_F(IndexerProgramTest, NothingUsableExitsTwo) {
  add("corrupt.pdf");
  add("empty.pdf");
  ProgramRun r = index_folder(root_ / "corpus");
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("corrupt.pdf"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.pdf"), std::string::npos) << r.err;
}

TEST_F(IndexerProgramTest, UsageErrorsExitTwoWithAMessage) {
  ProgramRun missing = index_folder(root_ / "no-such-folder");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("no-such-folder"), std::string::npos) << missing.err;
  ProgramRun unknown = index({"--corpus", "corpus", "--db", "x", "--frobnicate"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("--frobnicate"), std::string::npos) << unknown.err;
  ProgramRun no_db = index({"--corpus", "corpus"});
  EXPECT_EQ(no_db.status, 2);
  EXPECT_NE(no_db.err.find("--db"), std::string::npos) << no_db.err;
  ProgramRun bad_jobs = index({"--corpus", "corpus", "--db", "x", "--jobs", "zero"});
  EXPECT_EQ(bad_jobs.status, 2);
  ProgramRun trailing = index({"--corpus", "corpus", "--db", "x", "--jobs", "2x"});
  EXPECT_EQ(trailing.status, 2) << "'2x' is no number";
  EXPECT_NE(trailing.err.find("--jobs"), std::string::npos) << trailing.err;
  EXPECT_EQ(index({"--corpus", "corpus", "--db", "x", "--timeout", "-1"}).status, 2);
  EXPECT_FALSE(fs::exists(root_ / "db"));
}

// Xapian refuses terms over 245 bytes: a run of letters that long is kept out of the index, not a crash.
TEST_F(IndexerProgramTest, AWordLongerThanAnyTermIsIndexedAround) {
  std::ofstream(root_ / "corpus" / "long-word.txt") << "Shelters for victims " << std::string(300, 'w') << " and more.\n";
  ProgramRun r = index_folder(root_ / "corpus");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1 indexed"), std::string::npos) << r.out;
}

TEST_F(IndexerProgramTest, AnEmptyCorpusIsNothingUsableAndLeavesTheIndexAlone) {
  add("shelters.txt");
  ASSERT_EQ(index_folder(root_ / "corpus").status, 0);
  fs::remove(root_ / "corpus" / "shelters.txt");
  ProgramRun r = index_folder(root_ / "corpus");
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("no documents"), std::string::npos) << r.err;
  add("corrupt.pdf");
  EXPECT_EQ(index_folder(root_ / "corpus").status, 2) << "every file skipped";
  fs::remove(root_ / "corpus" / "corrupt.pdf");
  // The document indexed first is still there: it comes back unchanged, not indexed anew.
  add("shelters.txt");
  ProgramRun again = index_folder(root_ / "corpus");
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("0 indexed"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("1 unchanged"), std::string::npos) << again.out;
}

// Xapian's errors end at the writer session's edge: a damaged index is exit status 2 with what the
// engine said, never an uncaught exception (which would be "terminate called" and a signal).
TEST_F(IndexerProgramTest, ADamagedIndexExitsTwoWithTheEnginesMessage) {
  ASSERT_EQ(index_folder(fs::path(ATIP_SOURCE_DIR) / "corpus").status, 0);
  const fs::path table = root_ / "db" / "postlist.glass";
  fs::resize_file(table, fs::file_size(table) / 2);
  ProgramRun r = index_folder(fs::path(ATIP_SOURCE_DIR) / "corpus");
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("atip-index: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Database"), std::string::npos) << "the engine's own words: " << r.err;
  EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
}

TEST_F(IndexerProgramTest, OptionsTakeEqualsAndTheVersionIsShown) {
  add("shelters.txt");
  ProgramRun r = index({"--corpus=" + (root_ / "corpus").string(), "--db=" + (root_ / "db").string(), "--jobs=2",
                        "--reference=" + std::string(ATIP_SOURCE_DIR) + "/corpus"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1 indexed"), std::string::npos) << r.out;
  ProgramRun version = index({"--version"});
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.out.rfind("atip-index 0.", 0), 0u) << version.out;
}

// atip-train-linker as staff run it after labelling more links: figures on documents each model
// never saw, then a model atip-index reads.
TEST_F(IndexerProgramTest, TrainLinkerPrintsCrossValidatedFiguresAndWritesAModel) {
  const std::string program = std::string(ATIP_BINARY_DIR) + "/indexer/atip-train-linker";
  const fs::path out = root_ / "linker-model.xml";
  const std::string corpus = std::string(ATIP_SOURCE_DIR) + "/corpus";
  const std::string labels = std::string(ATIP_SOURCE_DIR) + "/tests/data/report-links-blind.tsv";
  const std::string cmd = program + " --corpus '" + corpus + "' --labels '" + labels + "' --out '" + out.string() + "' >'" +
                          (root_ / "out").string() + "' 2>'" + (root_ / "err").string() + "'";
  int raw = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 0) << slurp(root_ / "err");
  const std::string printed = slurp(root_ / "out");
  EXPECT_NE(printed.find("report, learned, leave one document out: must-links found"), std::string::npos) << printed;
  EXPECT_NE(printed.find("report, hand-set rules: must-links found"), std::string::npos) << printed;
  const std::string model = slurp(out);
  EXPECT_NE(model.find("<genre name=\"report\""), std::string::npos) << model;
  EXPECT_NE(model.find("report-links-blind.tsv (279 labels)"), std::string::npos) << model;

  // Labels it cannot read: exit status 2 and why, nothing written.
  std::ofstream(root_ / "bad.tsv") << "gs-report-2010-2012\tmandate:1\tperhaps\tsomething\n";
  fs::remove(out);
  raw = std::system((program + " --corpus '" + corpus + "' --labels '" + (root_ / "bad.tsv").string() + "' --out '" +
                     out.string() + "' 2>'" + (root_ / "err").string() + "'").c_str());
  EXPECT_EQ(WEXITSTATUS(raw), 2);
  EXPECT_NE(slurp(root_ / "err").find("must, may or reject"), std::string::npos) << slurp(root_ / "err");
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
