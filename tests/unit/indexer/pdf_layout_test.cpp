// Layout analysis on synthetic pages: what a reader of a passage would notice if it went wrong
// (a running header inside the text, "traf- ficking", a page number, a footnote glued to a paragraph).
#include "extract/pdf_layout.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace atip::pdf {
namespace {

constexpr double kWidth = 595, kHeight = 842;  // A4 in points
constexpr double kLeft = 72, kRight = 523;
constexpr double kBody = 11;

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

// One line of words at baseline box [y, y + size]; justified to kRight when `justify`.
void add_line(PageWords& page, const std::string& text, double y, double size = kBody, bool justify = false,
              double x = kLeft) {
  auto words = split_words(text);
  double total = 0;
  for (const auto& w : words) total += 0.5 * size * static_cast<double>(w.size());
  double gap = 0.3 * size;
  if (justify && words.size() > 1) gap = (kRight - x - total) / static_cast<double>(words.size() - 1);
  for (const auto& w : words) {
    Word word;
    word.text = w;
    word.size = size;
    word.x0 = x;
    word.x1 = x + 0.5 * size * static_cast<double>(w.size());
    word.y0 = y;
    word.y1 = y + size;
    page.words.push_back(word);
    x = word.x1 + gap;
  }
}

// A paragraph: every line but the last justified, lines 13.5 pt apart. Returns the next free y.
double add_paragraph(PageWords& page, const std::vector<std::string>& lines, double y) {
  for (size_t i = 0; i < lines.size(); ++i) {
    add_line(page, lines[i], y, kBody, i + 1 < lines.size());
    y += 13.5;
  }
  return y + 12;  // paragraph spacing
}

PageWords page_with_running_lines(int number) {
  PageWords page;
  page.number = number;
  page.width = kWidth;
  page.height = kHeight;
  // Running header: the symbol on the left, the page number on the right, on one line.
  add_line(page, "OEA/Ser.G CP/CSH-9902/12", 36, 9);
  add_line(page, "-" + std::to_string(number) + "-", 36, 9, false, 500);
  return page;
}

void add_running_footer(PageWords& page) {
  add_line(page, "- " + std::to_string(page.number) + " -", 790, 9, false, 290);
  add_line(page, "TEST RENDERING – the layout is invented; not an official document", 810, 7);
}

std::vector<PageWords> three_page_report() {
  std::vector<PageWords> pages;

  PageWords p1 = page_with_running_lines(1);
  double y = 100;
  add_line(p1, "CAPACITY BUILDING", y, 14);
  p1.words.back().bold = true;
  p1.words[p1.words.size() - 2].bold = true;
  y += 30;
  y = add_paragraph(p1,
                    {"In order to build the capacities of the national actors responsible for",
                     "preventing and combating trafficking in persons the General Secretariat",
                     "has carried out three initiatives against the crime of human traf-",
                     "ficking in the states of Central America and the Caribbean."},
                    y);
  y = add_paragraph(p1,
                    {"A second initiative was aimed at promoting capacity building at training",
                     "centers for consular officials of the region, who asked for more courses on",
                     "the identification of victims, and the"},
                    y);
  add_running_footer(p1);
  pages.push_back(p1);

  PageWords p2 = page_with_running_lines(2);
  y = 100;
  y = add_paragraph(p2,
                    {"courses were given in Saint Kitts and Nevis between May and June 2011",
                     "to officials of the immigration services and of the police forces."},
                    y);
  // A body line with a superscript footnote marker after "particular".
  add_line(p2, "The training reached justice system officials in particular and the prosecutors", y, kBody, true);
  {
    auto at = p2.words.end() - 3;  // after "particular"
    Word marker;
    marker.text = "1/";
    marker.size = 6;
    marker.x0 = (at - 1)->x1 + 0.5;
    marker.x1 = marker.x0 + 6;
    marker.y0 = y - 2;
    marker.y1 = y + 4;
    p2.words.insert(at, marker);
  }
  y += 13.5;
  add_line(p2, "of every member state of the hemisphere.", y);
  y += 25.5;
  y = add_paragraph(p2,
                    {"The General Secretariat has also worked to incorporate the issue of trafficking",
                     "in persons into the curricula of police academies of the region."},
                    y);
  // The footnote at the bottom of the page, in a smaller font.
  add_line(p2, "1/ See the annual report of the Secretariat for Multidimensional Security,", 690, 8, true);
  add_line(p2, "document CP/CSH-1155/09 rev. 11, chapter two.", 700, 8);
  add_running_footer(p2);
  pages.push_back(p2);

  PageWords p3 = page_with_running_lines(3);
  y = 100;
  add_paragraph(p3,
                {"Finally a program to strengthen border controls has been put in place in the",
                 "Dominican Republic, Trinidad and Tobago, Costa Rica, Jamaica and Mexico."},
                y);
  add_running_footer(p3);
  pages.push_back(p3);
  return pages;
}

std::string dump(const std::vector<TextBlock>& blocks) {
  std::string s;
  for (const auto& b : blocks) {
    s += "[p" + std::to_string(b.page) + " kind " + std::to_string(static_cast<int>(b.kind)) + "] " + b.text + "\n";
  }
  return s;
}

const TextBlock* find_block(const std::vector<TextBlock>& blocks, std::string_view needle) {
  for (const auto& b : blocks) {
    if (b.text.find(needle) != std::string::npos) return &b;
  }
  return nullptr;
}

class AnalyzeLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override { blocks_ = analyze_layout(three_page_report()); }
  std::vector<TextBlock> blocks_;
};

