#include "extract/pdf_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <unordered_map>
#include <unordered_set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "atip/legal.h"
#include "atip/text.h"

namespace atip::pdf {
namespace {

struct Line {
  std::string text;
  double top = 0, bottom = 0, left = 0, right = 0;
  double size = 0;
  bool bold = false;
  int page = 0;
  double page_height = 0;
  bool removed = false;
  bool footnote = false;
};

bool starts_with_lower(std::string_view s) {
  auto tokens = text::tokenize(s.substr(0, std::min<size_t>(s.size(), 40)));
  if (tokens.empty()) return false;
  if (tokens.front().begin != 0) return false;
  std::string first(s.substr(0, tokens.front().end));
  return first != text::lower(first) ? false : !std::isdigit(static_cast<unsigned char>(first[0]));
}

bool ends_sentence(std::string_view s) {
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == ':' || c == ';' || c == '?' || c == '!') return true;
  // closing quotes after a full stop: ." or .” (UTF-8 E2 80 9D)
  if (s.size() >= 4 && s.substr(s.size() - 3) == "\xE2\x80\x9D") return s[s.size() - 4] == '.';
  return false;
}

// "Capacity Building", "Promoting International Cooperation": most longer words capitalised.
bool is_title_case(std::string_view s) {
  auto tokens = text::tokenize(s);
  int long_words = 0, capitalised = 0;
  for (const auto& t : tokens) {
    if (t.end - t.begin < 4) continue;
    ++long_words;
    if (t.lowered != std::string(s.substr(t.begin, t.end - t.begin))) ++capitalised;
  }
  return long_words >= 1 && capitalised * 10 >= long_words * 7 && !tokens.empty() &&
         tokens.front().lowered != std::string(s.substr(tokens.front().begin, tokens.front().end - tokens.front().begin));
}

bool is_upper_text(std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int letters = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    if (u_islower(c)) return false;
    ++letters;
  }
  return letters >= 3;
}

const std::regex& item_start() {
  // "19. Adopt", "V. Debida", "a) ...", "(1) ...", "Artículo 5", "Art. 149-A", "279.01 (1)", "Section 3"
  static const std::regex re(R"(^(\d{1,3}\.\s|[IVXLC]{1,6}\.\s|[a-z]\)\s|\(\d{1,3}\)\s|\([a-z]\)\s|(?:)" +
                                 article_words_pattern() + R"()\s*\d|\d{3}\.\d{1,3}\b))",
                             std::regex::optimize);
  return re;
}

// "(3) HIV/AIDS", "(b) Findings": an item of a list, however it is set, is not a heading.
bool is_enumerated(const std::string& line) {
  static const std::regex re(R"(^\((?:\d{1,3}|[a-zA-Z]{1,4})\)\s)", std::regex::optimize);
  return std::regex_search(line, re);
}

const std::regex& footnote_start() {
  static const std::regex re(R"(^(\d{1,3}/|\d{1,3}\s|\*|\[\d+\]))", std::regex::optimize);
  return re;
}

std::string signature(std::string_view s) {
  std::string f = text::fold(s);
  std::string out;
  for (char c : f) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (out.empty() || out.back() != '#') out.push_back('#');
    } else if (std::isalpha(static_cast<unsigned char>(c))) {  // punctuation varies in scans: "11." "11 :"
      out.push_back(c);
    }
  }
  return out;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// The white band between the two columns of a page set in two (the Council of Europe's
// conventions), when there is one.
struct Gutter {
  bool found = false;
  double left = 0, right = 0;
  double middle() const { return (left + right) / 2; }
};

constexpr size_t kMinWordsForColumns = 80;
constexpr double kGutterSearchFrom = 0.35, kGutterSearchTo = 0.65;  // of the page width
constexpr double kMinGutterWidth = 6;        // points
constexpr double kMinColumnShare = 0.3;      // of the page's words, on each side
constexpr double kGutterBin = 2;             // points

