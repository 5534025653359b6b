#include "analyze/passage_segmenter.h"

#include <algorithm>
#include <regex>

#include "atip/legal.h"
#include "atip/text.h"

namespace atip {
namespace {

const std::string kHeadingSeparator = " › ";
constexpr size_t kMaxHeadingName = 250;

bool ends_quotation(std::string_view text) {
  const size_t end = text.find_last_not_of(" \n.;,");  // "... por la ley.\"." ends the quotation too
  if (end == std::string_view::npos) return false;
  text = text.substr(0, end + 1);
  return text.ends_with("\"") || text.ends_with("\xE2\x80\x9D") || text.ends_with("\xC2\xBB");  // " ” »
}

bool is_quoted(std::string_view text) {
  const size_t start = text.find_first_not_of(" \n");
  if (start == std::string_view::npos) return false;
  text.remove_prefix(start);
  return text.starts_with("\"") || text.starts_with("\xE2\x80\x9C") || text.starts_with("\xC2\xAB");  // " “ «
}

const std::regex& article_re() {
  static const std::regex re(
      R"(^\s*(?:(?:"|“|«)\s*)?((?:Art(?:í|i)culo|ART(?:Í|I)CULO|Article|ARTICLE|Artigo|ARTIGO|Art\.|Sec\.|Section|SECTION|Sección|§)\s*(?:\d+[\w.\-ºo°]*(?:\s?[-–]\s?[A-Z]\b)?|(?:primero|segundo|tercero|cuarto|quinto|sexto|s(?:é|e)ptimo|octavo|noveno|d(?:é|e)cimo|(?:ú|u)nico)\b))"
      R"((?:\s+(?:bis|ter|qu(?:á|a)ter|quinquies|sexies|septies|octies|nonies|decies)\b)?|\d{3}\.\d{1,2}\b))",
      std::regex::optimize);
  return re;
}

const std::regex& numbered_item_re() {
  static const std::regex re(R"(^\s*\d{1,3}\.\s+\S)", std::regex::optimize);
  return re;
}

const std::regex& sub_item_re() {
  static const std::regex re(R"(^\s*(\(?[a-z]\)|\([ivx]+\)|[ivx]+\)|[IVXLC]{1,6}\.\s|[a-z]\.\s|-\s|•))",
                             std::regex::optimize);
  return re;
}

bool ends_sentence(const std::string& s) {
  size_t e = s.find_last_not_of(" \n");
  if (e == std::string::npos) return false;
  char c = s[e];
  if (c == '.' || c == ':' || c == ';' || c == '?' || c == '!' || c == '"') return true;
  // A closing quote after the stop: "... rest.” or "... rest.»
  static const std::string_view closing[] = {"\xE2\x80\x9D", "\xC2\xBB"};
  for (std::string_view q : closing) {
    if (e + 1 >= q.size() && s.compare(e + 1 - q.size(), q.size(), q) == 0) return true;
  }
  return false;
}

// A heading's name: a short line beginning with a capital, ending no sentence, not a list item nor
// a note ("... victims 12").
bool looks_like_a_name(const std::string& text) {
  if (text.empty() || text.size() > kMaxHeadingName || text.find('\n') != std::string::npos) return false;
  if (ends_sentence(text) || std::isdigit(static_cast<unsigned char>(text.back()))) return false;
  size_t first_char = 1;
  while (first_char < text.size() && (static_cast<unsigned char>(text[first_char]) & 0xC0) == 0x80) ++first_char;
  const std::string first = text.substr(0, first_char);
  return text::lower(first) != first;
}

// Splits an over-long text at sentence ends, each piece at most max_chars when possible.
std::vector<std::string> split_long(const std::string& text, size_t max_chars) {
  std::vector<std::string> pieces;
  if (text.size() <= max_chars) {
    pieces.push_back(text);
    return pieces;
  }
  size_t start = 0;
  while (start < text.size()) {
    if (text.size() - start <= max_chars) {
      pieces.push_back(text.substr(start));
      break;
    }
    size_t cut = std::string::npos;
    for (size_t i = start + max_chars; i > start + max_chars / 3; --i) {
      if ((text[i - 1] == '.' || text[i - 1] == ';') && (text[i] == ' ' || text[i] == '\n')) {
        cut = i;
        break;
      }
    }
    if (cut == std::string::npos) cut = text.find(' ', start + max_chars);
    if (cut == std::string::npos) cut = text.size();
    pieces.push_back(text.substr(start, cut - start));
    start = text.find_first_not_of(" \n", cut);
    if (start == std::string::npos) break;
  }
  return pieces;
}

