// Turns an analysed document into Xapian documents (one per passage) and its metadata record.
// Runs in the worker threads, so that the single writer only has to add what is ready.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "atip/text.h"
#include "store/indexed_document.h"

namespace atip {

struct PreparedDocument {
  std::string id;
  std::string signature;
  std::string json;  // the document record (metadata entry)
  std::string fingerprint;  // "<language>|<hex MinHash>" of its text (renderings.h), empty if too short
  std::vector<Xapian::Document> passages;
  std::unordered_map<std::string, Xapian::termcount> spelling;  // word -> occurrences
  int passage_count = 0;
  int pages = 0;
  int ocr_pages = 0;         // pages read by OCR ...
  int ocr_pages_cached = 0;  // ... of which the OCR cache had the text
};

// tokens[i] are the tokens of doc.passages[i].text.
PreparedDocument prepare_document(IndexedDocument doc, const std::vector<std::vector<text::Token>>& tokens);

// Turns a prepared document into the passages of its earlier version `version` (atip/schema.h:
// kSupersededPrefix): searchable with versions=all, invisible to everything else.
void mark_superseded(PreparedDocument& doc, int version);

}  // namespace atip
