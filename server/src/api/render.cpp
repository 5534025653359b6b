#include "api/render.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "atip/document.h"

namespace atip::api {
namespace {

// Text read by OCR says so, with Tesseract's mean word confidence rounded to a tenth (else null).
void ocr_fields(JsonWriter& w, bool ocr, double confidence) {
  w.key("ocr").value(ocr).key("ocr_confidence");
  if (ocr) {
    w.value(std::round(confidence * 10) / 10);
  } else {
    w.null();
  }
}

void summary_fields(JsonWriter& w, const DocumentSummary& d) {
  w.key("id").value(d.id)
      .key("title").value(d.title)
      .key("type").value(d.type)
      .key("symbol").value_or_null(d.symbol)
      .key("language").value(d.language)
      .key("date").value_or_null(d.date);
  if (d.year > 0) {
    w.key("year").value(d.year);
  } else {
    w.key("year").null();
  }
  w.key("jurisdiction").value(d.jurisdiction);
  ocr_fields(w, d.ocr, d.ocr_confidence);
}

// A provision's label and caption: null when the passage is not part of a labelled article.
void summary_array(JsonWriter& w, const std::vector<DocumentSummary>& documents) {
  w.begin_array();
  for (const auto& d : documents) {
    w.begin_object();
    summary_fields(w, d);
    w.end_object();
  }
  w.end_array();
}

void path_array(JsonWriter& w, const std::vector<PathStep>& path) {
  w.begin_array();
  for (const auto& s : path) {
    w.begin_object().key("kind").value(s.kind).key("label").value_or_null(s.label).key("caption")
        .value_or_null(s.caption).end_object();
  }
  w.end_array();
}

void article_fields(JsonWriter& w, const std::string& article, const std::string& caption,
                    const std::vector<PathStep>& path) {
  w.key("article").value_or_null(article).key("caption").value_or_null(caption).key("path");
  path_array(w, path);
}

// Formats without pages (HTML, plain text without form feeds) have no page numbers: null.
void page_value(JsonWriter& w, int page) {
  if (page > 0) {
    w.value(page);
  } else {
    w.null();
  }
}

// What made a link: its basis as stored, and the same split for a reader into the thesaurus concepts
// ("concept:shelter" -> "shelter") and the words (stems, quoted words, a reference as written).
void basis_fields(JsonWriter& w, const std::vector<std::string>& basis) {
  constexpr std::string_view kConcept = "concept:";
  std::vector<std::string> concepts, words;
  for (const auto& b : basis) {
    if (b.rfind(kConcept, 0) == 0) concepts.push_back(b.substr(kConcept.size()));
    else words.push_back(b);
  }
  w.key("basis").string_array(basis);
  w.key("evidence").begin_object().key("concepts").string_array(concepts).key("words").string_array(words).end_object();
}

void link_object(JsonWriter& w, const LinkDetail& l) {
  w.begin_object().key("item").value(l.item).key("method").value(l.method).key("score").value(l.score)
      .key("status").value(l.status);
  basis_fields(w, l.basis);
  w.end_object();
}

void item_fields(JsonWriter& w, const WorkPlanItemView& i) {
  w.key("id").value(i.id).key("kind").value(i.kind).key("number").value(i.number).key("pillar").value(i.pillar)
      .key("heading").value(i.heading).key("text").value(i.text).key("documents").value(i.documents)
      .key("passages").value(i.passages);
}

std::string permalink(const std::string& id, int n) {
  return "/api/v1/documents/" + id + "/passages/" + std::to_string(n);
}

// Whether the text so far ends as GFM's autolinks begin: a scheme before ':' (http, https, ftp, mailto),
// or a word "www" before '.'.
bool ends_autolink_prefix(const std::string& text, char next) {
  auto ends_with_word = [&](const std::string& word) {
    if (text.size() < word.size()) return false;
    size_t start = text.size() - word.size();
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text[start + i])) != word[i]) return false;
    }
    return start == 0 || !std::isalnum(static_cast<unsigned char>(text[start - 1]));
  };
  if (next == '.') return ends_with_word("www");
  return ends_with_word("http") || ends_with_word("https") || ends_with_word("ftp") || ends_with_word("mailto");
}

}  // namespace