TEST_F(AnalyzeLayoutTest, RunningHeaderRepeatedOnEveryPageIsRemoved) {
  for (const auto& b : blocks_) {
    EXPECT_EQ(b.text.find("OEA/Ser.G"), std::string::npos) << dump(blocks_);
    EXPECT_EQ(b.text.find("CP/CSH-9902/12"), std::string::npos) << dump(blocks_);
    EXPECT_EQ(b.text.find("TEST RENDERING"), std::string::npos) << dump(blocks_);
  }
}

TEST_F(AnalyzeLayoutTest, PageNumbersAreRemoved) {
  for (const auto& b : blocks_) {
    for (int n = 1; n <= 3; ++n) {
      EXPECT_EQ(b.text.find("- " + std::to_string(n) + " -"), std::string::npos) << dump(blocks_);
      EXPECT_EQ(b.text.find("-" + std::to_string(n) + "-"), std::string::npos) << dump(blocks_);
    }
    EXPECT_FALSE(is_page_number_line(b.text)) << b.text;
  }
}

TEST_F(AnalyzeLayoutTest, WordHyphenatedAcrossLinesIsJoined) {
  const TextBlock* b = find_block(blocks_, "human trafficking in the states");
  ASSERT_NE(b, nullptr) << dump(blocks_);
  EXPECT_EQ(b->text.find("traf-"), std::string::npos);
  EXPECT_EQ(b->page, 1);
  // A real hyphenated compound at a line end would keep its hyphen; here lines join with a space.
  EXPECT_NE(b->text.find("responsible for preventing"), std::string::npos) << b->text;
}

TEST_F(AnalyzeLayoutTest, SmallFontNoteAtTheBottomBecomesAFootnoteBlock) {
  const TextBlock* note = find_block(blocks_, "Multidimensional Security");
  ASSERT_NE(note, nullptr) << dump(blocks_);
  EXPECT_EQ(note->kind, TextBlock::Kind::kFootnote) << dump(blocks_);
  EXPECT_EQ(note->page, 2);
  EXPECT_EQ(note->text.rfind("1/", 0), 0u) << note->text;
  EXPECT_NE(note->text.find("chapter two"), std::string::npos) << "both lines of the note: " << note->text;
  // and the note is not glued to the body text above it
  const TextBlock* body = find_block(blocks_, "curricula of police academies");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->text.find("Multidimensional"), std::string::npos) << body->text;
  EXPECT_EQ(body->kind, TextBlock::Kind::kParagraph);
}

