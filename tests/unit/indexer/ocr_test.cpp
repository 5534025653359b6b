// OCR of scanned pages through the real sandboxed extraction and indexing run: the scanned work
// plan of ../shared/corpus-src (its items, its word accuracy against the seed text) and the OCR
// cache. Skipped when ../shared is not there.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <regex>

#include "analyze/passage_segmenter.h"
#include "atip/schema.h"
#include "atip/text.h"
#include "document_preparer.h"
#include "pipeline.h"
#include "test_support.h"

namespace atip {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;
using testing::corpus_src_dir;
using testing::shared_dir;

const char* kPlanId = "workplan-2010-2014";

fs::path scanned_plan() { return corpus_src_dir() / "scanned" / "workplan-2010-2014-scanned.pdf"; }

// Folded words with hyphens taken out first, so that hyphenation is not counted as an error.
std::vector<std::string> normalized_words(std::string s) {
  static const std::regex hyphen(R"(-\s*)");
  s = std::regex_replace(s, hyphen, "");
  std::vector<std::string> words;
  for (const auto& t : text::tokenize(s)) words.push_back(t.folded);
  return words;
}

// Word-level Levenshtein distance: substitutions, deletions and insertions of words.
size_t word_edit_distance(const std::vector<std::string>& reference, const std::vector<std::string>& hypothesis) {
  std::vector<size_t> previous(hypothesis.size() + 1), current(hypothesis.size() + 1);
  for (size_t j = 0; j <= hypothesis.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= reference.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= hypothesis.size(); ++j) {
      const size_t substitution = previous[j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
      current[j] = std::min({substitution, previous[j] + 1, current[j - 1] + 1});
    }
    std::swap(previous, current);
  }
  return previous[hypothesis.size()];
}

// 1 - word edit distance / reference words.
double word_accuracy(const std::string& reference, const std::string& hypothesis) {
  const auto ref = normalized_words(reference);
  const auto hyp = normalized_words(hypothesis);
  if (ref.empty()) return 0;
  return 1.0 - static_cast<double>(word_edit_distance(ref, hyp)) / static_cast<double>(ref.size());
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class OcrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(scanned_plan())) GTEST_SKIP() << scanned_plan() << " is absent: skipped";
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("atip-ocr-test-" + std::to_string(rd()) + std::to_string(rd()));
    ASSERT_TRUE(fs::create_directories(root_ / "corpus"));
    // The scan stands in for the text PDF, with the text PDF's sidecar (language: en).
    fs::copy_file(scanned_plan(), root_ / "corpus" / (std::string(kPlanId) + ".pdf"));
    fs::copy_file(corpus_dir() / (std::string(kPlanId) + ".meta.xml"), root_ / "corpus" / (std::string(kPlanId) + ".meta.xml"));
  }
  void TearDown() override {
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }

  IndexReport index_into(const std::string& db_name) {
    IndexOptions options;
    options.corpus = root_ / "corpus";
    options.db = root_ / db_name;
    options.ocr_cache = root_ / "ocr-cache";
    options.reference = corpus_dir();
    IndexReport r = run_index(options);
    EXPECT_TRUE(r.fatal.empty()) << r.fatal;
    for (const auto& s : r.skipped) ADD_FAILURE() << s.path << ": " << s.reason;
    return r;
  }

  fs::path root_;
};

