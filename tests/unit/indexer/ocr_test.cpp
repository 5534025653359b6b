// OCR of scanned pages through the real sandboxed extraction and indexing run: the scanned work
// plan of ../shared/corpus-src (its 62 items with their numbers, in order, and their word accuracy
// against the seed text item by item) and the OCR cache. Skipped when ../shared is not there.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <regex>
#include <sstream>

#include "analyze/passage_segmenter.h"
#include "atip/schema.h"
#include "atip/text.h"
#include "document_preparer.h"
#include "pipeline.h"
#include "test_support.h"
#include "../../shared_data.h"

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

// The plan's item numbers in order: activities 1-52, then mandates 1-10.
const std::vector<int> kPlanItems = [] {
  std::vector<int> v;
  for (int i = 1; i <= 52; ++i) v.push_back(i);
  for (int i = 1; i <= 10; ++i) v.push_back(i);
  return v;
}();

struct NumberedItem {
  int number = 0;
  std::string text;
};

int leading_number(const std::string& text) {
  static const std::regex numbered(R"(^\s*(\d{1,2})\.\s)");
  std::smatch m;
  return std::regex_search(text, m, numbered) ? std::stoi(m.str(1)) : 0;
}

// The seed's items: a paragraph that starts with the next number of kPlanItems opens one, and its
// continuation paragraphs are its text; a heading, a rule or any other numbered paragraph (the
// footnotes are numbered too) closes it. Markup (<sup>2/</sup>, **) is not text.
std::vector<NumberedItem> seed_items(const std::string& seed) {
  static const std::regex footnote_mark(R"(<sup>[^<]*</sup>)");
  std::vector<NumberedItem> items;
  bool open = false;
  std::istringstream lines(std::regex_replace(seed, footnote_mark, ""));
  for (std::string line; std::getline(lines, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const int number = leading_number(line);
    const bool next = number != 0 && items.size() < kPlanItems.size() && number == kPlanItems[items.size()];
    if (next) {
      items.push_back({number, line});
      open = true;
    } else if (number != 0 || line.rfind("#", 0) == 0 || line.rfind("**", 0) == 0 || line.rfind("---", 0) == 0) {
      open = false;
    } else if (open) {
      items.back().text += " " + line;
    }
  }
  return items;
}

// The passages that start with the next number of kPlanItems, in order.
std::vector<NumberedItem> passage_items(const std::vector<Passage>& passages) {
  std::vector<NumberedItem> items;
  for (const auto& p : passages) {
    const int number = leading_number(p.text);
    if (!p.footnote && number != 0 && items.size() < kPlanItems.size() && number == kPlanItems[items.size()]) {
      items.push_back({number, p.text});
    }
  }
  return items;
}

// 1 - the word edit distances of the items / the reference items' words; an item not read costs all
// its words.
double item_word_accuracy(const std::vector<NumberedItem>& reference, const std::vector<NumberedItem>& read) {
  size_t distance = 0, words = 0;
  for (size_t i = 0; i < reference.size(); ++i) {
    const auto ref = normalized_words(reference[i].text);
    const auto hyp = i < read.size() ? normalized_words(read[i].text) : std::vector<std::string>{};
    distance += word_edit_distance(ref, hyp);
    words += ref.size();
  }
  return words ? 1.0 - static_cast<double>(distance) / static_cast<double>(words) : 0;
}

class OcrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(scanned_plan())) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(scanned_plan());
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
  const std::string seed = read_text(shared_dir() / "seeds" / "workplan-2010-2014.txt");
  const std::vector<NumberedItem> reference = seed_items(seed);
  ASSERT_EQ(reference.size(), kPlanItems.size()) << "the seed's items";

  // Every item is a passage that starts with its number, in the plan's order.
  const std::vector<NumberedItem> scanned = passage_items(segment_passages(extracted.value().blocks));
  std::string numbers;
  for (const auto& item : scanned) numbers += " " + std::to_string(item.number);
  EXPECT_EQ(scanned.size(), kPlanItems.size()) << "item numbers read, in order:" << numbers;

  // Word accuracy item by item against the seed: each item's text is in the seed's order, whatever
  // the page puts around it (footnotes, running headers).
  auto text_pdf = make_pdf_extractor()->extract(corpus_dir() / (std::string(kPlanId) + ".pdf"));
  ASSERT_TRUE(text_pdf.ok());
  const std::vector<NumberedItem> born_digital = passage_items(segment_passages(text_pdf.value().blocks));
  const double accuracy = item_word_accuracy(reference, scanned);
  std::cout << "scanned work plan: " << scanned.size() << " of " << kPlanItems.size()
            << " items with their numbers; word accuracy item by item against the seed " << accuracy * 100
            << "% (the text PDF: " << item_word_accuracy(reference, born_digital) * 100
            << "%); mean Tesseract confidence " << confidence << "\n";
  EXPECT_GE(accuracy, 0.97);

  // And the whole text against the text PDF read by the same layout analysis: what OCR adds.
  std::string all, text_all;
  for (const auto& b : extracted.value().blocks) all += b.text + "\n";
  for (const auto& b : text_pdf.value().blocks) text_all += b.text + "\n";
  const double against_text_pdf = word_accuracy(text_all, all);
  std::cout << "whole text against the text PDF's extraction: " << against_text_pdf * 100 << "%\n";
  EXPECT_GE(against_text_pdf, 0.97);
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