// In rows with words on both sides, the space across the gutter is far wider than the spaces
// between the row's other words: columns, not a justified line whose spaces happen to line up.
bool gap_stands_out(const PageWords& page, const Gutter& g) {
  constexpr double kRowTolerance = 2;  // points between the tops of words on one row
  constexpr double kWiderThanSpaces = 2.5;
  constexpr double kRowsThatMustShowIt = 0.7;
  std::map<long, std::vector<const Word*>> rows;
  for (const Word& w : page.words) rows[std::lround(w.y0 / kRowTolerance)].push_back(&w);
  int spanning = 0, columns = 0;
  for (auto& [unused, row] : rows) {
    std::sort(row.begin(), row.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
    double across = -1;
    std::vector<double> spaces;
    for (size_t i = 1; i < row.size(); ++i) {
      const double space = row[i]->x0 - row[i - 1]->x1;
      if (row[i - 1]->x1 <= g.middle() && row[i]->x0 >= g.middle()) {
        across = space;
      } else {
        spaces.push_back(space);
      }
    }
    if (across < 0) continue;
    ++spanning;
    columns += spaces.empty() || across > kWiderThanSpaces * std::max(1.0, median(spaces));
  }
  return spanning == 0 || columns >= kRowsThatMustShowIt * spanning;
}

Gutter find_gutter(const PageWords& page) {
  Gutter g;
  if (page.words.size() < kMinWordsForColumns) return g;
  double width = page.width;
  for (const Word& w : page.words) width = std::max(width, w.x1);
  if (width <= 0) return g;
  const size_t bins = static_cast<size_t>(width / kGutterBin) + 1;
  std::vector<int> cover(bins, 0);
  for (const Word& w : page.words) {
    const size_t from = static_cast<size_t>(std::max(0.0, w.x0) / kGutterBin);
    const size_t to = std::min(bins - 1, static_cast<size_t>(std::max(0.0, w.x1) / kGutterBin));
    for (size_t b = from; b <= to; ++b) ++cover[b];
  }
  // Running headers, a centred page number: a few words may cross the gutter.
  const int allowed = std::max<int>(2, static_cast<int>(page.words.size() / 100));
  size_t best_from = 0, best_len = 0;
  const size_t lo = static_cast<size_t>(width * kGutterSearchFrom / kGutterBin);
  const size_t hi = static_cast<size_t>(width * kGutterSearchTo / kGutterBin);
  for (size_t b = lo; b <= hi && b < bins;) {
    if (cover[b] > allowed) {
      ++b;
      continue;
    }
    size_t e = b;
    while (e < bins && cover[e] <= allowed) ++e;
    if (e - b > best_len) best_from = b, best_len = e - b;
    b = e;
  }
  if (best_len * kGutterBin < kMinGutterWidth) return g;
  g.left = best_from * kGutterBin;
  g.right = (best_from + best_len) * kGutterBin;
  size_t on_left = 0, on_right = 0;
  for (const Word& w : page.words) {
    on_left += w.x1 <= g.left + kGutterBin;
    on_right += w.x0 >= g.right - kGutterBin;
  }
  const double share = kMinColumnShare * static_cast<double>(page.words.size());
  g.found = on_left >= share && on_right >= share && gap_stands_out(page, g);
  return g;
}

std::vector<Line> build_lines(const PageWords& page, const Gutter& gutter) {
  std::vector<Line> lines;
  const Word* previous = nullptr;
  for (const Word& w : page.words) {
    if (w.text.empty()) continue;
    double height = std::max(1.0, w.y1 - w.y0);
    double center = (w.y0 + w.y1) / 2;
    bool new_line = lines.empty();
    if (!new_line) {
      Line& cur = lines.back();
      double cur_center = (cur.top + cur.bottom) / 2;
      double tolerance = 0.5 * std::min(height, std::max(1.0, cur.bottom - cur.top));
      new_line = std::abs(center - cur_center) > tolerance && !(w.y0 >= cur.top && w.y1 <= cur.bottom);
      if (!new_line && previous && w.x0 < previous->x0 - 1) new_line = true;
      // Side by side in two columns: the same height, two lines.
      if (!new_line && previous && gutter.found && previous->x1 <= gutter.middle() && w.x0 >= gutter.middle()) {
        new_line = true;
      }
    }
    if (new_line) {
      Line l;
      l.top = w.y0;
      l.bottom = w.y1;
      l.left = w.x0;
      l.right = w.x1;
      l.size = w.size;
      l.bold = w.bold;
      l.page = page.number;
      l.page_height = page.height;
      l.text = w.text;
      lines.push_back(std::move(l));
    } else {
      Line& cur = lines.back();
      bool gap = previous && (previous->space_after || w.x0 - previous->x1 > 0.15 * std::max(1.0, w.size));
      bool lone_hyphen = w.text == "-" || w.text == "\xE2\x80\x90";  // set as its own glyph at a line end
      if (gap && !lone_hyphen) cur.text.push_back(' ');
      cur.text += w.text;
      cur.top = std::min(cur.top, w.y0);
      cur.bottom = std::max(cur.bottom, w.y1);
      cur.right = std::max(cur.right, w.x1);
      cur.left = std::min(cur.left, w.x0);
      cur.size = std::max(cur.size, w.size);
      cur.bold = cur.bold && w.bold;
    }
    previous = &w;
  }
  return lines;
}

// Reading order on a page in two columns: between lines that span both columns (a title, a
// running header), the left column's lines, then the right column's.
void read_by_columns(std::vector<Line>& lines, const Gutter& gutter) {
  if (!gutter.found) return;
  auto column = [&](const Line& l) { return l.right <= gutter.middle() ? 0 : l.left >= gutter.middle() ? 1 : -1; };
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.top < b.top; });
  std::vector<Line> ordered;
  ordered.reserve(lines.size());
  std::vector<Line> right;
  for (auto& l : lines) {
    const int c = column(l);
    if (c == 1) {
      right.push_back(std::move(l));
      continue;
    }
    if (c == -1) {
      for (auto& r : right) ordered.push_back(std::move(r));
      right.clear();
    }
    ordered.push_back(std::move(l));
  }
  for (auto& r : right) ordered.push_back(std::move(r));
  lines = std::move(ordered);
}