TEST_F(OcrTest, ScannedWorkPlanIsReadAsItsItemsAndAsWellAsItsTextPdf) {
  IndexReport report = index_into("db");
  ASSERT_EQ(report.indexed, 1);
  EXPECT_EQ(report.ocr_pages, 6);
  EXPECT_EQ(report.pages, 6);

  // Every passage and the document say they were read by OCR, with a confidence.
  Xapian::Database db((root_ / "db").string());
  const std::string record = db.get_metadata(std::string(schema::kMetaDocumentPrefix) + kPlanId);
  EXPECT_NE(record.find("\"ocr_pages\":[1,2,3,4,5,6]"), std::string::npos) << record.substr(0, 400);
  EXPECT_NE(record.find("\"ocr_confidence\":"), std::string::npos);
  int passages = 0;
  const std::string document_term = schema::term(schema::kDocumentPrefix, kPlanId);
  for (auto it = db.postlist_begin(document_term); it != db.postlist_end(document_term); ++it) {
    const std::string data = db.get_document(*it).get_data();
    EXPECT_NE(data.find("\"ocr\":true,\"ocr_confidence\":"), std::string::npos) << data.substr(0, 300);
    ++passages;
  }
  EXPECT_EQ(passages, report.passages);

  // The same extraction the index got (now from the OCR cache), segmented as the text PDF is.
  ExtractionHints hints;
  hints.language = "en";
  hints.ocr_cache = root_ / "ocr-cache";
  auto extracted = extract_sandboxed(*make_pdf_extractor(), root_ / "corpus" / (std::string(kPlanId) + ".pdf"),
                                     SandboxLimits{}, hints);
  ASSERT_TRUE(extracted.ok()) << extracted.error().message;
  ASSERT_EQ(extracted.value().ocr_pages.size(), 6u);
  double confidence = 0;
  for (const auto& page : extracted.value().ocr_pages) {
    EXPECT_TRUE(page.from_cache) << "page " << page.page;
    confidence += page.confidence / 6;
  }
  auto segmented = segment_passages(extracted.value().blocks);
  static const std::regex numbered(R"(^\s*(\d{1,2})\.\s)");
  std::vector<int> numbers;
  for (const auto& p : segmented) {
    std::smatch m;
    if (!p.footnote && std::regex_search(p.text, m, numbered)) numbers.push_back(std::stoi(m.str(1)));
  }
  std::vector<int> expected;
  for (int i = 1; i <= 52; ++i) expected.push_back(i);
  for (int i = 1; i <= 10; ++i) expected.push_back(i);
  // Not yet all 62 (issue 19 wants every one, in order): Tesseract still loses a few hanging numbers
  // alone in the margin (3, 6, 17 and 29 here). This guards what is reached.
  std::string missing;
  for (int n : expected) {
    if (std::count(numbers.begin(), numbers.end(), n) < std::count(expected.begin(), expected.end(), n)) missing += " " + std::to_string(n);
  }
  std::cout << "item numbers read: " << numbers.size() << " of 62; missing:" << missing << "\n";
  EXPECT_GE(numbers.size(), 55u);

  std::string all;
  for (const auto& b : extracted.value().blocks) all += b.text + "\n";
  const std::string seed = read_text(shared_dir() / "seeds" / "workplan-2010-2014.txt");
  const double accuracy = word_accuracy(seed, all);
  // The same measure on the text PDF: what layout analysis alone costs (symbol block, footnotes' places).
  auto text_pdf = make_pdf_extractor()->extract(corpus_dir() / (std::string(kPlanId) + ".pdf"));
  ASSERT_TRUE(text_pdf.ok());
  std::string text_all;
  for (const auto& b : text_pdf.value().blocks) text_all += b.text + "\n";
  std::cout << "scanned work plan: word accuracy " << accuracy * 100 << "% over " << normalized_words(seed).size()
            << " seed words (the text PDF: " << word_accuracy(seed, text_all) * 100
            << "%); against the text PDF's extraction " << word_accuracy(text_all, all) * 100
            << "%; mean Tesseract confidence " << confidence << "\n";
  // The seed's word order is not the PDF's (the text PDF itself scores 82%): what OCR adds is measured
  // against the text PDF read by the same layout analysis.
  EXPECT_GE(word_accuracy(text_all, all), 0.97);
}

TEST_F(OcrTest, ReindexingReadsTheOcrCacheInsteadOfTheScan) {
  auto started = std::chrono::steady_clock::now();
  IndexReport first = index_into("first");
  const double first_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(first.ocr_pages, 6);
  EXPECT_EQ(first.ocr_pages_cached, 0);

  // A new index of the same scan: nothing is recognized again.
  started = std::chrono::steady_clock::now();
  IndexReport second = index_into("second");
  const double second_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(second.ocr_pages, 6);
  EXPECT_EQ(second.ocr_pages_cached, 6);
  EXPECT_EQ(second.passages, first.passages);
  std::cout << "first run " << first_seconds << " s, from the OCR cache " << second_seconds << " s\n";
}

TEST(OcrCacheTest, IsBesideTheIndex) {
  EXPECT_EQ(ocr_cache_beside("/var/lib/atip/index"), fs::path("/var/lib/atip/index.ocr-cache"));
  EXPECT_EQ(ocr_cache_beside("/var/lib/atip/index/"), fs::path("/var/lib/atip/index.ocr-cache"));
  EXPECT_EQ(ocr_cache_beside("db"), fs::path("db.ocr-cache"));
}

}  // namespace
}  // namespace atip
