#include "search/record_parser.h"

#include <cstdlib>

#include "atip/records.h"

namespace atip {
namespace {

LinkDetail link_of(const records::Link& l, int passage) {
  return {l.item, passage, l.method, l.score, l.status, l.basis};
}

}  // namespace

Result<DocumentRecord> parse_document_record(const std::string& json) {
  auto decoded = records::decode_document(json);
  if (!decoded) return decoded.error();
  const records::Document& d = decoded.value();
  DocumentRecord r;
  r.summary.id = d.id;
  r.summary.title = d.title;
  r.summary.type = d.type;
  r.symbols = d.symbols;
  r.symbol_keys = d.symbol_keys;
  r.summary.symbol = r.symbols.empty() ? std::string() : r.symbols.front();
  r.summary.language = d.language;
  r.summary.date = d.date;
  r.summary.year = d.date.size() >= 4 ? std::atoi(d.date.substr(0, 4).c_str()) : 0;
  r.summary.jurisdiction = d.jurisdiction;
  r.years = d.years;
  r.countries = d.countries;
  r.orgs = d.orgs;
  r.pages = d.pages;
  r.summary.ocr = !d.ocr_pages.empty();
  r.summary.ocr_confidence = d.ocr_confidence;
  r.file_path = d.file.path;
  r.file_name = d.file.name;
  r.content_type = d.file.content_type;
  r.file_size = d.file.size;
  r.file_hash = d.file.hash;
  for (const auto& p : d.passages) {
    r.passages.push_back({p.n, p.page, p.heading, p.article, p.caption, p.path, p.footnote, p.language, p.date,
                          p.ocr, p.links});
  }
  for (const auto& l : d.link_details) r.link_details.push_back(link_of(l, l.passage));
  return r;
}

PassageSummary summary_of(const PassageDetail& p) {
  PassageSummary s;
  s.n = p.n;
  s.page = p.page;
  s.heading = p.heading;
  s.article = p.article;
  s.caption = p.caption;
  s.path = p.path;
  s.language = p.language;
  s.date = p.date;
  s.place = p.place;
  s.version = p.version;
  s.ocr = p.ocr;
  s.ocr_confidence = p.ocr_confidence;
  return s;
}

Result<PassageDetail> parse_passage_data(const std::string& json) {
  auto decoded = records::decode_passage(json);
  if (!decoded) return decoded.error();
  records::Passage& d = decoded.value();
  PassageDetail p;
  p.document_id = std::move(d.document);
  p.n = d.n;
  p.version = d.version;
  p.page = d.page;
  p.heading = std::move(d.heading);
  p.article = std::move(d.article);
  p.caption = std::move(d.caption);
  p.path = std::move(d.path);
  p.language = std::move(d.language);
  p.date = std::move(d.date);
  p.place = std::move(d.place);
  p.text = std::move(d.text);
  p.countries = std::move(d.countries);
  p.orgs = std::move(d.orgs);
  p.ocr = d.ocr;
  p.ocr_confidence = d.ocr_confidence;
  for (const auto& l : d.links) p.links.push_back(link_of(l, p.n));
  return p;
}

Result<std::vector<WorkPlanItemView>> parse_workplan(const std::string& json) {
  auto decoded = records::decode_workplan(json);
  if (!decoded) return decoded.error();
  std::vector<WorkPlanItemView> items;
  for (const auto& i : decoded.value().items) {
    WorkPlanItemView v;
    static_cast<records::WorkPlanItem&>(v) = i;
    items.push_back(std::move(v));
  }
  return items;
}

}  // namespace atip
