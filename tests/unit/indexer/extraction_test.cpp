// Extraction of the real files: the shipped corpus (four PDFs and the activities page), small
// fixtures, and, when ../shared is there, the Mexican law (the scanned work plan: ocr_test.cpp).
#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <pugixml.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "analyze/passage_segmenter.h"
#include "atip/language.h"
#include "atip/legal.h"
#include "atip/text.h"
#include "extract/extractor.h"
#include "test_support.h"
#include "../../shared_data.h"

namespace atip {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;
using testing::corpus_src_dir;
using testing::data_dir;
using testing::squeeze;

// Every PDF of the shipped corpus, by file name.
std::vector<std::string> corpus_pdfs() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    if (entry.path().extension() == ".pdf") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

ExtractedDocument extract_ok(const Extractor& extractor, const fs::path& file) {
  auto r = extractor.extract(file);
  if (!r.ok()) {
    ADD_FAILURE() << file << ": " << r.error().message;
    return {};
  }
  return r.value();
}

std::string kind_name(TextBlock::Kind k) {
  switch (k) {
    case TextBlock::Kind::kParagraph: return "para";
    case TextBlock::Kind::kHeading: return "head";
    case TextBlock::Kind::kFootnote: return "note";
    case TextBlock::Kind::kEvent: return "event";
  }
  return "?";
}

std::string dump(const std::vector<TextBlock>& blocks) {
  std::string s;
  for (const auto& b : blocks) s += "[p" + std::to_string(b.page) + " " + kind_name(b.kind) + "] " + b.text + "\n";
  return s;
}

// Folded words of each page as Poppler itself reads the page (independent of the layout analysis).
std::vector<std::vector<std::string>> poppler_page_words(const fs::path& file) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
  std::vector<std::vector<std::string>> pages;
  if (!doc) return pages;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    auto bytes = page->text().to_utf8();
    std::string s(bytes.data(), bytes.size());
    std::vector<std::string> words;
    for (const auto& t : text::tokenize(s)) words.push_back(t.folded);
    pages.push_back(std::move(words));
  }
  return pages;
}

// The first `n` words of `block` appear, in order and close together, among `page`'s words.
bool starts_on_page(const std::vector<std::string>& block, const std::vector<std::string>& page, size_t n) {
  n = std::min(n, block.size());
  if (n == 0) return true;
  for (size_t i = 0; i < page.size(); ++i) {
    if (page[i] != block[0]) continue;
    size_t found = 1, j = i + 1;
    for (; found < n && j < page.size() && j < i + 3 * n; ++j) {
      if (page[j] == block[found]) ++found;
    }
    if (found == n) return true;
  }
  return false;
}

// A running header or footer line of the corpus PDFs, page number included:
// "OEA/Ser.G CP/CSH-9902/12 -2-", "OEA/Ser.G CP/CSH-1155/09 rev. 11 -3-", "TEST RENDERING – ...".
bool has_running_line(const std::string& text) {
  static const std::regex header(R"(OEA/Ser\.G\s+CP/CSH-\d+/\d+(\s+rev\.\s*\d+)?\s+-\s?\d+\s?-)");
  static const std::regex page_marker(R"((^|\s)-\s?\d{1,2}\s?-(\s|$))");
  return text.find("TEST RENDERING") != std::string::npos || text.find("not an official OAS document") != std::string::npos ||
         std::regex_search(text, header) || std::regex_search(text, page_marker);
}

class CorpusPdfTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusPdfTest, ExtractsEveryPageWithItsNumber) {
  const fs::path file = corpus_dir() / GetParam();
  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, file);
  auto pages = poppler_page_words(file);
  ASSERT_FALSE(pages.empty());
  EXPECT_EQ(doc.pages, static_cast<int>(pages.size()));
  ASSERT_FALSE(doc.blocks.empty());

  std::set<int> pages_with_text;
  for (const auto& b : doc.blocks) {
    ASSERT_GE(b.page, 1) << b.text;
    ASSERT_LE(b.page, doc.pages) << b.text;
    pages_with_text.insert(b.page);
    std::vector<std::string> words;
    for (const auto& t : text::tokenize(b.text)) words.push_back(t.folded);
    EXPECT_TRUE(starts_on_page(words, pages[b.page - 1], 4))
        << GetParam() << ": block said to start on page " << b.page << " is not there: " << b.text.substr(0, 120);
  }
  for (int p = 1; p <= doc.pages; ++p) EXPECT_TRUE(pages_with_text.count(p)) << "no text from page " << p;
  // Pages only go forward through the document.
  for (size_t i = 1; i < doc.blocks.size(); ++i) {
    EXPECT_LE(doc.blocks[i - 1].page, doc.blocks[i].page) << doc.blocks[i].text.substr(0, 80);
  }
}

TEST_P(CorpusPdfTest, NoRunningHeaderOrFooterInsideAnyBlockOrPassage) {
  const fs::path file = corpus_dir() / GetParam();
  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, file);
  for (const auto& b : doc.blocks) EXPECT_FALSE(has_running_line(b.text)) << GetParam() << " block: " << b.text;
  for (const auto& p : segment_passages(doc.blocks)) {
    EXPECT_FALSE(has_running_line(p.text)) << GetParam() << " passage " << p.n << ": " << p.text;
    EXPECT_FALSE(has_running_line(p.heading)) << GetParam() << " heading of passage " << p.n << ": " << p.heading;
  }
}

TEST_P(CorpusPdfTest, NoLigaturesOrSoftHyphensLeft) {
  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, corpus_dir() / GetParam());
  for (const auto& b : doc.blocks) {
    EXPECT_EQ(b.text.find("\xEF\xAC"), std::string::npos) << b.text;  // U+FB00..FB06
    EXPECT_EQ(b.text.find("\xC2\xAD"), std::string::npos) << b.text;  // soft hyphen
    EXPECT_TRUE(text::is_valid_utf8(b.text));
  }
}

// Folded words of a text with hyphens taken out first ("anti-corruption", "anticorruption" and
// "anti- corruption" all give "anticorruption"), so that this check is about text lost or out of
// order, not hyphenation (tested on its own).
std::vector<std::string> words_without_hyphens(std::string s) {
  static const std::regex sup(R"(<sup>[^<]*</sup>)");
  static const std::regex hyphen(R"(-\s*)");
  s = std::regex_replace(s, sup, " ");
  s = std::regex_replace(s, hyphen, "");
  std::vector<std::string> words;
  for (const auto& t : text::tokenize(s)) words.push_back(t.folded);
  return words;
}

// The seed text of each document (../shared/seeds, the text the PDF was rendered from): every
// sentence of it is found, whole and in its own word order, in what the extractor gives.
TEST_P(CorpusPdfTest, EverySeedSentenceIsExtractedWholeAndInOrder) {
  const fs::path seed = testing::shared_dir() / "seeds" / (fs::path(GetParam()).stem().string() + ".txt");
  if (!fs::exists(seed)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(seed);
  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, corpus_dir() / GetParam());
  std::string all;
  for (const auto& b : doc.blocks) all += b.text + "\n";
  const std::vector<std::string> extracted = words_without_hyphens(all);

  // Each sentence of each line of the seed (a paragraph, a heading or a part of one): a paragraph
  // may fairly be cut in two at a sentence end where a page ends and a footnote comes between.
  std::ifstream in(seed);
  std::string line;
  std::vector<std::string> paragraphs;
  while (std::getline(in, line)) {
    size_t start = 0;
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      if ((line[i] == '.' || line[i] == ';' || line[i] == ':') && line[i + 1] == ' ') {
        paragraphs.push_back(line.substr(start, i + 1 - start));
        start = i + 1;
      }
    }
    paragraphs.push_back(line.substr(start));
  }
  std::erase_if(paragraphs, [](const std::string& p) { return squeeze(p).empty(); });
  ASSERT_FALSE(paragraphs.empty());

  int missing = 0;
  for (const auto& p : paragraphs) {
    auto words = words_without_hyphens(p);
    if (words.empty()) continue;
    if (std::search(extracted.begin(), extracted.end(), words.begin(), words.end()) != extracted.end()) continue;
    ++missing;
    // Say where it breaks: the longest prefix of the paragraph that is there.
    size_t lo = 0, hi = words.size();
    while (lo < hi) {
      size_t mid = (lo + hi + 1) / 2;
      if (std::search(extracted.begin(), extracted.end(), words.begin(), words.begin() + static_cast<long>(mid)) !=
          extracted.end()) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    std::string after;
    for (size_t i = lo; i < std::min(words.size(), lo + 8); ++i) after += words[i] + " ";
    ADD_FAILURE() << GetParam() << ": seed sentence not extracted whole: \"" << squeeze(p).substr(0, 100)
                  << "…\"\n  the first " << lo << " of " << words.size() << " words are there; it breaks before: "
                  << after;
  }
  EXPECT_EQ(missing, 0) << "of " << paragraphs.size() << " sentences";
}

