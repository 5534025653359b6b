// Plain request and response types of the search service: what handlers parse into and render.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "atip/document.h"
#include "atip/fields.h"
#include "atip/records.h"

namespace atip {

// The filters of API.md, by name, in the order they are rendered as facets (the field table's).
inline const std::vector<std::string>& filter_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (auto name : fields::url_filters()) v.emplace_back(name);
    return v;
  }();
  return names;
}

struct SearchRequest {
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;  // filter name -> values (OR-ed)
  bool group_by_document = true;
  int page = 1;
  int size = 10;
  enum class Sort { kRelevance, kDate, kDateDescending } sort = Sort::kRelevance;
  bool include_text = false;
  std::string lang;  // the user's language, a hint for analysing the query
  bool all_versions = false;  // also the earlier versions of archived documents (versions=all)
};

struct PassageSummary {
  int n = 0;
  int page = 0;
  std::string heading;
  std::string article;  // as PassageDetail's
  std::string caption;
  std::vector<PathStep> path;
  std::string language;
  std::string date;   // the passage's own date, else empty
  std::string place;
  std::string snippet;  // HTML-escaped; only <mark> and </mark> are markup
  std::string text;     // when requested
  int version = 0;      // an earlier version of an archived document; 0: the current one
  bool ocr = false;     // its page was read by OCR ...
  double ocr_confidence = 0;  // ... with this mean word confidence (0-100)
};

struct DocumentSummary {
  std::string id;
  std::string title;
  std::string type;
  std::string symbol;  // the document's own symbol, else empty
  std::string language;
  std::string date;
  int year = 0;
  std::string jurisdiction;
  std::string updated;  // UTC time the document was last added or changed in the index; empty when unknown
  bool ocr = false;            // some of its pages were read by OCR ...
  double ocr_confidence = 0;   // ... with this mean word confidence (0-100)
};

struct SearchHit {
  DocumentSummary document;
  std::vector<std::string> countries;  // of the passage
  std::vector<std::string> orgs;
  std::vector<std::string> links;
  double score = 0;
  PassageSummary passage;
  std::vector<DocumentSummary> also_as;  // other renderings of the same text (DocumentRecord::renderings)
};

struct FacetCount {
  std::string value;
  long long count = 0;
};

struct SearchResponse {
  std::string q;
  std::string corrected;  // empty when the query looks right
  std::string parsed;
  std::vector<std::string> languages;
  long long total = 0;
  int page = 1;
  int size = 10;
  double took_ms = 0;
  std::vector<SearchHit> hits;
  std::vector<std::pair<std::string, std::vector<FacetCount>>> facets;
  bool facets_exact = true;
  bool total_exact = true;
};

struct LinkDetail {
  std::string item;
  int passage = 0;
  std::string method;
  double score = 0;
  std::string status;
  std::vector<std::string> basis;  // what made it (WorkPlanLink::basis); empty for a person's link
};

struct Citation {
  std::string symbol;
  std::string id;  // the corpus document it resolves to, else empty
};

struct PassageInfo {
  int n = 0;
  int page = 0;
  std::string heading;
  std::string article;  // as PassageDetail's
  std::string caption;
  std::vector<PathStep> path;
  bool footnote = false;
  std::string language;
  std::string date;
  bool ocr = false;
  std::vector<std::string> links;
};

struct DocumentRecord {
  DocumentSummary summary;
  std::vector<std::string> symbols;
  std::vector<std::string> symbol_keys;
  std::vector<int> years;
  std::vector<std::string> countries;
  std::vector<std::string> orgs;
  int pages = 0;
  std::string file_path;
  std::string file_name;
  std::string content_type;
  long long file_size = 0;
  std::string file_hash;
  std::vector<PassageInfo> passages;
  std::vector<LinkDetail> link_details;
  std::vector<Citation> cites;
  std::vector<std::string> cited_by;
  // Near-duplicate documents of the same text (a PDF and its mobile layout): results show one.
  std::vector<DocumentSummary> renderings;
  // The same law in other languages (Canada's Criminal Code in English and French).
  std::vector<DocumentSummary> translations;
  std::map<std::string, int> article_passages;  // article key -> the article's first passage
};

