#include "analyze/passage_segmenter.h"

#include <algorithm>
#include <regex>
#include <set>

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

std::string transitory_label(const std::string& text, bool stop_needed);

// "117 Organizing entry into Canada (1) ...": a section of a Canadian statute, numbered without a word
// for "section"; the number, else empty.
std::string bare_section_number(const std::string& text) {
  static const std::regex re(R"(^(\d{1,4})\s+(?:[A-Z]|Á|É|Í|Ó|Ú|À|È|Ç))", std::regex::optimize);
  std::smatch m;
  const std::string head = text.substr(0, 8);
  return std::regex_search(head, m, re) ? m.str(1) : std::string();
}

// Words a provision's text begins with, after a caption run on with it ("... of slaves Whoever,
// being ...", "Cooperation States Parties shall ...").
bool opens_text(const std::string& word, const std::string& next) {
  static const std::set<std::string, std::less<>> openers = {"whoever", "any", "every", "each", "nothing", "quien",
                                                             "quienes", "quem", "quiconque", "chaque"};
  const auto words = text::tokenize(word + " " + next);
  if (words.empty()) return false;
  if (openers.count(words[0].folded)) return true;
  // "States Parties shall ...", a treaty's way to begin; "from United States Whoever" is no beginning.
  return words.size() > 1 && words[0].folded == "states" && words[1].folded.rfind("part", 0) == 0;
}