TEST(CorpusTest, ShipsTheFourOasPdfs) {
  EXPECT_EQ(corpus_pdfs(), (std::vector<std::string>{"gs-report-2010-2012.pdf", "gs-report-2012-2013.pdf",
                                                      "gs-report-2012-2014.pdf", "workplan-2010-2014.pdf"}));
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusPdfTest, ::testing::ValuesIn(corpus_pdfs()), [](const auto& info) {
  std::string name = fs::path(info.param).stem().string();
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

TEST(GsReportTest, KnownSentencesOnTheirPagesAndHyphenationJoined) {
  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, corpus_dir() / "gs-report-2010-2012.pdf");
  auto page_of = [&](std::string_view needle) {
    for (const auto& b : doc.blocks) {
      if (squeeze(b.text).find(needle) != std::string::npos) return b.page;
    }
    return 0;
  };
  EXPECT_EQ(page_of("Pursuant to resolution AG/RES. 2551 (XL-O/10)"), 1) << dump(doc.blocks);
  EXPECT_EQ(page_of("into the curricula of police academies"), 2) << dump(doc.blocks);
  // "trafficking in persons–justice system officials in particular" runs over a line break.
  EXPECT_NE(page_of("justice system officials in particular"), 0);
}

// ---------------------------------------------------------------------------------------------
// The work plan: 52 activities and 10 mandates, each one passage whose text is the item's.

struct PlanItem {
  std::string id;
  int number;
  std::string text;
};

std::vector<PlanItem> load_plan_items() {
  pugi::xml_document xml;
  EXPECT_TRUE(xml.load_file((corpus_dir() / "workplan.xml").c_str()));
  std::vector<PlanItem> items;
  for (auto section : xml.child("workplan").children("section")) {
    for (auto item : section.children("item")) {
      items.push_back({item.attribute("id").as_string(), item.attribute("number").as_int(),
                       squeeze(item.text().as_string())});
    }
  }
  return items;
}

// Item text as it reads: the leading "N." number taken off, footnote markers ("others).1/") dropped,
// whitespace squeezed.
std::string item_body(const std::string& passage_text) {
  static const std::regex number(R"(^\s*\d{1,2}\.\s*)");
  static const std::regex marker(R"(([^\s\d/])\d{1,2}/(?=\s|$))");
  std::string s = std::regex_replace(passage_text, number, "");
  s = std::regex_replace(s, marker, "$1");
  return squeeze(s);
}

TEST(WorkPlanTest, SegmentsIntoFiftyTwoActivitiesThenTenMandatesWithTheirTexts) {
  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, corpus_dir() / "workplan-2010-2014.pdf");
  auto passages = segment_passages(doc.blocks);
  static const std::regex numbered(R"(^\s*(\d{1,2})\.\s)");
  std::vector<std::pair<int, std::string>> items;  // number, text
  for (const auto& p : passages) {
    std::smatch m;
    if (!p.footnote && std::regex_search(p.text, m, numbered)) items.emplace_back(std::stoi(m.str(1)), p.text);
  }
  std::vector<int> expected_numbers;
  for (int i = 1; i <= 52; ++i) expected_numbers.push_back(i);
  for (int i = 1; i <= 10; ++i) expected_numbers.push_back(i);
  std::vector<int> numbers;
  for (const auto& [n, text] : items) numbers.push_back(n);
  EXPECT_EQ(numbers, expected_numbers);

  auto plan = load_plan_items();
  ASSERT_EQ(plan.size(), 62u);
  int mismatches = 0;
  for (size_t i = 0; i < std::min(plan.size(), items.size()); ++i) {
    std::string got = item_body(items[i].second);
    if (got != plan[i].text) {
      ++mismatches;
      size_t at = 0;
      while (at < got.size() && at < plan[i].text.size() && got[at] == plan[i].text[at]) ++at;
      ADD_FAILURE() << plan[i].id << " differs from workplan.xml at character " << at << "\n  extracted: …"
                    << got.substr(at > 30 ? at - 30 : 0, 90) << "\n  workplan:  …"
                    << plan[i].text.substr(at > 30 ? at - 30 : 0, 90);
    }
  }
  EXPECT_EQ(mismatches, 0) << "of 62 items";
}