TEST_F(AnalyzeLayoutTest, SuperscriptFootnoteMarkerIsDroppedFromTheSentence) {
  const TextBlock* b = find_block(blocks_, "justice system officials");
  ASSERT_NE(b, nullptr) << dump(blocks_);
  EXPECT_NE(b->text.find("officials in particular and the prosecutors"), std::string::npos) << b->text;
  EXPECT_EQ(b->text.find("1/"), std::string::npos) << b->text;
}

TEST_F(AnalyzeLayoutTest, ParagraphContinuedOnTheNextPageIsOneBlockOnItsFirstPage) {
  const TextBlock* b = find_block(blocks_, "identification of victims, and the courses were given");
  ASSERT_NE(b, nullptr) << dump(blocks_);
  EXPECT_EQ(b->page, 1);
}

TEST_F(AnalyzeLayoutTest, PagesAndOrderAreKept) {
  const TextBlock* heading = find_block(blocks_, "CAPACITY BUILDING");
  ASSERT_NE(heading, nullptr) << dump(blocks_);
  EXPECT_EQ(heading->kind, TextBlock::Kind::kHeading);
  EXPECT_EQ(heading->text, "CAPACITY BUILDING");
  EXPECT_EQ(heading->page, 1);
  const TextBlock* last = find_block(blocks_, "border controls");
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->page, 3);
  EXPECT_EQ(&blocks_.front(), heading);
  EXPECT_EQ(&blocks_.back(), last) << dump(blocks_);
}

TEST(AnalyzeLayoutSinglePageTest, LonePageNumberAtTheBottomIsRemoved) {
  PageWords page;
  page.number = 1;
  page.width = kWidth;
  page.height = kHeight;
  add_paragraph(page, {"Article 3 of the law protects every victim of trafficking in persons."}, 100);
  add_line(page, "3", 800, 9, false, 295);
  auto blocks = analyze_layout({page});
  ASSERT_EQ(blocks.size(), 1u) << dump(blocks);
  EXPECT_EQ(blocks[0].text, "Article 3 of the law protects every victim of trafficking in persons.");
}

// "Article 12" opening the first line of a page is the article, though "Article N" opens other pages
// too; a header that names the section and the page ("§ 7102 TITLE 22 ... Page 1531") still repeats.
TEST(AnalyzeLayoutRunningHeaderTest, AnArticleAtThePageTopIsKeptAHeaderNamingTheSectionIsNot) {
  std::vector<PageWords> pages;
  for (int n = 1; n <= 6; ++n) {
    PageWords page;
    page.number = n;
    page.width = kWidth;
    page.height = kHeight;
    add_line(page, "§ 7102 TITLE 22 FOREIGN RELATIONS Page " + std::to_string(1530 + n), 36, 9);
    add_line(page, "Article " + std::to_string(10 + n), 60, kBody);
    add_paragraph(page, {"Each State Party shall adopt such legislative and other measures as may be necessary."}, 200);
    pages.push_back(page);
  }
  auto blocks = analyze_layout(pages);
  std::string all;
  for (const auto& b : blocks) all += b.text + "\n";
  for (int n = 11; n <= 16; ++n) EXPECT_NE(all.find("Article " + std::to_string(n)), std::string::npos) << all;
  EXPECT_EQ(all.find("FOREIGN RELATIONS"), std::string::npos) << all;
}