// Superscript footnote markers inside body lines ("particular 1/") are dropped from the text.
std::vector<Word> drop_superscript_markers(const std::vector<Word>& words) {
  static const std::regex marker(R"(^\d{1,3}/?$)");
  std::vector<Word> out;
  out.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    const Word* before = i > 0 ? &words[i - 1] : nullptr;
    bool small = before && w.size > 0 && w.size < 0.8 * before->size && w.y0 < before->y0 + 0.1;
    if (small && std::regex_match(w.text, marker)) {
      if (!out.empty()) out.back().space_after = true;
      continue;
    }
    out.push_back(w);
  }
  return out;
}

// The words of the whole document, to decide whether a hyphen at a line end belongs to the word.
struct Vocabulary {
  std::unordered_set<std::string> words;       // folded
  std::unordered_set<std::string> hyphenated;  // folded "a-b" written on one line
};

bool is_compound_prefix(const std::string& folded) {
  // Only prefixes that a line break hardly ever cuts a word after ("so-called", "anti-corruption").
  static const std::unordered_set<std::string> prefixes = {"anti", "non", "self", "so", "well", "cross", "counter"};
  return prefixes.count(folded) > 0;
}

void join_line(std::string& block, const std::string& line, const Vocabulary* vocabulary = nullptr) {
  if (block.empty()) {
    block = line;
    return;
  }
  // A hyphen at the end of a line: a word broken in two ("traf-" + "ficking" -> "trafficking"),
  // or a compound that keeps its hyphen ("anti-" + "corruption", "Inter-" + "American").
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80); };
  if (block.size() >= 2 && block.back() == '-' && letter(block[block.size() - 2])) {
    size_t start = block.find_last_of(" \n(\"", block.size() - 2);
    start = start == std::string::npos ? 0 : start + 1;
    std::string head = block.substr(start, block.size() - 1 - start);
    auto tail_tokens = text::tokenize(line.substr(0, std::min<size_t>(line.size(), 60)));
    std::string tail = tail_tokens.empty() || tail_tokens.front().begin != 0 ? std::string() : tail_tokens.front().folded;
    std::string folded_head = text::fold(head);
    std::string tail_surface = tail_tokens.empty() ? std::string() : line.substr(0, tail_tokens.front().end);
    bool capitals = is_upper_text(head) && is_upper_text(tail_surface);  // "ESTA-" + "BLECE" in a heading
    bool keep_hyphen = !starts_with_lower(line) && !capitals;  // "Inter-" + "American"
    if (!keep_hyphen && vocabulary && !tail.empty()) {
      if (vocabulary->words.count(folded_head + tail)) {
        keep_hyphen = false;
      } else if (vocabulary->hyphenated.count(folded_head + "-" + tail) ||
                 (is_compound_prefix(folded_head) && tail.size() >= 4) ||
                 (folded_head == "re" && tail.front() == 'e')) {  // "re-enter", "re-establish"
        keep_hyphen = true;
      }
    }
    if (!keep_hyphen) block.pop_back();
    block += line;
    return;
  }
  static const std::string soft = "\xC2\xAD";
  if (block.size() >= soft.size() && block.compare(block.size() - soft.size(), soft.size(), soft) == 0) {
    block.erase(block.size() - soft.size());
    block += line;
    return;
  }
  block.push_back(' ');
  block += line;
}

}  // namespace