// An article's caption: its label and the words that name it. A line of its own is the caption
// ("§ 7101. Purposes and findings"); run on with the text, it ends where the text begins, at an
// enumeration or at a capitalised word after a lower-case one ("Article 2 Statement of purpose The
// purposes..." -> "Article 2 Statement of purpose"). An article that starts with its text has its
// label only ("Artículo 10.- Toda acción u omisión..." -> "Artículo 10").
// Where the words after a label begin: past its punctuation (". ", ".- ", " – ", " — ", ": ").
size_t after_label_punctuation(const std::string& text, size_t at) {
  static const std::string_view dashes[] = {"\xE2\x80\x93", "\xE2\x80\x94"};  // – —
  while (at < text.size()) {
    if (text[at] == ' ' || text[at] == '.' || text[at] == '-' || text[at] == ':') {
      ++at;
      continue;
    }
    const auto dash = std::find_if(std::begin(dashes), std::end(dashes),
                                   [&](std::string_view d) { return text.compare(at, d.size(), d) == 0; });
    if (dash == std::end(dashes)) break;
    at += dash->size();
  }
  return at;
}

std::string caption_of(const std::string& text, const std::string& label) {
  constexpr size_t kMaxCaptionChars = 160;
  constexpr size_t kMaxCaptionWords = 16;
  const size_t label_at = text.find(label);
  if (label_at == std::string::npos) return label;
  const size_t body = after_label_punctuation(text, label_at + label.size());
  if (body >= text.size()) return label;
  const size_t line_end = std::min(text.find('\n', body), text.size());
  const std::string line = text.substr(body, line_end - body);
  static const std::regex enumeration(R"(^(?:\d+\.|\([0-9A-Za-z]{1,4}\)|[a-z]\)))");
  bool after_lower_word = false, enumerated = false, commas = false, sentence = false;
  size_t words = 0, caption_end = 0;  // in line
  for (size_t i = 0; i < line.size() && words < kMaxCaptionWords;) {
    const size_t end = std::min(line.find(' ', i), line.size());
    const std::string word = line.substr(i, end - i);
    if (!word.empty()) {
      if ((enumerated = std::regex_search(word, enumeration))) break;
      const std::string lowered = text::lower(word);
      size_t first_char = 1;
      while (first_char < word.size() && (static_cast<unsigned char>(word[first_char]) & 0xC0) == 0x80) ++first_char;
      const bool capitalised = lowered.compare(0, first_char, word, 0, first_char) != 0;
      const bool stopword = text::is_stopword_any(text::fold(word));
      // "... purpose The purposes", "Definitions In this chapter": where the text's first sentence begins.
      if (capitalised && words > 0 && (after_lower_word || stopword)) {
        sentence |= commas;  // "Toda acción u omisión dolosa de una o varias personas para captar, ... Ley"
        break;
      }
      if (words == 0 && stopword) {
        sentence = true;  // "La protección de las víctimas...": a sentence, not a name
        break;
      }
      commas |= word.back() == ',' || word.back() == ';';
      const unsigned char first = static_cast<unsigned char>(word[0]);
      const bool letter = std::isalpha(first) || first >= 0x80;  // "étrangers" starts with a letter too
      after_lower_word = !capitalised && letter && !stopword;
      ++words;
      caption_end = end;
    }
    i = end + 1;
  }
  size_t caption_length = label.size();
  const bool text_begins_here = !sentence && caption_end > 0 && caption_end < line.size() && words < kMaxCaptionWords;
  // "(a) Purposes" then, on the next line, "The purposes of this chapter are...".
  const bool line_of_its_own = line_end - label_at <= kMaxCaptionChars;
  if (line_of_its_own && !sentence && !enumerated && !ends_sentence(line)) {
    caption_length = line_end - label_at;
  } else if (text_begins_here) {
    caption_length = body + caption_end - label_at;
  }  // else the words after the label are the text's own
  std::string caption = text.substr(label_at, caption_length);
  while (!caption.empty() && std::string_view(" :,.-").find(caption.back()) != std::string_view::npos) caption.pop_back();
  return caption;
}

const std::regex& preamble_re() {
  static const std::regex re(R"((?:^|[\s.])(Preamble|PREAMBLE|Preámbulo|PREÁMBULO|Preâmbulo|Préambule|PRÉAMBULE|Preambule))",
                             std::regex::optimize);
  return re;
}

// "Preamble" as a treaty's text names it near its start ("... Organized Crime PreambuleThe States
// Parties"), else empty.
std::string preamble_word(const std::string& text) {
  const std::string head = text.substr(0, std::min<size_t>(text.size(), 400));
  if (head.find("mb") == std::string::npos && head.find("MB") == std::string::npos) return {};
  std::smatch m;
  return std::regex_search(head, m, preamble_re()) ? m.str(1) : std::string();
}