// An item of a list set in capitals, "(3) HIV/AIDS", is text of its section, not a heading.
TEST(AnalyzeLayoutHeadingTest, AListItemInCapitalsIsNoHeading) {
  PageWords page;
  page.number = 1;
  page.width = kWidth;
  page.height = kHeight;
  double y = add_paragraph(page, {"In this section the following terms apply to programs of assistance:"}, 100);
  add_line(page, "(3) HIV/AIDS", y, kBody);
  y += 30;
  add_line(page, "CHAPTER 78 TRAFFICKING VICTIMS PROTECTION", y, kBody);
  auto blocks = analyze_layout({page});
  bool item_is_text = false, chapter_is_heading = false;
  for (const auto& b : blocks) {
    if (b.text.find("(3) HIV/AIDS") != std::string::npos) item_is_text = b.kind != TextBlock::Kind::kHeading;
    if (b.text.rfind("CHAPTER 78", 0) == 0) chapter_is_heading = b.kind == TextBlock::Kind::kHeading;
  }
  EXPECT_TRUE(item_is_text) << dump(blocks);
  EXPECT_TRUE(chapter_is_heading) << dump(blocks);
}

// One page with one paragraph of the given lines (all justified but the last).
std::vector<TextBlock> one_paragraph(const std::vector<std::string>& lines) {
  PageWords page;
  page.number = 1;
  page.width = kWidth;
  page.height = kHeight;
  add_paragraph(page, lines, 100);
  return analyze_layout({page});
}

TEST(AnalyzeLayoutHyphenTest, HyphenSetAsItsOwnWordAtTheLineEndIsJoinedToo) {
  // Typesetters often hang the hyphen in the margin as a separate glyph run: "interna" "-" / "tional".
  PageWords page;
  page.number = 1;
  page.width = kWidth;
  page.height = kHeight;
  add_line(page, "of discussing the elaboration of, inter alia, an interna", 100, kBody, true);
  Word hyphen;
  hyphen.text = "-";
  hyphen.size = kBody;
  hyphen.x0 = kRight + 0.5;
  hyphen.x1 = kRight + 4;
  hyphen.y0 = 100;
  hyphen.y1 = 100 + kBody;
  page.words.push_back(hyphen);
  add_line(page, "tional instrument addressing trafficking in women and children.", 113.5);
  auto blocks = analyze_layout({page});
  ASSERT_EQ(blocks.size(), 1u) << dump(blocks);
  EXPECT_NE(blocks[0].text.find("an international instrument"), std::string::npos) << blocks[0].text;
}

TEST(AnalyzeLayoutHyphenTest, HyphenBeforeACapitalisedWordIsKeptWithoutASpace) {
  // "Inter-" + "American Declaration": a compound whose second part is a name, never a cut word.
  auto blocks = one_paragraph({"the preparatory discussions for both the revised Work Plan and the Inter-",
                               "American Declaration against Trafficking in Persons."});
  ASSERT_EQ(blocks.size(), 1u) << dump(blocks);
  EXPECT_NE(blocks[0].text.find("the Inter-American Declaration"), std::string::npos) << blocks[0].text;
}

// A page set in two columns (the Council of Europe's conventions): Poppler gives its words row by
// row across both; a reader reads the left column, then the right one.
TEST(AnalyzeLayoutColumnsTest, TwoColumnsAreReadOneAfterTheOther) {
  PageWords page;
  page.number = 1;
  page.width = kWidth;
  page.height = kHeight;
  const double right_x = 320;
  std::vector<std::pair<std::string, std::string>> rows = {{"Article 23", "Article 25"},
                                                           {"Sanctions and measures", "Previous convictions"}};
  for (int i = 0; i < 12; ++i) {
    rows.push_back({"left text line " + std::to_string(i) + " goes on", "right text row " + std::to_string(i) + " runs on"});
  }
  rows.back().first += ".";
  rows.back().second += ".";
  double y = 100;
  for (const auto& [left, right] : rows) {
    add_line(page, left, y, kBody, false, kLeft);
    add_line(page, right, y, kBody, false, right_x);
    y += 13.5;
  }
  auto blocks = analyze_layout({page});
  std::string all;
  for (const auto& b : blocks) all += b.text + "\n";
  const size_t left_label = all.find("Article 23"), right_label = all.find("Article 25");
  ASSERT_NE(left_label, std::string::npos) << dump(blocks);
  ASSERT_NE(right_label, std::string::npos) << dump(blocks);
  EXPECT_EQ(all.find("Article 23 Article 25"), std::string::npos) << "two labels side by side are two lines";
  EXPECT_LT(all.find("left text line 11"), right_label) << "the left column ends before the right one begins\n" << all;
  EXPECT_LT(right_label, all.find("right text row 0")) << all;
  EXPECT_EQ(all.find("goes on right"), std::string::npos) << "no line runs across the gutter\n" << all;

  // One column with a wide gap inside a few lines (a right-aligned note) is still one column.
  PageWords single;
  single.number = 1;
  single.width = kWidth;
  single.height = kHeight;
  y = 100;
  for (int i = 0; i < 14; ++i) {
    add_line(single, "the whole width of the page is one line of text here number " + std::to_string(i), y, kBody, true);
    y += 13.5;
  }
  auto one = analyze_layout({single});
  ASSERT_EQ(one.size(), 1u) << dump(one);
  EXPECT_NE(one[0].text.find("number 0 the whole"), std::string::npos) << one[0].text;
}