std::string expand_ligatures(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> ligatures[] = {
      {"\xEF\xAC\x80", "ff"}, {"\xEF\xAC\x81", "fi"},  {"\xEF\xAC\x82", "fl"},
      {"\xEF\xAC\x83", "ffi"}, {"\xEF\xAC\x84", "ffl"}, {"\xEF\xAC\x85", "st"},
      {"\xEF\xAC\x86", "st"}};
  std::string out(s);
  if (out.find("\xEF\xAC") != std::string::npos) {
    for (const auto& [from, to] : ligatures) {
      for (size_t p; (p = out.find(from)) != std::string::npos;) out.replace(p, from.size(), to);
    }
  }
  // Inside a word a soft hyphen is invisible; at the end of a line it still marks a join.
  static const std::string soft_hyphen = "\xC2\xAD";
  if (out.find(soft_hyphen) == std::string::npos) return out;
  std::string kept;
  kept.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (i + 2 < out.size() && out.compare(i, 2, soft_hyphen) == 0) {
      ++i;
      continue;
    }
    kept.push_back(out[i]);
  }
  return kept;
}

bool is_page_number_line(std::string_view line) {
  static const std::regex re(
      R"(^[\s\-–—]*(p(?:a|á)g(ina|e|\.)?\s*)?\d{1,4}(\s*(de|of|sur|/|-)\s*\d{1,4})?[\s\-–—]*$)",
      std::regex::icase | std::regex::optimize);
  std::string s(line);
  return std::regex_match(s, re);
}