// Longer than most, on purpose: one scan of the caption line word by word, whose state (words so
// far, the word before) the whole loop shares.
std::string caption_of(const std::string& text, const std::string& label) {
  constexpr size_t kMaxCaptionChars = 160;
  constexpr size_t kMaxCaptionWords = 16;
  const size_t label_at = text.find(label);
  if (label_at == std::string::npos) return label;
  const size_t body = after_label_punctuation(text, label_at + label.size());
  if (body >= text.size()) return label;
  const size_t line_end = std::min(text.find('\n', body), text.size());
  const std::string line = text.substr(body, line_end - body);
  // "Article 15 Other prevention measures" on a line of its own: a caption, whatever its first word.
  const bool caption_shaped = line_end - label_at <= kMaxCaptionChars && !ends_sentence(line);
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
      const size_t next_end = std::min(line.find(' ', end + 1), line.size());
      const std::string next = end < line.size() ? line.substr(end + 1, next_end - end - 1) : std::string();
      const bool opener = opens_text(word, next);
      // "... purpose The purposes", "Definitions In this chapter", "Cooperation States Parties shall":
      // where the text's first sentence begins.
      if (capitalised && words > 0 && (after_lower_word || stopword || opener)) {
        // "Toda acción u omisión dolosa de una o varias personas para captar, ... Ley"; but "Seizure,
        // detention, transportation or sale of slaves Whoever, being ..." is a caption.
        sentence |= commas && !opener;
        break;
      }
      if (words == 0 && (stopword || opener) && !caption_shaped) {
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

ArticleCaption split_article_caption(const std::string& article) {
  ArticleCaption out;
  out.label = article_label(article);
  if (out.label.empty()) out.label = transitory_label(article, false);
  if (out.label.empty()) out.label = bare_section_number(article);
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

namespace {

// The words a heading's caption is cut after when it runs on to the next line ("INVESTIGATION,
// PROSECUTION AND" / "PROCEDURAL LAW").
bool ends_mid_caption(const std::string& text) {
  static const std::set<std::string, std::less<>> connectors = {
      "and", "or", "of", "the", "for", "to", "with", "y", "e", "o", "u", "de", "del", "la", "las", "los", "en",
      "para", "por", "con", "et", "des", "du", "da", "do", "das", "dos", "em", "a", "au", "aux"};
  const size_t end = text.find_last_not_of(' ');
  if (end == std::string::npos) return false;
  if (text[end] == ',' || (text[end] == '-' && end > 0 && text[end - 1] != ' ')) return true;
  const auto words = text::tokenize(text);
  return !words.empty() && words.back().end == end + 1 && connectors.count(words.back().folded);
}

// A chapter of a treaty set as text, its numeral without a stop: "III", "I General provisions".
bool is_numeral_chapter_line(const std::string& text) {
  static const std::regex re(R"(^[IVXLC]{1,6}(?:\s+[A-ZÁÉÍÓÚÑÇ].*)?$)", std::regex::optimize);
  if (text.size() > 120 || text.find('\n') != std::string::npos || !std::regex_match(text, re)) return false;
  return text.find(' ') == std::string::npos || looks_like_a_name(text);
}

bool starts_in_lower_case(const std::string& text) {
  const auto words = text::tokenize(text.substr(0, std::min<size_t>(text.size(), 40)));
  if (words.empty() || words[0].begin != text.find_first_not_of(" \n")) return false;
  const std::string first = text.substr(words[0].begin, words[0].end - words[0].begin);
  return !std::isdigit(static_cast<unsigned char>(first[0])) && text::lower(first) == first;
}

// The label of a transitory article: its ordinal before a stop ("Primero.-", "Décimo Cuarto.",
// "ÚNICO.-"), else empty. A caption as stored ("Décimo Cuarto") needs no stop.
std::string transitory_label(const std::string& text, bool stop_needed) {
  static const std::set<std::string, std::less<>> ordinals = {
      "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "septimo", "octavo", "noveno", "decimo",
      "undecimo", "duodecimo", "vigesimo", "trigesimo", "unico", "primera", "segunda", "tercera", "unica"};
  const auto words = text::tokenize(text.substr(0, std::min<size_t>(text.size(), 60)));
  size_t end = 0;
  for (const auto& w : words) {
    if (!ordinals.count(w.folded) || text.find_first_not_of(" ", end) != w.begin) break;
    end = w.end;
  }
  if (end == 0 || (end < text.size() && text[end] != '.' && text[end] != ' ') || (stop_needed && (end >= text.size() || text[end] != '.'))) {
    return {};
  }
  return text.substr(text.find_first_not_of(' '), end - text.find_first_not_of(' '));
}

// "… publicada el 21 de octubre de 2014. “Formas agravadas de la Trata de Personas": the name of the
// next article, printed where the text before it ends, after an opening quote that is never closed.
size_t unclosed_name_at(const std::string& text) {
  const std::string open_quote = "\xE2\x80\x9C";  // “
  const size_t at = text.rfind(open_quote);
  if (at == std::string::npos) return std::string::npos;
  const std::string tail = text.substr(at + open_quote.size());
  if (tail.empty() || tail.size() > 150 || tail.find("\xE2\x80\x9D") != std::string::npos || !looks_like_a_name(tail)) {
    return std::string::npos;
  }
  return at;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  const size_t first = s.find_first_not_of(" \n");
  return first == std::string::npos ? std::string() : s.substr(first);
}

// The state of cutting one document into passages, block by block.
class Segmenter {
 public:
  explicit Segmenter(const SegmenterOptions& options) : options_(options) {}

  std::vector<Passage> run(const std::vector<TextBlock>& blocks) {
    for (size_t i = 0; i < blocks.size(); ++i) {
      const TextBlock& b = blocks[i];
      next_ = i + 1 < blocks.size() ? &blocks[i + 1] : nullptr;
      switch (b.kind) {
        case TextBlock::Kind::kHeading: on_heading(b); break;
        case TextBlock::Kind::kFootnote: on_footnote(b); break;
        case TextBlock::Kind::kEvent: start(b, Open::kNone); break;
        case TextBlock::Kind::kParagraph: on_paragraph(b); break;
      }
    }
    return numbered_pieces();
  }

 private:
  enum class Open { kNone, kArticle, kItem, kParagraph };

  std::string heading_path() const {
    std::string path;
    for (const auto& [level, text] : headings_) {
      if (!path.empty()) path += kHeadingSeparator;
      path += text;
    }
    return path;
  }

  std::vector<PathStep> path_steps() const {
    std::vector<PathStep> steps;
    steps.reserve(headings_.size());
    for (const auto& entry : headings_) steps.push_back(path_step(entry.second));
    return steps;
  }

  bool in_transitory_provisions() const {
    return std::any_of(headings_.begin(), headings_.end(),
                       [](const auto& h) { return structural_heading(h.second).kind == "transitory"; });
  }

  // A passage that continues an article has the article's caption at the end of its heading path.
  static void continue_article(Passage& p) {
    if (p.article.empty() || p.heading == p.article) return;
    const std::string tail = kHeadingSeparator + p.article;
    if (p.heading.size() >= tail.size() && p.heading.compare(p.heading.size() - tail.size(), tail.size(), tail) == 0) return;
    p.heading += p.heading.empty() ? p.article : tail;
  }

  // label: the article label of a block that opens an article; named: its caption when the
  // caption was printed elsewhere (before the label).
  void start(const TextBlock& b, Open kind, const std::string& label = {}, const std::string& named = {}) {
    unnamed_heading_.clear();
    heading_continues_ = false;
    Passage p;
    p.page = b.page;
    p.heading = heading_path();
    p.path = path_steps();
    if (kind == Open::kArticle) {
      if (!label.empty()) caption_ = named.empty() ? caption_of(b.text, label) : label + " " + named;
      articles_begun_ |= !label.empty();
      p.article = caption_;
      if (label.empty()) continue_article(p);
    } else if (kind == Open::kParagraph &&
               (in_preamble_ || (!articles_begun_ && !(caption_ = preamble_word(b.text)).empty()))) {
      in_preamble_ = true;  // the recitals of a treaty, up to its first article or heading
      p.article = caption_;
    } else {
      caption_.clear();
    }
    if (kind != Open::kParagraph) in_preamble_ = false;
    p.text = b.text;
    p.date = b.date;
    p.place = b.place;
    passages_.push_back(std::move(p));
    open_ = kind;
  }

  // Adds words to the heading on top: its name, or the rest of a caption cut at a line end.
  void extend_heading(std::string words) {
    if (const size_t at = unclosed_name_at(words); at != std::string::npos && at > 0) {
      pending_caption_ = trimmed(words.substr(at + 3));
      words = trimmed(words.substr(0, at));
    }
    std::string& top = headings_.back().second;
    if (!top.empty() && top.back() == '-') {
      top += words;  // "CO-" + "OPERATION"
    } else {
      top += " " + words;
    }
    unnamed_heading_.clear();
    heading_continues_ = ends_mid_caption(top);
  }

  void push_heading(std::string text, int level) {
    // "TRATA DE PERSONAS “Trata de personas": the chapter's name, then the first article's.
    if (const size_t at = unclosed_name_at(text); at != std::string::npos && at > 0) {
      pending_caption_ = trimmed(text.substr(at + 3));
      text = trimmed(text.substr(0, at));
    }
    while (!headings_.empty() && headings_.back().first >= level) headings_.pop_back();
    headings_.emplace_back(level, text);
    open_ = Open::kNone;
    caption_.clear();
    in_preamble_ = false;
    unnamed_heading_ = is_bare_structural_heading(text) ? text : std::string();
    heading_continues_ = ends_mid_caption(text);
    // "PREAMBLE" set as a heading: the recitals follow.
    if (!articles_begun_ && preamble_word(text) == text) {
      caption_ = text;
      in_preamble_ = true;
    }
  }

  void on_heading(const TextBlock& b) {
    // Set in bold inside an open article, a fraction ("II. Comparecencia a través de Cámara de
    // Gesell, y") or the rest of a sentence ("constituir el Fideicomiso ...") is the article's text.
    if (open_ == Open::kArticle && !structural_heading(b.text).level && article_label(b.text).empty() &&
        (std::regex_search(b.text, sub_item_re()) || starts_in_lower_case(b.text))) {
      on_paragraph(b);
      return;
    }
    int level = structural_heading(b.text).level;
    if (level == 0) level = b.level > 0 ? b.level + 4 : 6;
    // An article label set as a heading ("Artículo 5") opens an article passage instead.
    std::string label = article_label(b.text);
    if (label.empty() && in_transitory_provisions()) label = transitory_label(b.text, true);
    if (!label.empty() && b.text.size() < 40) {
      start(b, Open::kArticle, label, take_pending_caption());
      return;
    }
    const bool structural = structural_heading(b.text).level > 0;
    if (!headings_.empty() && open_ == Open::kNone && !structural) {
      // "TÍTULO PRIMERO" + "Disposiciones", "CHAPTER I" + "PURPOSES, SCOPE, ...": a structural heading
      // and its name on the next heading line; "INVESTIGATION, PROSECUTION AND" + "PROCEDURAL LAW".
      const auto& [top_level, top] = headings_.back();
      const bool names_it = (top_level == level && structural_heading(top).level) || unnamed_heading_ == top;
      if (names_it || heading_continues_) {
        extend_heading(b.text);
        return;
      }
    }
    push_heading(b.text, level);
  }

  void on_footnote(const TextBlock& b) {
    Passage p;
    p.page = b.page;
    p.heading = heading_path();
    p.path = path_steps();
    p.text = b.text;
    p.footnote = true;
    passages_.push_back(std::move(p));  // a footnote does not close the passage it interrupts
  }

  Passage* last_text_passage() {
    for (auto it = passages_.rbegin(); it != passages_.rend(); ++it) {
      if (!it->footnote) return &*it;
    }
    return nullptr;
  }

  std::string take_pending_caption() {
    std::string c = std::move(pending_caption_);
    pending_caption_.clear();
    return c;
  }

  // The caption of an article whose label stands alone, printed before the label: a heading's tail,
  // the end of the text before it (Peru: '… 2014. “Trata de personas'; Brazil: the line before
  // "Art. 147"), or a line of its own. Taken out of where it was printed.
  std::string caption_printed_before() {
    if (!pending_caption_.empty()) return take_pending_caption();
    Passage* last = last_text_passage();
    if (!last || last != &passages_.back() || open_ == Open::kNone) return {};
    if (const size_t at = unclosed_name_at(last->text); at != std::string::npos && at > 0) {
      std::string name = trimmed(last->text.substr(at + 3));
      last->text = trimmed(last->text.substr(0, at));
      return name;
    }
    size_t line = last->text.rfind('\n');
    if (line == std::string::npos) return {};
    // "Pena- reclusão, de 2 (dois) anos a 4 (quatro) anos, e multa. Ameaça": the name after the text.
    if (const size_t stop = last->text.rfind(". "); stop != std::string::npos && stop > line) line = stop + 1;
    std::string name = trimmed(last->text.substr(line + 1));
    if (name.size() > 120 || !looks_like_a_name(name) || !article_label(name).empty() ||
        (last->text[line] == ' ' && text::tokenize(name).size() > 6)) {
      return {};
    }
    last->text = trimmed(last->text.substr(0, line + 1));
    return name;
  }

  // "Kidnapping, Trafficking in Persons, Hostage Taking and Abduction" alone before "279.01 ...":
  // the name of the group of sections that follows, a cross-heading, not a passage.
  bool lone_name_before() const {
    if (passages_.empty() || open_ != Open::kParagraph || in_preamble_) return false;
    const Passage& p = passages_.back();
    return !p.footnote && p.article.empty() && p.text.size() <= 150 && looks_like_a_name(p.text);
  }

  void open_article(const TextBlock& b, const std::string& label) {
    const bool captioned = caption_of(b.text, label).size() > label.size();
    std::string named;
    if (lone_name_before()) {
      std::string name = passages_.back().text;
      passages_.pop_back();
      if (captioned) {
        push_heading(name, kCrossHeadingLevel);
      } else {
        named = name;
      }
    } else if (!captioned) {
      named = caption_printed_before();
    }
    pending_caption_.clear();
    start(b, Open::kArticle, label, named);
    inserted_article_ = is_quoted(b.text);
  }

  // A bare number opens a section when its subsection (1) follows its caption, on its line or on the
  // next, or when it is the number after the last such section ("119 Disembarking persons at sea A
  // person shall not ...").
  std::string bare_section_label(const std::string& text) {
    const std::string number = bare_section_number(text);
    if (number.empty()) return {};
    const int value = std::atoi(number.c_str());
    const size_t subsection = text.find(" (1) ");
    const bool subsection_follows = (subsection != std::string::npos && subsection < kMaxBareCaption) ||
                                    (next_ && text.size() < kMaxBareCaption && next_->text.rfind("(1) ", 0) == 0);
    if (subsection_follows || (last_bare_section_ > 0 && value == last_bare_section_ + 1)) {
      last_bare_section_ = value;
      return number;
    }
    return {};
  }

  void on_paragraph(const TextBlock& b) {
    std::string label = article_label(b.text);
    if (label.empty() && in_transitory_provisions()) label = transitory_label(b.text, true);
    if (label.empty()) label = bare_section_label(b.text);
    // "§ 1" inside "Art. 146" is a paragraph of that article; "§ 1589" opens a section of its own.
    if (label.rfind("§", 0) == 0 && open_ == Open::kArticle && caption_.rfind("§", 0) != 0) label.clear();
    const bool numbered = std::regex_search(b.text, numbered_item_re());
    const bool sub_item = std::regex_search(b.text, sub_item_re());
    const bool article = !label.empty() && !numbered;
    // "CAPÍTULO I" then, set as text, its name: "Derechos de las Víctimas y Testigos Durante el
    // Procedimiento Penal": a line that ends no sentence names the heading; it is not a passage.
    if (open_ == Open::kNone && !headings_.empty() && !article && !numbered && !sub_item && looks_like_a_name(b.text) &&
        (heading_continues_ || (!unnamed_heading_.empty() && headings_.back().second == unnamed_heading_))) {
      extend_heading(b.text);
      return;
    }
    unnamed_heading_.clear();
    heading_continues_ = false;
    // "§ V bis.", "III", "I General provisions": a heading set as text.
    if (!article && !numbered && (is_bare_structural_heading(b.text) || is_numeral_chapter_line(b.text))) {
      push_heading(b.text, structural_heading(b.text).level);
      return;
    }
    Passage* last = last_text_passage();
    if (article) {
      open_article(b, label);
    } else if (numbered && (open_ != Open::kArticle || inserted_article_)) {
      start(b, Open::kItem);
    } else if (last && (open_ == Open::kArticle || (open_ == Open::kItem && sub_item)) &&
               last->text.size() + b.text.size() < options_.max_passage_chars) {
      last->text += "\n" + b.text;
    } else if (last && open_ == Open::kParagraph && !ends_sentence(last->text) && b.page == last->page &&
               last->text.size() < 400) {
      last->text += " " + b.text;
    } else {
      start(b, open_ == Open::kArticle ? Open::kArticle : Open::kParagraph);
    }
    // The inserted article ends where its quotation closes: "... por la ley.”" ends "Artículo 33 bis".
    if (inserted_article_ && open_ == Open::kArticle && ends_quotation(b.text)) {
      inserted_article_ = false;
      open_ = Open::kNone;
    }
  }

  // Over-long passages are split; every passage gets its ordinal.
  std::vector<Passage> numbered_pieces() {
    std::vector<Passage> out;
    out.reserve(passages_.size());
    for (auto& p : passages_) {
      if (p.text.empty()) continue;
      auto pieces = split_long(p.text, options_.max_passage_chars);
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

  // Below every structural and typographic level: a cross-heading groups sections only.
  static constexpr int kCrossHeadingLevel = 7;
  static constexpr size_t kMaxBareCaption = 120;  // where "(1)" may follow a bare section's caption

  const SegmenterOptions& options_;
  std::vector<Passage> passages_;
  std::vector<std::pair<int, std::string>> headings_;  // level, text
  Open open_ = Open::kNone;
  std::string caption_;  // of the open article, or the word "Preamble" in a preamble
  bool in_preamble_ = false;
  bool articles_begun_ = false;  // a preamble comes before the first article
  // The open article is quoted: an amending law inserts it ("Artículo segundo.- ...: 1. Agrégase el
  // siguiente artículo 78 bis: “Artículo 78 bis.- ...”), and the law's next numbered amendment is not its text.
  bool inserted_article_ = false;
  std::string unnamed_heading_;  // "CAPÍTULO I" just read, its name may follow
  bool heading_continues_ = false;  // the heading on top was cut mid-caption
  std::string pending_caption_;     // the next article's caption, printed before it
  int last_bare_section_ = 0;       // the number of the last section numbered without a word
  const TextBlock* next_ = nullptr;  // the block after the one being read
};

}  // namespace

std::vector<Passage> segment_passages(const std::vector<TextBlock>& blocks, const SegmenterOptions& options) {
  return Segmenter(options).run(blocks);
}

}  // namespace atip