struct PassageDetail {
  std::string document_id;
  int n = 0;
  int page = 0;
  std::string heading;
  std::string article;  // the label of the article or section it is part of, as cited ("Art. 149-A"), else empty
  std::string caption;  // that article's caption, else empty
  std::vector<PathStep> path;  // its headings, outermost first, then its article
  std::string language;
  std::string date;
  std::string place;
  std::string text;
  std::vector<std::string> countries;
  std::vector<std::string> orgs;
  std::vector<LinkDetail> links;
  int version = 0;  // of an earlier version (versions=all); 0: the current one
  bool ocr = false;
  double ocr_confidence = 0;
  // The same article in the document's translations.
  struct Translation {
    DocumentSummary document;
    int n = 0;
    std::string article;
  };
  std::vector<Translation> translations;
};

// A Work Plan item as the index stores it, with what serves it.
struct WorkPlanItemView : records::WorkPlanItem {
  long long documents = 0;
  long long passages = 0;
};

// GET /api/v1/coverage: how many current passages (and documents) of each jurisdiction serve each Work
// Plan item, under the search's filters.
struct CoverageCell {
  std::string jurisdiction;
  std::string item;
  long long passages = 0;
  long long documents = 0;
};

struct Coverage {
  std::vector<WorkPlanItemView> items;     // the items asked about (a pillar's, or all), in Work Plan order
  std::vector<std::string> jurisdictions;  // those with at least one linked passage, INT first, then by code
  std::vector<CoverageCell> cells;         // the non-empty ones, by jurisdiction then item
};

// GET /api/v1/compare: for one subject (words, a Work Plan item or a passage), the best provisions of
// each jurisdiction side by side.
struct CompareRequest {
  enum class Subject { kQuery, kItem, kPassage } subject = Subject::kQuery;
  std::string q;
  std::string item;
  std::string passage_document;
  int passage_n = 0;
  std::vector<std::string> jurisdictions;  // the columns asked for, in order; empty: every one with a provision
  std::map<std::string, std::vector<std::string>> filters;  // search's, but jurisdiction (type defaults to provisions)
  int per = 3;  // provisions per jurisdiction
  std::string lang;
};

struct ConceptUse {
  std::string words;               // the subject's words ("albergues")
  std::vector<std::string> terms;  // the thesaurus terms they reach, "lang:text"
};

struct Provision {
  DocumentSummary document;
  PassageSummary passage;          // with text, snippet and highlighted (the whole text, marked)
  std::string highlighted;
  double score = 0;
  std::vector<std::string> words;     // why: the subject's words found in it, as written there
  std::vector<std::string> concepts;  // why: the thesaurus terms it was reached through
  std::vector<LinkDetail> links;      // why: its links to the subject's Work Plan items
};

struct CompareColumn {
  std::string jurisdiction;
  std::vector<Provision> provisions;
};

struct Comparison {
  CompareRequest::Subject subject = CompareRequest::Subject::kQuery;
  std::string q;
  WorkPlanItemView item;          // for an item
  PassageDetail passage;          // for a passage
  DocumentSummary passage_document;
  std::vector<std::string> languages;
  std::vector<ConceptUse> concepts;
  std::vector<std::string> types;  // the document types compared
  int per = 3;
  std::vector<CompareColumn> columns;
  double took_ms = 0;
};

// A law's table of contents: its headings and articles as a tree, each with the passages under it.
struct OutlineNode {
  PathStep step;
  int passage = 0;            // the first passage under it
  int page = 0;               // that passage's page
  std::vector<int> passages;  // its own passages, not its children's
  std::vector<OutlineNode> children;
};

struct Outline {
  DocumentSummary document;
  std::vector<int> passages;  // under no heading (a treaty's preamble, a report's opening)
  std::vector<OutlineNode> children;
  int articles = 0;           // how many nodes are articles
};

struct Evidence {
  DocumentSummary document;
  PassageDetail passage;
  LinkDetail link;
};

struct Health {
  long long documents = 0;
  long long passages = 0;
  long long revision = 0;
};

}  // namespace atip
