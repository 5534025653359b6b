// A document ready to be written: its metadata, file facts and analysed passages.
#pragma once

#include <string>
#include <vector>

#include "atip/document.h"

namespace atip {

struct StoredFile {
  std::string path;          // absolute path of the original
  std::string name;
  std::string content_type;
  long long size = 0;
  std::string hash;          // content signature (file + metadata + pipeline version)
};

struct IndexedDocument {
  DocumentMetadata meta;
  StoredFile file;
  int pages = 0;
  std::vector<OcrPageInfo> ocr_pages;  // the pages read by OCR
  std::vector<std::string> countries;  // union over passages
  std::vector<std::string> orgs;
  std::vector<Passage> passages;
};

}  // namespace atip
