// kill -9 of atip-index at random moments: the index always opens, holds the last committed
// state, and a re-run converges to the index an uninterrupted run makes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <fstream>
#include <filesystem>
#include <random>
#include <set>
#include <thread>

namespace {

namespace fs = std::filesystem;

fs::path temp_dir(const std::string& tag) {
  std::random_device rd;
  auto d = fs::temp_directory_path() / ("atip-" + tag + "-" + std::to_string(rd()));
  fs::create_directories(d);
  return d;
}

pid_t start_indexer(const fs::path& corpus, const fs::path& db) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string bin = std::string(ATIP_BINARY_DIR) + "/indexer/atip-index";
    std::string reference = std::string(ATIP_SOURCE_DIR) + "/corpus";
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(bin.c_str(), bin.c_str(), "--corpus", corpus.c_str(), "--db", db.c_str(), "--reference", reference.c_str(),
          "--jobs", "2", "--quiet", static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int run_indexer(const fs::path& corpus, const fs::path& db) {
  int status = 0;
  waitpid(start_indexer(corpus, db), &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What a reader sees: every passage id term and every metadata record.
std::set<std::string> snapshot(const fs::path& db_path) {
  Xapian::Database db(db_path.string());
  std::set<std::string> out;
  for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) out.insert(*t);
  for (auto k = db.metadata_keys_begin("doc:"); k != db.metadata_keys_end("doc:"); ++k) {
    std::string value = db.get_metadata(*k);
    if (!value.empty()) out.insert(*k + "=" + std::to_string(std::hash<std::string>{}(value)));
  }
  return out;
}

TEST(KillTest, IndexSurvivesKillNineAndConverges) {
  fs::path legislation = fs::path(ATIP_SOURCE_DIR) / ".." / "shared" / "corpus-src" / "legislation";
  fs::path root = temp_dir("kill");
  fs::path corpus = root / "corpus";
  fs::create_directories(corpus);
  fs::create_directory_symlink(fs::path(ATIP_SOURCE_DIR) / "corpus", corpus / "oas");
  if (fs::exists(legislation)) fs::create_directory_symlink(fs::canonical(legislation), corpus / "legislation");

  // Two states of the corpus that the killed runs alternate between: without and with a note.
  fs::path note = corpus / "note.txt";
  auto write_note = [&] {
    std::ofstream out(note);
    out << "A NOTE ON THE RUNS\n\nThis note about trafficking in persons comes and goes between runs.\n";
  };
  fs::path reference_db = root / "uninterrupted";
  auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(run_indexer(corpus, reference_db), 0);
  auto run_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  auto without_note = snapshot(reference_db);
  ASSERT_GT(without_note.size(), 100u);
  write_note();
  ASSERT_EQ(run_indexer(corpus, reference_db), 0);
  auto with_note = snapshot(reference_db);
  ASSERT_NE(with_note, without_note);
  fs::remove(note);

  fs::path db = root / "killed";
  std::mt19937 rng(20261123);
  // Kill anywhere from the start to a little after a whole run would have finished.
  std::uniform_int_distribution<long> delay_ms(5, run_ms * 13 / 10 + 50);
  int committed_runs = 0, states_seen = 0;
  for (int i = 0; i < 20; ++i) {
    if (i % 2) write_note(); else fs::remove(note);
    pid_t pid = start_indexer(corpus, db);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) ++committed_runs;
    if (!fs::exists(db / "iamglass")) continue;  // killed before the first commit
    // Whatever happened, the index opens and holds a whole committed state.
    std::set<std::string> seen;
    ASSERT_NO_THROW(seen = snapshot(db)) << "after kill " << i;
    if (!seen.empty()) ++states_seen;
    EXPECT_TRUE(seen.empty() || seen == with_note || seen == without_note)
        << "after kill " << i << ": a half-written index is visible";
  }
  ASSERT_EQ(run_indexer(corpus, db), 0);
  EXPECT_EQ(snapshot(db), fs::exists(note) ? with_note : without_note);
  EXPECT_GT(states_seen, 0) << "no kill came after a commit: the test checked nothing";
  EXPECT_LT(committed_runs, 20) << "no run was interrupted";
  std::error_code ec;
  fs::remove_all(root, ec);
}

}  // namespace