TEST(WorkPlanTest, BrazilsReservationIsAFootnotePassageOnPageTwo) {
  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, corpus_dir() / "workplan-2010-2014.pdf");
  auto passages = segment_passages(doc.blocks);
  const Passage* note = nullptr;
  for (const auto& p : passages) {
    if (p.text.find("Brazil reaffirms its commitment") != std::string::npos) {
      note = &p;
      break;
    }
  }
  ASSERT_NE(note, nullptr);
  EXPECT_TRUE(note->footnote);
  EXPECT_EQ(note->page, 2);
  EXPECT_NE(note->text.find("whether at the national or international level"), std::string::npos) << note->text;
}

// ---------------------------------------------------------------------------------------------
// The activities page: 37 events with their dates; the Spanish ones detected as Spanish.

class ActivitiesPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto extractor = make_html_extractor();
    doc_ = extract_ok(*extractor, corpus_dir() / "activities-2004-2007.html");
    for (const auto& b : doc_.blocks) {
      if (b.kind == TextBlock::Kind::kEvent) events_.push_back(b);
    }
  }
  const TextBlock* event_titled(std::string_view title) const {
    for (const auto& e : events_) {
      if (e.text.rfind(title, 0) == 0) return &e;
    }
    return nullptr;
  }
  ExtractedDocument doc_;
  std::vector<TextBlock> events_;
};

TEST_F(ActivitiesPageTest, ThirtySevenEventsEachWithADate) {
  EXPECT_EQ(events_.size(), 37u);
  static const std::regex date(R"(^\d{4}(-\d{2}-\d{2})?$)");
  for (const auto& e : events_) {
    EXPECT_TRUE(std::regex_match(e.date, date)) << "date '" << e.date << "' of: " << e.text.substr(0, 80);
    EXPECT_FALSE(e.place.empty()) << e.text.substr(0, 80);
  }
  ASSERT_FALSE(events_.empty());
  EXPECT_EQ(events_.front().date, "2007-12-05");  // "12/05/2007 - 12/06/2007" is month/day/year
  EXPECT_EQ(events_.front().place, "Santiago, Chile");
  const TextBlock* two_digit_year = event_titled("OAS/IOM Meeting on Conclusions and Recommendations");
  ASSERT_NE(two_digit_year, nullptr);
  EXPECT_EQ(two_digit_year->date, "2006-03-31");  // "03/31/06"
  const TextBlock* period = event_titled("Lucha Contra la Trata de Personas");
  ASSERT_NE(period, nullptr);
  EXPECT_EQ(period->date.substr(0, 4), "2004");  // "2004 - 2006"
}