namespace {

// What layout analysis judges by, in fractions of a page or in sizes of the body text.
constexpr double kDefaultPageHeight = 842;      // points (A4), when a page does not say
constexpr double kTopMargin = 0.12;             // running headers stand above this fraction of the page ...
constexpr double kBottomMargin = 0.88;          // ... and footers below this one
constexpr double kNotesBelow = 0.5;             // footnotes begin in the lower half of a page
constexpr double kSmallPrint = 0.9;             // smaller than the body text by this: notes, small print
constexpr double kLargerPrint = 1.12;           // larger than the body text by this: a heading's print
constexpr double kTitlePrint = 1.3;             // ... and by this, a heading of the first level
constexpr double kParagraphSpace = 0.6;         // body sizes of space, beyond the usual line gap, between paragraphs
constexpr double kUnmeasuredLineGap = 0.3;      // body sizes: the line gap of a page with too few lines to measure
constexpr double kIndent = 1.5;                 // body sizes of indentation that open a paragraph
constexpr double kShortLine = 2.5;              // body sizes short of its column's edge: a paragraph's last line
constexpr double kTitleShortness = 0.25;        // a free-standing title stops this share of its width short of the edge
constexpr size_t kColumnEdgeDecile = 9;         // a column's right edge: this decile of its lines' right ends
constexpr size_t kMaxHeadingBytes = 140;
constexpr size_t kSizeSampleBytes = 200;        // how much of a line speaks for the body text's size

double page_height(const Line& l) { return l.page_height > 0 ? l.page_height : kDefaultPageHeight; }
bool in_margin(const Line& l) { return l.bottom < kTopMargin * page_height(l) || l.top > kBottomMargin * page_height(l); }
bool is_small_print(const Line& l, double body_size) { return l.size < body_size * kSmallPrint; }

// Poppler sometimes lists a line before the one above it in the same column: restore the order.
void restore_line_order(std::vector<Line>& lines) {
  for (size_t i = 1; i < lines.size(); ++i) {
    for (size_t j = i; j > 0; --j) {
      const Line& above = lines[j];
      const Line& below = lines[j - 1];
      // Same column: the lines overlap, or nearly (an indented first line beside a short last one).
      const double reach = std::max(1.0, below.bottom - below.top);
      const bool overlap = above.left < below.right + reach && below.left < above.right + reach;
      const bool higher = (above.top + above.bottom) / 2 < below.top;
      if (!(overlap && higher)) break;
      std::swap(lines[j], lines[j - 1]);
    }
  }
}

struct PagesOfLines {
  std::vector<std::vector<Line>> pages;
  std::vector<Gutter> gutters;  // per page
  double body_size = 1;         // the median size of the text, weighted by its length
};

// Pass 1, lines: each page's words (markers dropped, ligatures expanded) as lines in reading order,
// column by column where the page has two.
PagesOfLines lines_pass(const std::vector<PageWords>& pages) {
  PagesOfLines out;
  out.pages.reserve(pages.size());
  std::vector<double> sizes;
  for (const PageWords& p : pages) {
    PageWords cleaned = p;
    cleaned.words = drop_superscript_markers(p.words);
    for (auto& w : cleaned.words) w.text = expand_ligatures(text::sanitize_utf8(w.text));
    const Gutter gutter = find_gutter(cleaned);
    out.gutters.push_back(gutter);
    std::vector<Line>& lines = out.pages.emplace_back(build_lines(cleaned, gutter));
    restore_line_order(lines);
    read_by_columns(lines, gutter);
    for (const Line& l : lines) {
      for (size_t i = 0; i < std::min(l.text.size(), kSizeSampleBytes); i += 4) sizes.push_back(l.size);
    }
  }
  out.body_size = std::max(1.0, median(sizes));
  return out;
}

// Pass 2, margins: running headers and footers (lines in the top or bottom margin that repeat
// across pages, digits ignored) and page numbers are removed.
void margins_pass(PagesOfLines& doc) {
  // "Article 12" at the top of one page and "Article 27" at the top of another are two articles, not
  // one running header: the number of an article's label counts, other numbers do not ("§ 7102
  // TITLE 22 ... Page 1531" repeats as a header while the section runs on).
  auto margin_signature = [](const Line& l) {
    const std::string label = article_label(l.text);
    const size_t label_end = label.empty() ? 0 : l.text.find(label) + label.size();
    return label + signature(std::string_view(l.text).substr(label_end));
  };
  std::unordered_map<std::string, int> margin_counts;
  for (auto& lines : doc.pages) {
    std::map<std::string, bool> seen_on_page;
    for (auto& l : lines) {
      if (in_margin(l)) seen_on_page[margin_signature(l)] = true;
    }
    for (auto& [sig, unused] : seen_on_page) margin_counts[sig]++;
  }
  const int pages_count = static_cast<int>(doc.pages.size());
  const int repeat_threshold = pages_count <= 4 ? 2 : std::max(3, pages_count / 3);
  for (auto& lines : doc.pages) {
    for (auto& l : lines) {
      if (is_page_number_line(l.text) && in_margin(l)) l.removed = true;
      // Small print at the foot of a page is a footnote unless it is on most pages: two notes
      // that say the same thing are still notes.
      const int needed = is_small_print(l, doc.body_size) ? std::max(repeat_threshold, (pages_count + 1) / 2) : repeat_threshold;
      if (pages_count >= 2 && in_margin(l) && margin_counts[margin_signature(l)] >= needed) l.removed = true;
    }
  }
}

// Pass 3, footnotes: small print in the lower half of a page, from a line that starts with a marker.
void footnotes_pass(PagesOfLines& doc) {
  for (auto& lines : doc.pages) {
    bool in_notes = false;
    for (auto& l : lines) {
      if (l.removed) continue;
      const bool small = is_small_print(l, doc.body_size);
      if (!in_notes && small && l.top > kNotesBelow * page_height(l) && std::regex_search(l.text, footnote_start())) {
        in_notes = true;
      }
      if (in_notes && !small) in_notes = false;
      l.footnote = in_notes;
    }
  }
}

// Pass 4, de-hyphenation's vocabulary: the words the document writes whole and with a hyphen, so
// that a word broken at a line end is joined as the document writes it.
Vocabulary dehyphenation_pass(const PagesOfLines& doc) {
  Vocabulary vocabulary;
  for (const auto& lines : doc.pages) {
    for (const auto& l : lines) {
      if (l.removed) continue;
      for (const auto& t : text::tokenize(l.text)) vocabulary.words.insert(t.folded);
      size_t dash = 0;
      while ((dash = l.text.find('-', dash + 1)) != std::string::npos && dash + 1 < l.text.size()) {
        size_t a = l.text.find_last_of(" (", dash);
        size_t b = l.text.find_first_of(" ,.;:)", dash);
        a = a == std::string::npos ? 0 : a + 1;
        if (b == std::string::npos) b = l.text.size();
        if (dash > a && b > dash + 1) vocabulary.hyphenated.insert(text::fold(l.text.substr(a, b - a)));
      }
    }
  }
  return vocabulary;
}

// What the blocks pass measures of one page's body lines: where each column's lines end, the usual
// gap between lines, and the space after each line.
struct PageMeasures {
  double column_rights[2] = {0, 0};
  double line_gap = 0;
  std::vector<double> gap_after;  // per line; huge after the last
};

PageMeasures measure_page(const std::vector<Line>& lines, const Gutter& gutter, double body_size) {
  PageMeasures m;
  std::vector<double> rights[2], gaps;
  const Line* prev = nullptr;
  for (const auto& l : lines) {
    if (l.removed || l.footnote) continue;
    rights[gutter.found && l.left >= gutter.middle()].push_back(l.right);
    if (prev && (!gutter.found || l.top > prev->bottom - 1)) gaps.push_back(l.top - prev->bottom);
    prev = &l;
  }
  for (int c = 0; c < 2; ++c) {
    std::sort(rights[c].begin(), rights[c].end());
    m.column_rights[c] = rights[c].empty() ? 0 : rights[c][rights[c].size() * kColumnEdgeDecile / 10];
  }
  m.line_gap = gaps.empty() ? body_size * kUnmeasuredLineGap : std::max(0.0, median(gaps));
  m.gap_after.assign(lines.size(), 1e9);
  const Line* previous = nullptr;
  size_t previous_index = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].removed || lines[i].footnote) continue;
    if (previous) m.gap_after[previous_index] = lines[i].top - previous->bottom;
    previous = &lines[i];
    previous_index = i;
  }
  return m;
}

