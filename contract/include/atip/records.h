// The records the index stores beside its terms, and their one encoding (JSON): a passage's data,
// a document's record, the work plan and a document's resolved citations. The indexer encodes them;
// the search service and the archive decode them. Nothing else reads or writes their text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "atip/result.h"

namespace atip::records {

// One step of a passage's place in a law's outline: {"chapter", "CAPÍTULO II", "De la protección"}.
struct PathStep {
  std::string kind;  // book, part, title, chapter, section, subchapter, transitory, heading, article
  std::string label;
  std::string caption;

  bool operator==(const PathStep&) const = default;
};

// A link of a passage to a Work Plan item, with what made it.
struct Link {
  std::string item;
  int passage = 0;  // in a document's link list; a passage's own links leave it 0
  std::string method;
  double score = 0;
  std::string status;
  std::vector<std::string> basis;

  bool operator==(const Link&) const = default;
};

// The data of one passage (one Xapian document).
struct Passage {
  std::string document;
  int n = 0;
  int version = 0;  // an earlier version of an archived document; 0: the current one
  int page = 0;
  std::string heading;
  std::string article;  // the label, as cited ("Art. 149-A"); empty: none
  std::string caption;  // that article's caption; empty: none
  std::vector<PathStep> path;
  std::string language;
  std::string date;  // the passage's own date; empty: the document's
  std::string place;
  bool footnote = false;
  bool ocr = false;
  double ocr_confidence = 0;  // kept when ocr
  std::string text;
  std::vector<std::string> countries;
  std::vector<std::string> orgs;
  std::vector<Link> links;

  bool operator==(const Passage&) const = default;
};

// A passage as the document's record lists it: its place, not its text.
struct PassageEntry {
  int n = 0;
  int page = 0;
  std::string heading;
  std::string article;
  std::string caption;
  std::vector<PathStep> path;
  std::string language;
  std::string date;
  bool ocr = false;
  bool footnote = false;
  std::vector<std::string> links;  // item ids; rejected links are not here

  bool operator==(const PassageEntry&) const = default;
};

struct StoredFile {
  std::string path;
  std::string name;
  std::string content_type;
  long long size = 0;
  std::string hash;

  bool operator==(const StoredFile&) const = default;
};

// A symbol a document cites: as first written, and its normalized key (atip/symbols.h).
struct Citation {
  std::string symbol;
  std::string key;

  bool operator==(const Citation&) const = default;
};

// The record of a document (schema::kMetaDocumentPrefix).
struct Document {
  std::string id;
  std::string title;
  std::string type;
  std::vector<std::string> symbols;
  std::string language;
  std::string date;
  std::vector<int> years;
  std::string jurisdiction;
  std::string source;
  std::string note;
  std::vector<std::string> countries;
  std::vector<std::string> orgs;
  int pages = 0;
  std::vector<int> ocr_pages;  // the pages read by OCR ...
  double ocr_confidence = 0;   // ... with this mean word confidence (kept when there are some)
  StoredFile file;
  std::vector<std::string> symbol_keys;  // the keys its own symbols are cited by
  std::vector<PassageEntry> passages;
  std::vector<Link> link_details;  // every link, rejected ones too
  std::vector<Citation> cites;

  bool operator==(const Document&) const = default;
};

struct WorkPlanItem {
  std::string id;
  std::string kind;
  int number = 0;
  std::string pillar;
  std::string heading;
  std::string text;

  bool operator==(const WorkPlanItem&) const = default;
};

struct WorkPlan {
  std::string document;
  std::string symbol;
  std::vector<WorkPlanItem> items;

  bool operator==(const WorkPlan&) const = default;
};

// A citation resolved to the document of the archive it names; document empty: none holds it.
struct ResolvedCitation {
  std::string symbol;
  std::string document;

  bool operator==(const ResolvedCitation&) const = default;
};

// A document's place in the citation graph, resolved when the index was committed
// (schema::kMetaCitationsPrefix).
struct Citations {
  std::vector<ResolvedCitation> cites;
  std::vector<std::string> cited_by;  // ids, sorted

  bool operator==(const Citations&) const = default;
};

std::string encode(const Passage& passage);
std::string encode(const Document& document);
std::string encode(const WorkPlan& plan);
std::string encode(const Citations& citations);

// Each fails with kInternal, saying what is damaged, on text that is not such a record.
Result<Passage> decode_passage(std::string_view json);
Result<Document> decode_document(std::string_view json);
Result<WorkPlan> decode_workplan(std::string_view json);
Result<Citations> decode_citations(std::string_view json);

}  // namespace atip::records