std::string csv_cell(const std::string& s) {
  // OWASP's list: = + - @, and tab and carriage return, which some spreadsheets skip before a formula;
  // leading spaces are skipped by some too.
  size_t first = s.find_first_not_of(' ');
  bool formula = first != std::string::npos &&
                 (s[first] == '=' || s[first] == '+' || s[first] == '-' || s[first] == '@' || s[first] == '\t' ||
                  s[first] == '\r' || s[first] == '\n');
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r') out.push_back(' ');
    else out.push_back(c);
  }
  return out + "\"";
}

std::string markdown_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    // CommonMark lets any ASCII punctuation be escaped; these are the ones that can start markup
    // inline (emphasis, links, images, code, HTML, entities, tables, strikethrough).
    switch (c) {
      case '\\': case '`': case '*': case '_': case '{': case '}': case '[': case ']': case '<': case '>':
      case '(': case ')': case '#': case '!': case '|': case '~': case '&':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '\n': case '\r': case '\t':
        out.push_back(' ');
        break;
      case '@':  // an e-mail autolink (GFM)
        out += "\\@";
        break;
      case ':':  // "https://..." is an autolink (GFM) unless its colon is escaped
      case '.':  // "www.example.org" too, unless the dot after www is
        if (ends_autolink_prefix(out, c)) out.push_back('\\');
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  // At the start of a line, '-', '+' and '1.' or '1)' open a list, '=' can underline a heading.
  size_t lead = out.find_first_not_of(' ');
  if (lead != std::string::npos) {
    if (out[lead] == '-' || out[lead] == '+' || out[lead] == '=') {
      out.insert(lead, 1, '\\');
    } else {
      size_t digits = lead;
      while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits]))) ++digits;
      if (digits > lead && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) out.insert(digits, 1, '\\');
    }
  }
  return out;
}

std::string render_search(const SearchResponse& r) {
  JsonWriter w;
  w.begin_object().key("query").begin_object().key("q").value(r.q).key("corrected").value_or_null(r.corrected)
      .key("parsed").value(r.parsed).key("languages").string_array(r.languages).end_object();
  w.key("total").value(r.total).key("page").value(r.page).key("size").value(r.size).key("took_ms").value(r.took_ms);
  w.key("hits").begin_array();
  for (const auto& h : r.hits) {
    w.begin_object();
    summary_fields(w, h.document);
    w.key("countries").string_array(h.countries).key("orgs").string_array(h.orgs).key("links").string_array(h.links)
        .key("score").value(h.score);
    w.key("passage").begin_object().key("n").value(h.passage.n).key("page");
    page_value(w, h.passage.page);
    w.key("heading").value(h.passage.heading);
    article_fields(w, h.passage.article, h.passage.caption, h.passage.path);
    w.key("language").value(h.passage.language)
        .key("date").value_or_null(h.passage.date).key("snippet").value(h.passage.snippet);
    ocr_fields(w, h.passage.ocr, h.passage.ocr_confidence);
    if (!h.passage.text.empty()) w.key("text").value(h.passage.text);
    if (h.passage.version > 0) w.key("version").value(h.passage.version);
    w.end_object().key("also_as");
    summary_array(w, h.also_as);
    w.end_object();
  }
  w.end_array();
  w.key("facets").begin_object();
  for (const auto& [name, values] : r.facets) {
    w.key(name).begin_array();
    for (const auto& v : values) w.begin_object().key("value").value(v.value).key("count").value(v.count).end_object();
    w.end_array();
  }
  w.end_object().key("facets_exact").value(r.facets_exact).key("total_exact").value(r.total_exact).end_object();
  return w.take();
}