TEST_F(ActivitiesPageTest, NavigationScriptsAndFootersAreDropped) {
  for (const auto& b : doc_.blocks) {
    EXPECT_EQ(b.text.find("_gaq"), std::string::npos) << b.text;
    EXPECT_EQ(b.text.find("font-family"), std::string::npos) << b.text;
    EXPECT_EQ(b.text.find("HomeAbout"), std::string::npos) << b.text;
    EXPECT_EQ(b.text.find("1889 F Street"), std::string::npos) << b.text;  // the header's address
  }
  EXPECT_EQ(doc_.title, "OAS :: Anti-Trafficking in Persons Section :: Activities");
  EXPECT_EQ(doc_.language_hint, "en");
}

TEST_F(ActivitiesPageTest, SpanishEventsAreDetectedSpanishAndEnglishOnesEnglish) {
  auto passages = segment_passages(doc_.blocks);
  auto passage_starting = [&](std::string_view title) -> const Passage* {
    for (const auto& p : passages) {
      if (p.text.rfind(title, 0) == 0) return &p;
    }
    return nullptr;
  };
  // The events written in Spanish (title and body); activity 27 has a Spanish title but an English body.
  for (std::string_view title : {"Lanzamiento de Campaña Internacional", "Campaña Denuncia la Trata",
                                 "Lucha Contra la Trata de Personas, Especialmente"}) {
    const Passage* p = passage_starting(title);
    ASSERT_NE(p, nullptr) << title;
    // As the indexer asks: the page says lang="en".
    EXPECT_EQ(detect_language(p->text, "en").language, "es") << title;
  }
  for (std::string_view title : {"Trafficking in Persons in the Southern Cone", "Children First",
                                 "Seminario: Estrategias Contra la Trata", "OAS Chinese TIP Project"}) {
    const Passage* p = passage_starting(title);
    ASSERT_NE(p, nullptr) << title;
    EXPECT_EQ(detect_language(p->text, "en").language, "en") << title;
  }
}

TEST(LanguageTest, DetectsTheFourLanguages) {
  EXPECT_EQ(detect_language("The victims of trafficking in persons shall be protected by the State and receive "
                            "assistance, shelter and legal advice.")
                .language,
            "en");
  EXPECT_EQ(detect_language("Las víctimas de la trata de personas recibirán protección del Estado, asistencia "
                            "médica y asesoría jurídica gratuita.")
                .language,
            "es");
  EXPECT_EQ(detect_language("As vítimas do tráfico de pessoas receberão proteção do Estado, assistência médica "
                            "e orientação jurídica gratuita.")
                .language,
            "pt");
  EXPECT_EQ(detect_language("Les victimes de la traite des personnes recevront la protection de l'État, une "
                            "assistance médicale et des conseils juridiques.")
                .language,
            "fr");
  EXPECT_EQ(detect_language("").language, "");
}

// ---------------------------------------------------------------------------------------------
// Small fixtures.

TEST(HtmlFixtureTest, TwoEventsWithoutNavigationScriptOrFooter) {
  auto extractor = make_html_extractor();
  ExtractedDocument doc = extract_ok(*extractor, data_dir() / "mixed-language.html");
  std::vector<TextBlock> events;
  for (const auto& b : doc.blocks) {
    for (std::string_view junk : {"SCRIPTTEXT", "NAVHOME", "NAVREPORTS", "FOOTERTEXT", "HEADERBANNER", "secret-style"}) {
      EXPECT_EQ(b.text.find(junk), std::string::npos) << junk << " in: " << b.text;
    }
    if (b.kind == TextBlock::Kind::kEvent) events.push_back(b);
  }
  ASSERT_EQ(events.size(), 2u) << dump(doc.blocks);
  EXPECT_EQ(events[0].date, "2007-12-05");
  EXPECT_EQ(events[0].place, "Santiago, Chile");
  EXPECT_EQ(events[1].date, "2006-04-19");
  EXPECT_EQ(events[1].place, "Lima, Perú");
  EXPECT_EQ(doc.title, "Fixture :: Two Events");
  auto passages = segment_passages(doc.blocks);
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_EQ(detect_language(passages[0].text, "en").language, "en");
  EXPECT_EQ(detect_language(passages[1].text, "en").language, "es");
  EXPECT_NE(passages[1].heading.find("Campaña Denuncia la Trata"), std::string::npos)
      << "the event title heads its passage: " << passages[1].heading;
  EXPECT_EQ(passages[1].heading.find("Regional Seminar"), std::string::npos) << passages[1].heading;
}

