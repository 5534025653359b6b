// The indexing run end to end, into a fresh temporary index per test: the shipped corpus,
// incremental re-runs, deletions, bad files reported and skipped while the good ones go in.
#include "pipeline.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>

#include "atip/records.h"
#include "atip/schema.h"
#include "test_support.h"
#include "../../shared_data.h"

namespace atip {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;
using testing::corpus_src_dir;
using testing::data_dir;

const std::vector<std::string> kCorpusIds = {"activities-2004-2007", "gs-report-2010-2012", "gs-report-2012-2013",
                                             "gs-report-2012-2014", "workplan-2010-2014"};

std::string skipped_list(const IndexReport& r) {
  std::string s;
  for (const auto& k : r.skipped) s += "\n  " + k.path + ": " + k.reason;
  return s.empty() ? " (none)" : s;
}

const SkippedFile* skipped_named(const IndexReport& r, const std::string& file_name) {
  for (const auto& k : r.skipped) {
    if (fs::path(k.path).filename() == file_name) return &k;
  }
  return nullptr;
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("atip-pipeline-test-" + std::to_string(rd()) + std::to_string(rd()));
    ASSERT_TRUE(fs::create_directories(root_));
    db_ = root_ / "db";
    corpus_ = root_ / "corpus";
    fs::create_directories(corpus_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // The shipped corpus copied, so that a test may change it.
  void copy_shipped_corpus() {
    for (const auto& entry : fs::directory_iterator(corpus_dir())) {
      fs::copy_file(entry.path(), corpus_ / entry.path().filename());
    }
  }

  IndexReport index(const fs::path& corpus) {
    IndexOptions options;
    options.corpus = corpus;
    options.db = db_;
    options.reference = corpus_dir();
    options.jobs = 2;
    IndexReport r = run_index(options);
    EXPECT_TRUE(r.fatal.empty()) << r.fatal;
    return r;
  }

  long long postings(const std::string& term) {
    Xapian::Database db(db_.string());
    return db.get_termfreq(term);
  }

  fs::path root_, db_, corpus_;
};

TEST_F(PipelineTest, ShippedCorpusIndexesIntoMoreThanAHundredPassagesWithoutSkips) {
  IndexReport r = index(corpus_dir());
  EXPECT_EQ(r.files, 5);
  EXPECT_EQ(r.indexed, 5);
  EXPECT_TRUE(r.skipped.empty()) << skipped_list(r);
  EXPECT_GT(r.passages, 100);
  EXPECT_GT(r.revision, 0);

  Xapian::Database db(db_.string());
  EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(r.passages));
  for (const auto& id : kCorpusIds) {
    EXPECT_GT(db.get_termfreq(schema::term(schema::kDocumentPrefix, id)), 0u) << id;
    EXPECT_FALSE(db.get_metadata(schema::term(schema::kMetaDocumentPrefix, id)).empty()) << id;
  }
  // The work plan's 62 items are each a passage: at least that many for it.
  EXPECT_GE(db.get_termfreq(schema::term(schema::kDocumentPrefix, "workplan-2010-2014")), 62u);
  // The activities page: one passage per event at least.
  EXPECT_GE(db.get_termfreq(schema::term(schema::kDocumentPrefix, "activities-2004-2007")), 37u);
  // Spanish passages exist (the Spanish events).
  EXPECT_GT(db.get_termfreq(schema::term(schema::kLanguagePrefix, "es")), 0u);
}

TEST_F(PipelineTest, SecondRunFindsEveryFileUnchangedAndTheRevisionGoesUp) {
  IndexReport first = index(corpus_dir());
  ASSERT_EQ(first.indexed, 5) << skipped_list(first);
  IndexReport second = index(corpus_dir());
  EXPECT_EQ(second.unchanged, 5);
  EXPECT_EQ(second.indexed, 0);
  EXPECT_EQ(second.removed, 0);
  EXPECT_TRUE(second.skipped.empty()) << skipped_list(second);
  EXPECT_GT(second.revision, first.revision);
  Xapian::Database db(db_.string());
  EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(first.passages));
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaRevision)), std::to_string(second.revision));
}