// "CAPÍTULO II", "TÍTULO TERCERO", "CHAPTER  I": a structural heading that gives no name.
bool is_bare_structural_heading(std::string_view text) {
  if (!structural_heading(text).level) return false;
  return text::tokenize(text).size() <= 2;
}

}  // namespace

std::string article_label(std::string_view text) {
  std::string s(text.substr(0, std::min<size_t>(text.size(), 80)));
  std::smatch m;
  if (std::regex_search(s, m, article_re())) {
    std::string label = m.str(1);
    while (!label.empty() && (label.back() == '.' || label.back() == '-')) label.pop_back();
    return label;
  }
  return {};
}

ArticleCaption split_article_caption(const std::string& article) {
  ArticleCaption out;
  out.label = article_label(article);
  if (out.label.empty()) return out;
  size_t at = article.find(out.label);
  std::string rest = at == std::string::npos ? std::string() : article.substr(at + out.label.size());
  size_t start = 0;
  auto separator = [&](size_t i) {
    const unsigned char c = static_cast<unsigned char>(rest[i]);
    if (c == ' ' || c == '.' || c == '-' || c == ':' || c == '\t') return size_t{1};
    if (rest.compare(i, 3, "\u2013") == 0 || rest.compare(i, 3, "\u2014") == 0) return size_t{3};  // en and em dash
    return size_t{0};
  };
  while (start < rest.size()) {
    size_t n = separator(start);
    if (n == 0) break;
    start += n;
  }
  out.caption = rest.substr(start);
  while (!out.caption.empty() && out.caption.back() == ' ') out.caption.pop_back();
  return out;
}

std::string subdivision_caption(const std::string& text) {
  static const std::regex enumerated(R"(^\((?:\d{1,3}|[a-zA-Z]{1,4})\) )");
  std::smatch m;
  if (text.empty() || text[0] != '(') return {};
  const std::string head = text.substr(0, 12);
  if (!std::regex_search(head, m, enumerated)) return {};
  const std::string label = m.str(0).substr(0, m.length(0) - 1);
  std::string caption = caption_of(text, label);
  return caption.size() > label.size() ? caption : std::string();
}