TEST(TextFixtureTest, ParagraphsPagesAndHyphenation) {
  auto extractor = make_text_extractor();
  ExtractedDocument doc = extract_ok(*extractor, data_dir() / "shelters.txt");
  auto passages = segment_passages(doc.blocks);
  ASSERT_EQ(passages.size(), 3u) << dump(doc.blocks);
  EXPECT_EQ(article_label(passages[0].text), "Article 1");
  EXPECT_EQ(passages[0].heading, "MODEL PROVISIONS ON SHELTERS");
  EXPECT_NE(passages[1].text.find("protect its residents from"), std::string::npos) << passages[1].text;
  EXPECT_EQ(passages[1].page, 1);
  EXPECT_EQ(article_label(passages[2].text), "Article 3");
  EXPECT_EQ(passages[2].page, 2) << "after the form feed";
  EXPECT_EQ(doc.pages, 2);
}

struct BadFileCase {
  std::string name;
  FileFormat format;
};

void PrintTo(const BadFileCase& c, std::ostream* os) { *os << c.name; }

class BadFileTest : public ::testing::TestWithParam<BadFileCase> {};

TEST_P(BadFileTest, IsAnErrorWithAReasonNotACrash) {
  const fs::path file = data_dir() / GetParam().name;
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(detect_format(file), GetParam().format);
  ExtractorRegistry registry;
  auto r = registry.for_format(detect_format(file)).extract(file);
  ASSERT_FALSE(r.ok()) << GetParam().name << " extracted " << r->blocks.size() << " blocks";
  EXPECT_FALSE(r.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadFileTest,
                         ::testing::Values(BadFileCase{"corrupt.pdf", FileFormat::kPdf},
                                           BadFileCase{"empty.pdf", FileFormat::kPdf},
                                           BadFileCase{"minutes.docx", FileFormat::kUnknown}),
                         [](const auto& info) {
                           std::string n = fs::path(info.param.name).stem().string();
                           return n;
                         });

TEST(BadFileTest, MissingFileIsAnError) {
  auto r = make_pdf_extractor()->extract(data_dir() / "does-not-exist.pdf");
  EXPECT_FALSE(r.ok());
}

// ---------------------------------------------------------------------------------------------
// ../shared/corpus-src, when it is there.

class SharedCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(corpus_src_dir())) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(corpus_src_dir());
  }
};