// Staff retrain the linker or edit the thesaurus: the next run re-links every document, with no
// version to bump; a run with the same reference data leaves them alone.
TEST_F(PipelineTest, ChangedReferenceDataReindexesEveryDocument) {
  const fs::path reference = root_ / "reference";
  fs::create_directories(reference);
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    if (entry.path().extension() == ".xml" && !entry.path().string().ends_with(".meta.xml")) {
      fs::copy_file(entry.path(), reference / entry.path().filename());
    }
  }
  auto run = [&] {
    IndexOptions options;
    options.corpus = corpus_dir();
    options.db = db_;
    options.reference = reference;
    IndexReport r = run_index(options);
    EXPECT_TRUE(r.fatal.empty()) << r.fatal;
    return r;
  };
  ASSERT_EQ(run().indexed, 5);
  EXPECT_EQ(run().unchanged, 5);
  std::ofstream(reference / "thesaurus.xml", std::ios::app) << "\n<!-- a reviewer's note -->\n";
  EXPECT_EQ(run().indexed, 5) << "a changed thesaurus re-links every document";
  EXPECT_EQ(run().unchanged, 5);
  fs::remove(reference / "linker-model.xml");
  EXPECT_EQ(run().indexed, 5) << "without the model, reports and laws are linked by the rules again";
}

TEST_F(PipelineTest, RewrittenSidecarReindexesJustThatDocument) {
  copy_shipped_corpus();
  IndexReport first = index(corpus_);
  ASSERT_EQ(first.indexed, 5) << skipped_list(first);

  // Same bytes written again (a touch): nothing to do.
  const fs::path sidecar = corpus_ / "gs-report-2012-2013.meta.xml";
  std::string xml;
  {
    std::ifstream in(sidecar);
    xml.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  { std::ofstream(sidecar, std::ios::trunc) << xml; }
  IndexReport touched = index(corpus_);
  EXPECT_EQ(touched.indexed, 0);
  EXPECT_EQ(touched.unchanged, 5);

  // A changed title: that document alone is indexed again, with its new title.
  const std::string marker = "Revised Sidecar Title Zanzibarquux";
  size_t open = xml.find("<title>"), close = xml.find("</title>");
  ASSERT_NE(open, std::string::npos);
  xml.replace(open + 7, close - open - 7, marker);
  { std::ofstream(sidecar, std::ios::trunc) << xml; }
  IndexReport second = index(corpus_);
  EXPECT_EQ(second.indexed, 1);
  EXPECT_EQ(second.unchanged, 4);
  EXPECT_TRUE(second.skipped.empty()) << skipped_list(second);
  Xapian::Database db(db_.string());
  EXPECT_NE(db.get_metadata(schema::term(schema::kMetaDocumentPrefix, "gs-report-2012-2013")).find(marker),
            std::string::npos);
  EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(first.passages));
}

TEST_F(PipelineTest, DeletedFileLosesItsPassages) {
  copy_shipped_corpus();
  IndexReport first = index(corpus_);
  ASSERT_EQ(first.indexed, 5) << skipped_list(first);
  const std::string gone = "gs-report-2012-2013";
  const long long gone_passages = postings(schema::term(schema::kDocumentPrefix, gone));
  ASSERT_GT(gone_passages, 0);

  fs::remove(corpus_ / (gone + ".pdf"));
  fs::remove(corpus_ / (gone + ".meta.xml"));
  IndexReport second = index(corpus_);
  EXPECT_EQ(second.removed, 1);
  EXPECT_EQ(second.unchanged, 4);
  EXPECT_EQ(second.indexed, 0);

  Xapian::Database db(db_.string());
  const std::string term = schema::term(schema::kDocumentPrefix, gone);
  EXPECT_EQ(db.get_termfreq(term), 0u);
  EXPECT_TRUE(db.postlist_begin(term) == db.postlist_end(term));
  EXPECT_TRUE(db.get_metadata(schema::term(schema::kMetaDocumentPrefix, gone)).empty());
  EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(first.passages - gone_passages));
  for (const auto& id : kCorpusIds) {
    if (id != gone) {
      EXPECT_GT(db.get_termfreq(schema::term(schema::kDocumentPrefix, id)), 0u) << id;
    }
  }
}

