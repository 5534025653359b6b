// Layout analysis of PDF pages: words -> lines -> paragraphs, with running headers, footers,
// page numbers and footnote markers removed. Independent of Poppler so it can be tested alone.
#pragma once

#include <string>
#include <vector>

#include "atip/document.h"

namespace atip::pdf {

struct Word {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // y grows downwards
  double size = 0;
  bool bold = false;
  bool space_after = true;
};

struct PageWords {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<Word> words;  // in reading order
};

// Turns pages of words into text blocks (paragraphs, headings, footnotes) in reading order.
std::vector<TextBlock> analyze_layout(const std::vector<PageWords>& pages);

// Replaces ligature code points by their letters and drops soft hyphens.
std::string expand_ligatures(std::string_view s);

// True for lines such as "- 3 -", "3", "1 de 57", "Page 3 of 10", "3/57".
bool is_page_number_line(std::string_view line);

}  // namespace atip::pdf