std::string render_document(const DocumentRecord& d) {
  JsonWriter w;
  w.begin_object();
  summary_fields(w, d.summary);
  w.key("symbols").string_array(d.symbols).key("years").begin_array();
  for (int y : d.years) w.value(y);
  w.end_array().key("countries").string_array(d.countries).key("orgs").string_array(d.orgs).key("pages");
  page_value(w, d.pages);
  w.key("file").begin_object().key("name").value(d.file_name).key("content_type").value(d.content_type)
      .key("size").value(d.file_size).key("url").value("/api/v1/documents/" + d.summary.id + "/file").end_object();
  w.key("passages").begin_array();
  for (const auto& p : d.passages) {
    w.begin_object().key("n").value(p.n).key("page");
    page_value(w, p.page);
    w.key("heading").value(p.heading).key("article").value_or_null(p.article).key("caption").value_or_null(p.caption)
        .key("language").value(p.language).key("date").value_or_null(p.date)
        .key("ocr").value(p.ocr).key("links").string_array(p.links).end_object();
  }
  w.end_array();
  std::map<std::string, std::vector<int>> links;
  for (const auto& l : d.link_details) {
    if (l.status != kLinkRejected) links[l.item].push_back(l.passage);  // a rejected link is shown, not counted
  }
  w.key("links").begin_object();
  for (const auto& [item, passages] : links) {
    w.key(item).begin_array();
    for (int n : passages) w.value(n);
    w.end_array();
  }
  w.end_object().key("link_details").begin_array();
  for (const auto& l : d.link_details) {
    w.begin_object().key("item").value(l.item).key("passage").value(l.passage).key("method").value(l.method)
        .key("score").value(l.score).key("status").value(l.status);
    basis_fields(w, l.basis);
    w.end_object();
  }
  w.end_array().key("cites").begin_array();
  for (const auto& c : d.cites) w.begin_object().key("symbol").value(c.symbol).key("id").value_or_null(c.id).end_object();
  w.end_array().key("cited_by").string_array(d.cited_by).key("renderings");
  summary_array(w, d.renderings);
  w.key("translations");
  summary_array(w, d.translations);
  w.end_object();
  return w.take();
}