// Pass 5, blocks: one page's lines as paragraphs, headings and footnotes. A block begins after a
// paragraph's space, at a numbered item after a sentence's end, after a short last line, and at a
// heading (bold, larger, in capitals, or a free-standing title).
void blocks_pass(const std::vector<Line>& lines, const Gutter& gutter, double body_size, const Vocabulary& vocabulary,
                 std::vector<TextBlock>& blocks) {
  const PageMeasures m = measure_page(lines, gutter, body_size);
  const double paragraph_space = m.line_gap + kParagraphSpace * body_size;
  TextBlock current, notes;
  auto flush = [&](TextBlock& b) {
    if (!b.text.empty()) blocks.push_back(std::move(b));
    b = TextBlock{};
  };
  const Line* last = nullptr;
  bool last_short = false;
  for (size_t index = 0; index < lines.size(); ++index) {
    const Line& l = lines[index];
    if (l.removed) continue;
    if (l.footnote) {
      if (std::regex_search(l.text, footnote_start()) && !notes.text.empty()) flush(notes);
      notes.kind = TextBlock::Kind::kFootnote;
      notes.page = l.page;
      join_line(notes.text, l.text, &vocabulary);
      continue;
    }
    const double column_right = m.column_rights[gutter.found && l.left >= gutter.middle()];
    const bool gap_before = !last || l.top - last->bottom > paragraph_space;
    const bool free_standing = gap_before && m.gap_after[index] > paragraph_space && column_right > 0 &&
                               l.right < column_right - kTitleShortness * (column_right - l.left) && is_title_case(l.text);
    const bool heading_like = l.text.size() < kMaxHeadingBytes && !ends_sentence(l.text) &&
                              (l.bold || l.size > body_size * kLargerPrint || is_upper_text(l.text) || free_standing) &&
                              !is_enumerated(l.text);
    bool new_block = current.text.empty();
    if (!new_block && last) {
      const bool big_gap = l.top - last->bottom > paragraph_space;
      const bool indented = l.left > last->left + kIndent * body_size;
      // "Artículo 5o. Constitucional" after "...Reglamentaria del" continues a sentence.
      const bool numbered = (last_short || ends_sentence(last->text)) && std::regex_search(l.text, item_start());
      new_block = big_gap || numbered || (last_short && (ends_sentence(last->text) || indented)) || heading_like ||
                  current.kind == TextBlock::Kind::kHeading;
      if (current.kind == TextBlock::Kind::kHeading && heading_like && !big_gap) new_block = false;
    }
    if (new_block) {
      flush(current);
      current.page = l.page;
      current.kind = heading_like ? TextBlock::Kind::kHeading : TextBlock::Kind::kParagraph;
      current.level = l.size > body_size * kTitlePrint ? 1 : 2;
    }
    join_line(current.text, l.text, &vocabulary);
    last_short = column_right > 0 && l.right < column_right - kShortLine * body_size;
    last = &l;
  }
  flush(current);
  flush(notes);
}