std::vector<Passage> segment_passages(const std::vector<TextBlock>& blocks, const SegmenterOptions& options) {
  std::vector<Passage> passages;
  std::vector<std::pair<int, std::string>> heading_stack;  // level, text

  auto heading_path = [&] {
    std::string path;
    for (const auto& [level, text] : heading_stack) {
      if (!path.empty()) path += kHeadingSeparator;
      path += text;
    }
    return path;
  };
  auto path_steps = [&] {
    std::vector<PathStep> steps;
    steps.reserve(heading_stack.size());
    for (const auto& entry : heading_stack) steps.push_back(path_step(entry.second));
    return steps;
  };

  enum class Open { kNone, kArticle, kItem, kParagraph };
  Open open = Open::kNone;
  std::string caption;  // of the open article, or the word "Preamble" in a preamble
  bool in_preamble = false;
  bool articles_begun = false;  // a preamble comes before the first article
  // The open article is quoted: an amending law inserts it ("Artículo segundo.- ...: 1. Agrégase el
  // siguiente artículo 78 bis: “Artículo 78 bis.- ...”), and the law's next numbered amendment is not its text.
  bool inserted_article = false;
  std::string unnamed_heading;  // "CAPÍTULO I" just read, its name may follow

  // A passage that continues an article has the article's caption at the end of its heading path.
  auto continue_article = [](Passage& p) {
    if (p.article.empty() || p.heading == p.article) return;
    const std::string tail = kHeadingSeparator + p.article;
    if (p.heading.size() >= tail.size() && p.heading.compare(p.heading.size() - tail.size(), tail.size(), tail) == 0) return;
    p.heading += p.heading.empty() ? p.article : tail;
  };

  // label: article_label(b.text), for a block that opens an article.
  auto start = [&](const TextBlock& b, Open kind, const std::string& label = std::string()) {
    unnamed_heading.clear();
    Passage p;
    p.page = b.page;
    p.heading = heading_path();
    p.path = path_steps();
    if (kind == Open::kArticle) {
      if (!label.empty()) caption = caption_of(b.text, label);
      articles_begun |= !label.empty();
      p.article = caption;
      if (label.empty()) continue_article(p);
    } else if (kind == Open::kParagraph &&
               (in_preamble || (!articles_begun && !(caption = preamble_word(b.text)).empty()))) {
      in_preamble = true;  // the recitals of a treaty, up to its first article or heading
      p.article = caption;
    } else {
      caption.clear();
    }
    if (kind != Open::kParagraph) in_preamble = false;
    p.text = b.text;
    p.date = b.date;
    p.place = b.place;
    passages.push_back(std::move(p));
    open = kind;
  };

  for (const TextBlock& b : blocks) {
    switch (b.kind) {
      case TextBlock::Kind::kHeading: {
        int level = structural_heading(b.text).level;
        if (level == 0) level = b.level > 0 ? b.level + 4 : 6;
        // An article label set as a heading ("Artículo 5") opens an article passage instead.
        const std::string label = article_label(b.text);
        if (!label.empty() && b.text.size() < 40) {
          start(b, Open::kArticle, label);
          continue;
        }
        // A structural heading followed by its name on the next heading line: "TÍTULO PRIMERO" + "Disposiciones".
        if (!heading_stack.empty() && heading_stack.back().first == level && open == Open::kNone &&
            structural_heading(heading_stack.back().second).level && !structural_heading(b.text).level) {
          heading_stack.back().second += " " + b.text;
          continue;
        }
        while (!heading_stack.empty() && heading_stack.back().first >= level) heading_stack.pop_back();
        heading_stack.emplace_back(level, b.text);
        open = Open::kNone;
        caption.clear();
        in_preamble = false;
        if (is_bare_structural_heading(b.text)) unnamed_heading = b.text;
        // "PREAMBLE" set as a heading: the recitals follow.
        if (!articles_begun && preamble_word(b.text) == b.text) {
          caption = b.text;
          in_preamble = true;
        }
        continue;
      }
      case TextBlock::Kind::kFootnote: {
        Passage p;
        p.page = b.page;
        p.heading = heading_path();
        p.path = path_steps();
        p.text = b.text;
        p.footnote = true;
        passages.push_back(std::move(p));
        continue;  // a footnote does not close the passage it interrupts
      }
      case TextBlock::Kind::kEvent: {
        start(b, Open::kNone);
        continue;
      }
      case TextBlock::Kind::kParagraph:
        break;
    }
    const std::string label = article_label(b.text);
    const bool numbered = std::regex_search(b.text, numbered_item_re());
    const bool sub_item = std::regex_search(b.text, sub_item_re());
    const bool article = !label.empty() && !numbered;
    // "CAPÍTULO I" then, set as text, its name: "Derechos de las Víctimas y Testigos Durante el
    // Procedimiento Penal": a line that ends no sentence names the heading; it is not a passage.
    if (open == Open::kNone && !heading_stack.empty() && !unnamed_heading.empty() &&
        heading_stack.back().second == unnamed_heading && !article && !numbered && !sub_item &&
        looks_like_a_name(b.text)) {
      heading_stack.back().second += " " + b.text;
      unnamed_heading.clear();
      continue;
    }
    unnamed_heading.clear();
    // Find the last non-footnote passage: continuation attaches there.
    Passage* last = nullptr;
    for (auto it = passages.rbegin(); it != passages.rend(); ++it) {
      if (!it->footnote) {
        last = &*it;
        break;
      }
    }
    if (article) {
      start(b, Open::kArticle, label);
      inserted_article = is_quoted(b.text);
    } else if (numbered && (open != Open::kArticle || inserted_article)) {
      start(b, Open::kItem);
    } else if (last && (open == Open::kArticle || (open == Open::kItem && sub_item)) &&
               last->text.size() + b.text.size() < options.max_passage_chars) {
      last->text += "\n" + b.text;
    } else if (last && open == Open::kParagraph && !ends_sentence(last->text) && b.page == last->page + 0 &&
               last->text.size() < 400) {
      last->text += " " + b.text;
    } else {
      start(b, open == Open::kArticle ? Open::kArticle : Open::kParagraph);
    }
    // The inserted article ends where its quotation closes: "... por la ley.”" ends "Artículo 33 bis".
    if (inserted_article && open == Open::kArticle && ends_quotation(b.text)) {
      inserted_article = false;
      open = Open::kNone;
    }
  }

  // Over-long passages are split; every passage gets its ordinal.
  std::vector<Passage> out;
  out.reserve(passages.size());
  for (auto& p : passages) {
    auto pieces = split_long(p.text, options.max_passage_chars);
    for (size_t k = 0; k < pieces.size(); ++k) {
      Passage q = p;
      q.text = std::move(pieces[k]);
      if (k > 0) continue_article(q);
      out.push_back(std::move(q));
    }
  }
  int n = 0;
  for (auto& p : out) p.n = ++n;
  return out;
}

}  // namespace atip