TEST_F(SharedCorpusTest, MexicanLawArticlesAreFoundWithTheirNumbers) {
  const fs::path file = corpus_src_dir() / "legislation" / "mx-ley-general-trata-2012-es.pdf";
  if (!fs::exists(file)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(file);
  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, file);
  EXPECT_EQ(doc.pages, 57);
  auto passages = segment_passages(doc.blocks);
  static const std::regex article(R"(^Art(?:í|i)culo (\d+))");
  std::map<int, const Passage*> articles;
  std::vector<std::pair<int, const Passage*>> order;
  for (const auto& p : passages) {
    std::string label = article_label(p.text);
    std::smatch m;
    if (p.footnote || !std::regex_search(label, m, article)) continue;
    EXPECT_EQ(p.text.rfind(label, 0), 0u) << "the passage starts with its label: " << p.text.substr(0, 80);
    int n = std::stoi(m.str(1));
    order.emplace_back(n, &p);
    articles.emplace(n, &p);
  }
  std::vector<int> missing;
  for (int n = 1; n <= 126; ++n) {
    if (!articles.count(n)) missing.push_back(n);
  }
  EXPECT_TRUE(missing.empty()) << missing.size() << " of 126 articles not found, first: " << missing.front();
  // Each article once, in order: a cross-reference that happens to start a line ("... de la Ley
  // Reglamentaria del / Artículo 5o. Constitucional ...") is not an article.
  for (size_t i = 1; i < order.size(); ++i) {
    EXPECT_LT(order[i - 1].first, order[i].first)
        << "article " << order[i].first << " (page " << order[i].second->page << ") after article "
        << order[i - 1].first << ": " << order[i].second->text.substr(0, 120);
  }
  ASSERT_TRUE(articles.count(1) && articles.count(10));
  EXPECT_EQ(article_label(articles[1]->text), "Artículo 1o");
  EXPECT_NE(articles[10]->text.find("Toda acción u omisión dolosa"), std::string::npos) << articles[10]->text;
  EXPECT_NE(squeeze(articles[2]->text).find("I. Establecer competencias y formas de coordinación"), std::string::npos)
      << "fractions stay with their article: " << articles[2]->text;
  EXPECT_EQ(articles[10]->page, 7) << "page of Artículo 10";
  for (const auto& p : passages) {
    EXPECT_EQ(p.text.find("CÁMARA DE DIPUTADOS DEL H. CONGRESO"), std::string::npos) << p.text.substr(0, 200);
    EXPECT_FALSE(std::regex_search(p.text, std::regex(R"(\b\d{1,2} de 57\b)"))) << p.text.substr(0, 200);
  }
  bool has_structure = false;
  for (const auto& p : passages) has_structure |= p.heading.find("TÍTULO") != std::string::npos;
  EXPECT_TRUE(has_structure) << "TÍTULO headings form heading paths";
}

// The US Code chapter: every passage of a section names the section, and the items of its lists
// ("(3) HIV/AIDS", set in capitals) are text of their section, not headings.
TEST_F(SharedCorpusTest, UsCodeSubsectionsKnowTheirSection) {
  const fs::path file = corpus_src_dir() / "legislation" / "us-22usc-ch78-tvpa-en.pdf";
  if (!fs::exists(file)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(file);
  auto extractor = make_pdf_extractor();
  auto passages = segment_passages(extract_ok(*extractor, file).blocks);
  const Passage* finding = nullptr;
  for (const auto& p : passages) {
    EXPECT_EQ(p.heading.find("HIV"), std::string::npos) << p.heading;
    if (p.text.rfind("(8) Trafficking in persons is increasingly perpetrated", 0) == 0) finding = &p;
  }
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->article, "§ 7101. Purposes and findings");
  EXPECT_NE(finding->heading.find("CHAPTER 78— TRAFFICKING VICTIMS PROTECTION › § 7101. Purposes and findings"),
            std::string::npos)
      << finding->heading;
}