// Pass 6, pages: a paragraph continued on the next page (whose first paragraph starts in lower
// case) is one block; footnotes may stand between.
std::vector<TextBlock> page_breaks_pass(std::vector<TextBlock> blocks, const Vocabulary& vocabulary) {
  std::vector<TextBlock> merged;
  for (auto& b : blocks) {
    if (!merged.empty() && b.kind == TextBlock::Kind::kParagraph && b.page != merged.back().page) {
      for (auto it = merged.rbegin(); it != merged.rend(); ++it) {
        if (it->kind == TextBlock::Kind::kFootnote) continue;
        if (it->kind == TextBlock::Kind::kParagraph && !ends_sentence(it->text) && starts_with_lower(b.text)) {
          join_line(it->text, b.text, &vocabulary);
          b.text.clear();
        }
        break;
      }
      if (b.text.empty()) continue;
    }
    merged.push_back(std::move(b));
  }
  return merged;
}

}  // namespace

std::vector<TextBlock> analyze_layout(const std::vector<PageWords>& pages) {
  PagesOfLines doc = lines_pass(pages);
  margins_pass(doc);
  footnotes_pass(doc);
  const Vocabulary vocabulary = dehyphenation_pass(doc);
  std::vector<TextBlock> blocks;
  for (size_t i = 0; i < doc.pages.size(); ++i) blocks_pass(doc.pages[i], doc.gutters[i], doc.body_size, vocabulary, blocks);
  return page_breaks_pass(std::move(blocks), vocabulary);
}

}  // namespace atip::pdf