// The server reads who cites whom ready-made: the writer resolves it at every commit, by symbol and
// by title, and a document that leaves the index leaves the graph.
TEST_F(PipelineTest, CitationsAreResolvedAtCommitAndFollowADocumentThatLeaves) {
  copy_shipped_corpus();
  ASSERT_EQ(index(corpus_).indexed, 5);
  auto citations = [&](const std::string& id) {
    Xapian::Database db(db_.string());
    const std::string json = db.get_metadata(schema::term(schema::kMetaCitationsPrefix, id));
    auto c = records::decode_citations(json);
    EXPECT_TRUE(c.ok()) << id << ": " << json;
    return c.ok() ? c.value() : records::Citations{};
  };
  EXPECT_EQ(citations("workplan-2010-2014").cited_by,
            (std::vector<std::string>{"gs-report-2010-2012", "gs-report-2012-2013", "gs-report-2012-2014"}));
  bool names_plan = false;
  for (const auto& c : citations("gs-report-2012-2014").cites) names_plan |= c.document == "workplan-2010-2014";
  EXPECT_TRUE(names_plan);

  const std::string gone = "gs-report-2012-2013";
  fs::remove(corpus_ / (gone + ".pdf"));
  fs::remove(corpus_ / (gone + ".meta.xml"));
  ASSERT_EQ(index(corpus_).removed, 1);
  EXPECT_EQ(citations("workplan-2010-2014").cited_by, (std::vector<std::string>{"gs-report-2010-2012", "gs-report-2012-2014"}));
  Xapian::Database db(db_.string());
  EXPECT_TRUE(db.get_metadata(schema::term(schema::kMetaCitationsPrefix, gone)).empty());
}

TEST_F(PipelineTest, BadFilesAreReportedWithAReasonWhileGoodOnesAreIndexed) {
  for (const char* name : {"corrupt.pdf", "empty.pdf", "minutes.docx", "shelters.txt", "mixed-language.html"}) {
    fs::copy_file(data_dir() / name, corpus_ / name);
  }
  fs::copy_file(corpus_dir() / "gs-report-2010-2012.pdf", corpus_ / "gs-report-2010-2012.pdf");
  IndexReport r = index(corpus_);
  EXPECT_EQ(r.indexed, 3) << skipped_list(r);
  for (const char* bad : {"corrupt.pdf", "empty.pdf", "minutes.docx"}) {
    const SkippedFile* s = skipped_named(r, bad);
    EXPECT_NE(s, nullptr) << bad << " not reported as skipped; skipped:" << skipped_list(r);
    if (s) {
      EXPECT_FALSE(s->reason.empty()) << bad;
    }
  }
  EXPECT_EQ(r.skipped.size(), 3u) << skipped_list(r);
  Xapian::Database db(db_.string());
  for (const char* good : {"shelters", "mixed-language", "gs-report-2010-2012"}) {
    EXPECT_GT(db.get_termfreq(schema::term(schema::kDocumentPrefix, good)), 0u) << good;
  }
  EXPECT_EQ(db.get_termfreq(schema::term(schema::kDocumentPrefix, "corrupt")), 0u);
}

TEST_F(PipelineTest, MissingCorpusFolderIsFatalNotACrash) {
  IndexOptions options;
  options.corpus = root_ / "no-such-folder";
  options.db = db_;
  IndexReport r = run_index(options);
  EXPECT_FALSE(r.fatal.empty());
  EXPECT_EQ(r.indexed, 0);
}

std::string document_record(const fs::path& db_path, const std::string& id) {
  Xapian::Database db(db_path.string());
  return db.get_metadata(schema::term(schema::kMetaDocumentPrefix, id));
}

// Staff keep metadata in a spreadsheet: a MANIFEST.tsv row is as good as a sidecar, and editing
// the row re-indexes that document.
TEST_F(PipelineTest, ManifestRowsGiveMetadataLikeSidecars) {
  fs::copy_file(data_dir() / "shelters.txt", corpus_ / "shelters.txt");
  fs::copy_file(data_dir() / "mixed-language.html", corpus_ / "mixed-language.html");
  auto write_manifest = [&](const std::string& title) {
    std::ofstream(corpus_ / "MANIFEST.tsv", std::ios::trunc)
        << "id\tfile\ttitle\ttype\tjurisdiction\tlanguage\tyear\tsource\tnotes\n"
        << "shelters\tshelters.txt\t" << title << "\tmodel-law\tPY\ten\t2011\ttest fixture\t\n";
  };
  write_manifest("Model Provisions on Shelters for Victims");
  IndexReport first = index(corpus_);
  ASSERT_EQ(first.indexed, 2) << skipped_list(first);
  std::string record = document_record(db_, "shelters");
  EXPECT_NE(record.find("\"title\":\"Model Provisions on Shelters for Victims\""), std::string::npos) << record;
  EXPECT_NE(record.find("\"type\":\"model-law\""), std::string::npos) << record;
  EXPECT_NE(record.find("\"jurisdiction\":\"PY\""), std::string::npos) << record;
  EXPECT_NE(record.find("\"years\":[2011]"), std::string::npos) << record;
  EXPECT_GT(postings(schema::term(schema::kTypePrefix, "model-law")), 0);
  EXPECT_GT(postings(schema::term(schema::kJurisdictionPrefix, "PY")), 0);
  EXPECT_GT(postings(schema::term(schema::kYearPrefix, "2011")), 0);
  // The page without a row is indexed with what can be inferred.
  EXPECT_EQ(postings(schema::term(schema::kTypePrefix, "other")),
            postings(schema::term(schema::kDocumentPrefix, "mixed-language")));

  write_manifest("Model Provisions on Shelters, Revised");
  IndexReport second = index(corpus_);
  EXPECT_EQ(second.indexed, 1);
  EXPECT_EQ(second.unchanged, 1);
  EXPECT_NE(document_record(db_, "shelters").find("Model Provisions on Shelters, Revised"), std::string::npos);
}

