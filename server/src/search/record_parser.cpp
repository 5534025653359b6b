#include "search/record_parser.h"

#include <Poco/JSON/Parser.h>

namespace atip {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string str(const Object::Ptr& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key)) return {};
  return o->getValue<std::string>(key);
}
int num(const Object::Ptr& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key)) return 0;
  return o->getValue<int>(key);
}
bool flag(const Object::Ptr& o, const std::string& key) {
  return o->has(key) && !o->isNull(key) && o->getValue<bool>(key);
}
double real(const Object::Ptr& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key)) return 0;
  return o->getValue<double>(key);
}
std::vector<std::string> strings(const Object::Ptr& o, const std::string& key) {
  std::vector<std::string> out;
  Array::Ptr a = o->getArray(key);
  if (!a) return out;
  for (size_t i = 0; i < a->size(); ++i) out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
  return out;
}
std::vector<PathStep> path_of(const Object::Ptr& o) {
  std::vector<PathStep> path;
  Array::Ptr a = o->getArray("path");
  for (size_t i = 0; a && i < a->size(); ++i) {
    Object::Ptr step = a->getObject(static_cast<unsigned>(i));
    path.push_back({str(step, "kind"), str(step, "label"), str(step, "caption")});
  }
  return path;
}
Object::Ptr parse_object(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Object::Ptr>();
}

}  // namespace

Result<DocumentRecord> parse_document_record(const std::string& json) {
  try {
    Object::Ptr o = parse_object(json);
    DocumentRecord r;
    r.summary.id = str(o, "id");
    r.summary.title = str(o, "title");
    r.summary.type = str(o, "type");
    r.symbols = strings(o, "symbols");
    r.symbol_keys = strings(o, "symbol_keys");
    r.summary.symbol = r.symbols.empty() ? std::string() : r.symbols.front();
    r.summary.language = str(o, "language");
    r.summary.date = str(o, "date");
    r.summary.year = r.summary.date.size() >= 4 ? std::atoi(r.summary.date.substr(0, 4).c_str()) : 0;
    r.summary.jurisdiction = str(o, "jurisdiction");
    if (Array::Ptr years = o->getArray("years")) {
      for (size_t i = 0; i < years->size(); ++i) r.years.push_back(years->getElement<int>(static_cast<unsigned>(i)));
    }
    r.countries = strings(o, "countries");
    r.orgs = strings(o, "orgs");
    r.pages = num(o, "pages");
    r.summary.ocr = o->has("ocr_pages");
    r.summary.ocr_confidence = real(o, "ocr_confidence");
    if (Object::Ptr file = o->getObject("file")) {
      r.file_path = str(file, "path");
      r.file_name = str(file, "name");
      r.content_type = str(file, "content_type");
      r.file_size = file->getValue<long long>("size");
      r.file_hash = str(file, "hash");
    }
    if (Array::Ptr passages = o->getArray("passages")) {
      for (size_t i = 0; i < passages->size(); ++i) {
        Object::Ptr p = passages->getObject(static_cast<unsigned>(i));
        PassageInfo info;
        info.n = num(p, "n");
        info.page = num(p, "page");
        info.heading = str(p, "heading");
        info.article = str(p, "article");
        info.caption = str(p, "caption");
        info.path = path_of(p);
        info.footnote = flag(p, "footnote");
        info.language = str(p, "language");
        info.date = str(p, "date");
        info.ocr = flag(p, "ocr");
        info.links = strings(p, "links");
        r.passages.push_back(std::move(info));
      }
    }
    if (Array::Ptr links = o->getArray("link_details")) {
      for (size_t i = 0; i < links->size(); ++i) {
        Object::Ptr l = links->getObject(static_cast<unsigned>(i));
        r.link_details.push_back({str(l, "item"), num(l, "passage"), str(l, "method"), l->getValue<double>("score"),
                                  str(l, "status"), strings(l, "basis")});
      }
    }
    if (Array::Ptr cites = o->getArray("cites")) {
      for (size_t i = 0; i < cites->size(); ++i) {
        Object::Ptr c = cites->getObject(static_cast<unsigned>(i));
        r.cites.push_back({str(c, "symbol"), str(c, "key")});  // id holds the key until resolved
      }
    }
    return r;
  } catch (const Poco::Exception& e) {
    return Error{ErrorCode::kInternal, "damaged document record: " + e.displayText()};
  }
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
  try {
    Object::Ptr o = parse_object(json);
    PassageDetail p;
    p.document_id = str(o, "doc");
    p.n = num(o, "n");
    p.version = o->has("version") ? num(o, "version") : 0;
    p.page = num(o, "page");
    p.heading = str(o, "heading");
    p.article = str(o, "article");
    p.caption = str(o, "caption");
    p.path = path_of(o);
    p.language = str(o, "language");
    p.date = str(o, "date");
    p.place = str(o, "place");
    p.text = str(o, "text");
    p.countries = strings(o, "countries");
    p.orgs = strings(o, "orgs");
    p.ocr = flag(o, "ocr");
    p.ocr_confidence = real(o, "ocr_confidence");
    if (Array::Ptr links = o->getArray("links")) {
      for (size_t i = 0; i < links->size(); ++i) {
        Object::Ptr l = links->getObject(static_cast<unsigned>(i));
        p.links.push_back({str(l, "item"), p.n, str(l, "method"), l->getValue<double>("score"), str(l, "status"),
                           strings(l, "basis")});
      }
    }
    return p;
  } catch (const Poco::Exception& e) {
    return Error{ErrorCode::kInternal, "damaged passage data: " + e.displayText()};
  }
}

Result<std::vector<WorkPlanItemView>> parse_workplan(const std::string& json) {
  try {
    Object::Ptr o = parse_object(json);
    std::vector<WorkPlanItemView> items;
    Array::Ptr a = o->getArray("items");
    for (size_t i = 0; a && i < a->size(); ++i) {
      Object::Ptr it = a->getObject(static_cast<unsigned>(i));
      WorkPlanItemView v;
      v.id = str(it, "id");
      v.kind = str(it, "kind");
      v.number = num(it, "number");
      v.pillar = str(it, "pillar");
      v.heading = str(it, "heading");
      v.text = str(it, "text");
      items.push_back(std::move(v));
    }
    return items;
  } catch (const Poco::Exception& e) {
    return Error{ErrorCode::kInternal, "damaged work plan record: " + e.displayText()};
  }
}

}  // namespace atip