// Canada's Immigration and Refugee Protection Act in English and French: sections 117, 118 and 119,
// numbered without a word for "section", are its articles.
TEST_F(SharedCorpusTest, CanadianSectionsNumberedWithoutAWordAreArticles) {
  for (const char* name : {"ca-irpa-s117-119-en.pdf", "ca-lipr-art117-119-fr.pdf"}) {
    const fs::path file = corpus_src_dir() / "legislation" / name;
    if (!fs::exists(file)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(file);
    auto extractor = make_pdf_extractor();
    auto passages = segment_passages(extract_ok(*extractor, file).blocks);
    std::vector<std::string> labels;
    std::string seen;
    for (const auto& p : passages) {
      const std::string label = split_article_caption(p.article).label;
      if (!label.empty() && (labels.empty() || labels.back() != label)) labels.push_back(label);
      seen += std::string("\n  ") + (p.footnote ? "(footnote) " : "") + "[" + p.article + "] " + p.text.substr(0, 60);
    }
    EXPECT_EQ(labels, (std::vector<std::string>{"117", "118", "119"})) << name << seen;
  }
}

// An article that starts at the top of a page is no running header, though "Article N" tops other
// pages too: each of the 41 articles of the UNTOC opens its own passage.
TEST_F(SharedCorpusTest, ArticlesAtTheTopOfAPageAreKept) {
  const fs::path file = corpus_src_dir() / "legislation" / "un-untoc-convention-en.pdf";
  if (!fs::exists(file)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(file);
  auto extractor = make_pdf_extractor();
  std::set<int> articles;
  static const std::regex label(R"(^Article (\d+)\b)");
  for (const auto& p : segment_passages(extract_ok(*extractor, file).blocks)) {
    std::smatch m;
    if (p.text.rfind(p.article, 0) == 0 && std::regex_search(p.article, m, label)) articles.insert(std::stoi(m.str(1)));
  }
  std::string missing;
  for (int n = 1; n <= 41; ++n) {
    if (!articles.count(n)) missing += " " + std::to_string(n);
  }
  EXPECT_EQ(missing, "") << "articles without their own passage";
}

// The legislation PDFs were rendered from public texts (sources/texts), justified and hyphenated
// at line ends in their language. Against the vocabulary of the source text: no word is left cut
// in two ("interna - tional") and no hyphenated compound is glued ("self-regulation").
class HyphenationTest : public SharedCorpusTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(HyphenationTest, WordsCutAtLineEndsAreJoinedAndCompoundsKeepTheirHyphen) {
  const fs::path pdf = corpus_src_dir() / "legislation" / (GetParam() + ".pdf");
  const fs::path source = corpus_src_dir() / "sources" / "texts" / (GetParam() + ".txt");
  if (!fs::exists(pdf) || !fs::exists(source)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(pdf.string() + " or its source text");
  std::ifstream in(source);
  const std::string source_text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::set<std::string> vocabulary, compounds;  // compounds: "self-regulation" -> "selfregulation"
  auto source_tokens = text::tokenize(source_text);
  for (size_t i = 0; i < source_tokens.size(); ++i) {
    vocabulary.insert(source_tokens[i].folded);
    if (i + 1 < source_tokens.size() && source_tokens[i].end + 1 == source_tokens[i + 1].begin &&
        source_text[source_tokens[i].end] == '-') {
      compounds.insert(source_tokens[i].folded + source_tokens[i + 1].folded);
    }
  }

  auto extractor = make_pdf_extractor();
  ExtractedDocument doc = extract_ok(*extractor, pdf);
  std::set<std::string> cut, glued;
  for (const auto& b : doc.blocks) {
    auto tokens = text::tokenize(b.text);
    // Two tokens separated only by spaces and hyphens ("interna - tional", "estab lished").
    auto apart = [&](size_t i) {
      std::string_view between(b.text.data() + tokens[i].end, tokens[i + 1].begin - tokens[i].end);
      return between.find_first_not_of(" -\n") == std::string_view::npos;
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
      const std::string& w = tokens[i].folded;
      if (vocabulary.count(w)) continue;
      if (compounds.count(w)) glued.insert(w);
      if (i + 1 < tokens.size() && apart(i) && vocabulary.count(w + tokens[i + 1].folded)) {
        cut.insert(w + "|" + tokens[i + 1].folded);
      }
      if (i > 0 && apart(i - 1) && vocabulary.count(tokens[i - 1].folded + w)) cut.insert(tokens[i - 1].folded + "|" + w);
    }
  }
  auto list = [](const std::set<std::string>& s) {
    std::string out;
    for (const auto& w : s) out += " " + w;
    return out;
  };
  EXPECT_TRUE(cut.empty()) << GetParam() << ": " << cut.size() << " words left cut in two:" << list(cut);
  EXPECT_TRUE(glued.empty()) << GetParam() << ": " << glued.size() << " compounds lost their hyphen:" << list(glued);
}

INSTANTIATE_TEST_SUITE_P(Legislation, HyphenationTest,
                         ::testing::Values("un-palermo-protocol-en", "coe-cets197-convention-en", "cl-ley-20507-es",
                                           "br-codigo-penal-art146-149a-pt", "traite-blanches-1910-fr",
                                           "mx-ley-general-trata-2012-es"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace atip