namespace {

void outline_nodes(JsonWriter& w, const std::string& id, const std::vector<OutlineNode>& nodes) {
  w.begin_array();
  for (const auto& node : nodes) {
    w.begin_object().key("kind").value(node.step.kind).key("label").value_or_null(node.step.label)
        .key("caption").value_or_null(node.step.caption).key("passage").value(node.passage).key("page");
    page_value(w, node.page);
    w.key("permalink").value(permalink(id, node.passage)).key("passages").begin_array();
    for (int n : node.passages) w.value(n);
    w.end_array().key("children");
    outline_nodes(w, id, node.children);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string render_outline(const Outline& o) {
  JsonWriter w;
  w.begin_object().key("document").begin_object();
  summary_fields(w, o.document);
  w.end_object().key("articles").value(o.articles).key("passages").begin_array();
  for (int n : o.passages) w.value(n);
  w.end_array().key("outline");
  outline_nodes(w, o.document.id, o.children);
  w.end_object();
  return w.take();
}

std::string render_passage(const PassageDetail& p) {
  JsonWriter w;
  w.begin_object().key("id").value(p.document_id).key("n").value(p.n).key("page");
  page_value(w, p.page);
  w.key("heading").value(p.heading);
  article_fields(w, p.article, p.caption, p.path);
  w.key("language").value(p.language).key("date").value_or_null(p.date)
      .key("text").value(p.text).key("countries").string_array(p.countries).key("orgs").string_array(p.orgs);
  ocr_fields(w, p.ocr, p.ocr_confidence);
  w.key("links").begin_array();
  for (const auto& l : p.links) link_object(w, l);
  w.end_array().key("translations").begin_array();
  for (const auto& t : p.translations) {
    w.begin_object().key("document").begin_object();
    summary_fields(w, t.document);
    w.end_object().key("n").value(t.n).key("article").value_or_null(t.article)
        .key("permalink").value(permalink(t.document.id, t.n)).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string render_workplan(const std::vector<WorkPlanItemView>& items) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& i : items) {
    w.begin_object();
    item_fields(w, i);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string render_workplan_item(const WorkPlanItemView& item, const std::vector<Evidence>& evidence) {
  JsonWriter w;
  w.begin_object().key("item").begin_object();
  item_fields(w, item);
  w.end_object().key("evidence").begin_array();
  for (const auto& e : evidence) {
    w.begin_object().key("id").value(e.document.id).key("title").value(e.document.title)
        .key("type").value(e.document.type).key("symbol").value_or_null(e.document.symbol)
        .key("date").value_or_null(e.document.date);
    if (e.document.year > 0) w.key("year").value(e.document.year);
    else w.key("year").null();
    w.key("passage").begin_object().key("n").value(e.passage.n).key("page");
    page_value(w, e.passage.page);
    w.key("heading").value(e.passage.heading);
    article_fields(w, e.passage.article, e.passage.caption, e.passage.path);
    w.key("text").value(e.passage.text).end_object()
        .key("method").value(e.link.method).key("score").value(e.link.score).key("status").value(e.link.status);
    basis_fields(w, e.link.basis);
    w.key("permalink").value(permalink(e.document.id, e.passage.n)).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

namespace {

std::string subject_kind(CompareRequest::Subject s) {
  switch (s) {
    case CompareRequest::Subject::kItem: return "item";
    case CompareRequest::Subject::kPassage: return "passage";
    case CompareRequest::Subject::kQuery: break;
  }
  return "q";
}

}  // namespace

std::string render_comparison(const Comparison& c) {
  JsonWriter w;
  w.begin_object().key("subject").begin_object().key("kind").value(subject_kind(c.subject));
  w.key("q").value_or_null(c.subject == CompareRequest::Subject::kQuery ? c.q : std::string());
  w.key("item");
  if (c.subject == CompareRequest::Subject::kItem) {
    w.begin_object();
    item_fields(w, c.item);
    w.end_object();
  } else {
    w.null();
  }
  w.key("passage");
  if (c.subject == CompareRequest::Subject::kPassage) {
    const PassageDetail& p = c.passage;
    w.begin_object().key("document").begin_object();
    summary_fields(w, c.passage_document);
    w.end_object().key("n").value(p.n).key("page");
    page_value(w, p.page);
    w.key("heading").value(p.heading);
    article_fields(w, p.article, p.caption, p.path);
    w.key("language").value(p.language).key("text").value(p.text).key("permalink").value(permalink(p.document_id, p.n))
        .end_object();
  } else {
    w.null();
  }
  w.key("languages").string_array(c.languages).key("concepts").begin_array();
  for (const auto& k : c.concepts) w.begin_object().key("words").value(k.words).key("terms").string_array(k.terms).end_object();
  w.end_array().end_object();
  w.key("types").string_array(c.types).key("per").value(c.per).key("took_ms").value(c.took_ms);
  w.key("jurisdictions").begin_array();
  for (const auto& col : c.columns) {
    w.begin_object().key("jurisdiction").value(col.jurisdiction).key("provisions").begin_array();
    for (const auto& p : col.provisions) {
      w.begin_object().key("document").begin_object();
      summary_fields(w, p.document);
      w.end_object().key("passage").begin_object().key("n").value(p.passage.n).key("page");
      page_value(w, p.passage.page);
      w.key("heading").value(p.passage.heading);
      article_fields(w, p.passage.article, p.passage.caption, p.passage.path);
      w.key("language").value(p.passage.language).key("date").value_or_null(p.passage.date)
          .key("text").value(p.passage.text).key("snippet").value(p.passage.snippet)
          .key("highlighted").value(p.highlighted);
      ocr_fields(w, p.passage.ocr, p.passage.ocr_confidence);
      w.end_object().key("score").value(p.score).key("why").begin_object().key("words").string_array(p.words)
          .key("concepts").string_array(p.concepts).key("links").begin_array();
      for (const auto& l : p.links) link_object(w, l);
      w.end_array().end_object().key("permalink").value(permalink(p.document.id, p.passage.n))
          .key("file").value("/api/v1/documents/" + p.document.id + "/file" +
                             (p.passage.page > 0 ? "#page=" + std::to_string(p.passage.page) : std::string()))
          .end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string render_coverage(const Coverage& c, const std::string& search_filters) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& i : c.items) {
    w.begin_object().key("id").value(i.id).key("kind").value(i.kind).key("number").value(i.number)
        .key("pillar").value(i.pillar).key("heading").value(i.heading).end_object();
  }
  w.end_array().key("jurisdictions").string_array(c.jurisdictions).key("cells").begin_array();
  for (const auto& cell : c.cells) {
    w.begin_object().key("jurisdiction").value(cell.jurisdiction).key("item").value(cell.item)
        .key("passages").value(cell.passages).key("documents").value(cell.documents)
        .key("search").value("/api/v1/search?group=passage&jurisdiction=" + cell.jurisdiction + "&link=" + cell.item +
                             search_filters)
        .end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string render_coverage_csv(const Coverage& c) {
  std::map<std::string, const WorkPlanItemView*> items;
  for (const auto& i : c.items) items[i.id] = &i;
  std::string out = "jurisdiction,item,kind,number,pillar,passages,documents\r\n";
  for (const auto& cell : c.cells) {
    const WorkPlanItemView& i = *items.at(cell.item);
    out += csv_cell(cell.jurisdiction) + "," + csv_cell(cell.item) + "," + csv_cell(i.kind) + "," +
           std::to_string(i.number) + "," + csv_cell(i.pillar) + "," + std::to_string(cell.passages) + "," +
           std::to_string(cell.documents) + "\r\n";
  }
  return out;
}

std::string render_search_csv(const SearchResponse& r, const std::string& base) {
  std::string out =
      "document,title,type,symbol,jurisdiction,language,date,passage,page,heading,links,score,permalink,text\r\n";
  for (const auto& h : r.hits) {
    std::string links;
    for (const auto& l : h.links) links += (links.empty() ? "" : " ") + l;
    char score[16];
    std::snprintf(score, sizeof score, "%.3f", h.score);
    const std::string& date = h.passage.date.empty() ? h.document.date : h.passage.date;
    out += csv_cell(h.document.id) + "," + csv_cell(h.document.title) + "," + csv_cell(h.document.type) + "," +
           csv_cell(h.document.symbol) + "," + csv_cell(h.document.jurisdiction) + "," +
           csv_cell(h.passage.language.empty() ? h.document.language : h.passage.language) + "," + csv_cell(date) + "," +
           std::to_string(h.passage.n) + "," + (h.passage.page > 0 ? std::to_string(h.passage.page) : std::string()) +
           "," + csv_cell(h.passage.heading) + "," + csv_cell(links) + "," + score + "," +
           csv_cell(base + permalink(h.document.id, h.passage.n)) + "," + csv_cell(h.passage.text) + "\r\n";
  }
  return out;
}

std::string render_evidence_csv(const WorkPlanItemView& item, const std::vector<Evidence>& evidence,
                                const std::string& base) {
  std::string out = "item,document,title,symbol,date,page,passage,method,score,status,permalink,text\r\n";
  for (const auto& e : evidence) {
    char score[16];
    std::snprintf(score, sizeof score, "%.3f", e.link.score);
    out += csv_cell(item.id) + "," + csv_cell(e.document.id) + "," + csv_cell(e.document.title) + "," +
           csv_cell(e.document.symbol) + "," + csv_cell(e.document.date) + "," +
           (e.passage.page > 0 ? std::to_string(e.passage.page) : std::string()) + "," +
           std::to_string(e.passage.n) + "," + csv_cell(e.link.method) + "," + score + "," + csv_cell(e.link.status) +
           "," + csv_cell(base + permalink(e.document.id, e.passage.n)) + "," + csv_cell(e.passage.text) + "\r\n";
  }
  return out;
}

std::string render_evidence_markdown(const WorkPlanItemView& item, const std::vector<Evidence>& evidence,
                                     const std::string& base) {
  std::string kind = item.kind == "mandate" ? "Mandate" : "Activity";
  std::string out = "# " + kind + " " + std::to_string(item.number) + " of the Work Plan (" + markdown_escape(item.pillar) + ")\n\n> " +
                    markdown_escape(item.text) + "\n\n" + std::to_string(evidence.size()) + " passages in " +
                    std::to_string(item.documents) + " documents.\n";
  // Newest first, under the year each passage speaks of: its own date (an event of 2006 in a report of
  // 2007), else its document's; undated ones last.
  auto year_of = [](const Evidence& e) {
    if (e.passage.date.size() >= 4) return e.passage.date.substr(0, 4);
    return e.document.year > 0 ? std::to_string(e.document.year) : std::string();
  };
  std::vector<const Evidence*> ordered;
  for (const auto& e : evidence) ordered.push_back(&e);
  std::stable_sort(ordered.begin(), ordered.end(), [&](const Evidence* a, const Evidence* b) { return year_of(*a) > year_of(*b); });
  std::string year = "-";
  for (const Evidence* ep : ordered) {
    const Evidence& e = *ep;
    std::string y = year_of(e);
    if (y.empty()) y = "Undated";
    if (y != year) {
      out += "\n## " + y + "\n";
      year = y;
    }
    const std::string& text = e.passage.text;
    out += "\n- " + markdown_escape(text) + "\n  — *" + markdown_escape(e.document.title) + "*";
    if (!e.document.symbol.empty()) out += ", " + markdown_escape(e.document.symbol);
    if (!e.document.date.empty()) out += ", " + markdown_escape(e.document.date);
    if (e.passage.page > 0) out += ", p. " + std::to_string(e.passage.page);
    out += " (<" + base + permalink(e.document.id, e.passage.n) + ">; " + markdown_escape(e.link.method) + ")\n";
  }
  return out;
}

}  // namespace atip::api