TEST(AnalyzeLayoutEmptyTest, NoPagesNoBlocks) {
  EXPECT_TRUE(analyze_layout({}).empty());
  PageWords blank;
  blank.number = 1;
  blank.width = kWidth;
  blank.height = kHeight;
  EXPECT_TRUE(analyze_layout({blank}).empty());
}

struct PageNumberCase {
  std::string line;
  bool page_number;
};

void PrintTo(const PageNumberCase& c, std::ostream* os) { *os << "\"" << c.line << "\""; }

class PageNumberLineTest : public ::testing::TestWithParam<PageNumberCase> {};

TEST_P(PageNumberLineTest, Table) {
  EXPECT_EQ(is_page_number_line(GetParam().line), GetParam().page_number) << "\"" << GetParam().line << "\"";
}

INSTANTIATE_TEST_SUITE_P(Table, PageNumberLineTest,
                         ::testing::Values(PageNumberCase{"- 3 -", true},
                                           PageNumberCase{"-3-", true},
                                           PageNumberCase{"3", true},
                                           PageNumberCase{"  12  ", true},
                                           PageNumberCase{"1 de 57", true},
                                           PageNumberCase{"Page 3 of 10", true},
                                           PageNumberCase{"page 3", true},
                                           PageNumberCase{"Página 4 de 57", true},
                                           PageNumberCase{"3/57", true},
                                           PageNumberCase{"Article 3 of the law", false},
                                           PageNumberCase{"3 victims", false},
                                           PageNumberCase{"Chapter 3", false},
                                           PageNumberCase{"", false}));

struct LigatureCase {
  std::string input;
  std::string expanded;
};

void PrintTo(const LigatureCase& c, std::ostream* os) { *os << c.expanded; }

class ExpandLigaturesTest : public ::testing::TestWithParam<LigatureCase> {};

TEST_P(ExpandLigaturesTest, Table) { EXPECT_EQ(expand_ligatures(GetParam().input), GetParam().expanded); }

INSTANTIATE_TEST_SUITE_P(
    Table, ExpandLigaturesTest,
    ::testing::Values(LigatureCase{"\xEF\xAC\x81nanciación", "financiación"},       // ﬁ
                      LigatureCase{"tra\xEF\xAC\x83" "c", "traffic"},              // ﬃ
                      LigatureCase{"\xEF\xAC\x82ow", "flow"},                      // ﬂ
                      LigatureCase{"e\xEF\xAC\x80orts", "efforts"},                // ﬀ
                      LigatureCase{"ba\xEF\xAC\x84" "e", "baffle"},                // ﬄ
                      LigatureCase{"traf\xC2\xAD" "ficking", "trafficking"},  // soft hyphen dropped
                      LigatureCase{"no ligature", "no ligature"},
                      LigatureCase{"", ""}));

}  // namespace
}  // namespace atip::pdf
