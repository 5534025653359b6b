// Cuts extracted blocks into passages a reader would cite: numbered items, articles of laws,
// events, footnotes and paragraphs, each with its page and heading path.
#pragma once

#include <vector>

#include "atip/document.h"

namespace atip {

struct SegmenterOptions {
  size_t max_passage_chars = 3000;  // longer passages are split at sentence ends
};

std::vector<Passage> segment_passages(const std::vector<TextBlock>& blocks, const SegmenterOptions& options = {});


// An article's caption line split as cited: "§ 7101. Purposes and findings" -> {"§ 7101",
// "Purposes and findings"}; "Artículo 10" -> {"Artículo 10", ""}; no label -> {"", ""}.
struct ArticleCaption {
  std::string label;
  std::string caption;
};
ArticleCaption split_article_caption(const std::string& article);

// The title a subdivision of an article opens with: "(4) Training of Government personnel (A) In
// general ..." -> "(4) Training of Government personnel"; empty when the text opens with no
// enumerated title ("(i) the number of persons ...").
std::string subdivision_caption(const std::string& text);

}  // namespace atip