// A file with neither sidecar nor manifest row: the title from the PDF's info dictionary or the
// text's first heading, the language detected, and everything searchable as "other" of "INT".
TEST_F(PipelineTest, WithoutMetadataTitleAndLanguageAreInferred) {
  fs::copy_file(corpus_dir() / "gs-report-2010-2012.pdf", corpus_ / "gs-report-2010-2012.pdf");
  fs::copy_file(data_dir() / "shelters.txt", corpus_ / "shelters.txt");
  IndexReport r = index(corpus_);
  ASSERT_EQ(r.indexed, 2) << skipped_list(r);
  std::string pdf = document_record(db_, "gs-report-2010-2012");
  EXPECT_NE(pdf.find("\"title\":\"MANAGEMENT REPORT OF THE GENERAL SECRETARIAT ON THE IMPLEMENTATION OF THE WORK "
                     "PLAN AGAINST TRAFFICKING IN PERSONS IN THE WESTERN HEMISPHERE 2010-2012\""),
            std::string::npos)
      << pdf;
  EXPECT_NE(pdf.find("\"language\":\"en\""), std::string::npos) << pdf;
  EXPECT_NE(pdf.find("\"type\":\"other\""), std::string::npos) << pdf;
  EXPECT_NE(pdf.find("\"jurisdiction\":\"INT\""), std::string::npos) << pdf;
  std::string text = document_record(db_, "shelters");
  EXPECT_NE(text.find("\"title\":\"MODEL PROVISIONS ON SHELTERS\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"language\":\"en\""), std::string::npos) << text;
}

// The 149 hostile PDFs of ../shared/corpus-src/robustness, through the real sandboxed run.
TEST_F(PipelineTest, RobustnessSetIndexesWithoutDyingAndEveryFailureHasAReason) {
  const fs::path dir = corpus_src_dir() / "robustness";
  if (!fs::is_directory(dir)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(dir);
  int pdfs = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".pdf") continue;
    fs::create_symlink(fs::absolute(entry.path()), corpus_ / entry.path().filename());
    ++pdfs;
  }
  ASSERT_EQ(pdfs, 149);
  auto started = std::chrono::steady_clock::now();
  IndexOptions options;
  options.corpus = corpus_;
  options.db = db_;
  options.reference = corpus_dir();
  options.jobs = 2;  // the shipped limits per file (SandboxLimits defaults)
  IndexReport r = run_index(options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "robustness set: " << r.indexed << " indexed, " << r.skipped.size() << " skipped in " << seconds
            << " s\n";
  std::map<std::string, int> reasons;
  for (const auto& s : r.skipped) reasons[s.reason]++;
  for (const auto& [reason, n] : reasons) std::cout << "  " << n << " × " << reason << "\n";
  EXPECT_TRUE(r.fatal.empty()) << r.fatal;
  EXPECT_EQ(r.files, 149);
  EXPECT_EQ(r.indexed + static_cast<int>(r.skipped.size()), 149) << skipped_list(r);
  std::set<std::string> reported;
  for (const auto& s : r.skipped) {
    EXPECT_FALSE(s.reason.empty()) << s.path;
    EXPECT_FALSE(s.path.empty());
    reported.insert(fs::path(s.path).filename().string());
  }
  EXPECT_EQ(reported.size(), r.skipped.size()) << "each file reported once";
  EXPECT_GT(r.indexed, 0);
  Xapian::Database db(db_.string());
  EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(r.passages));
}

}  // namespace
}  // namespace atip
