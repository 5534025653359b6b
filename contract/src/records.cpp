#include "atip/records.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UTF8Encoding.h>

#include <cmath>
#include <sstream>

namespace atip::records {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// ---- encoding ----

// Text from a broken extraction may hold bytes that are no UTF-8: they become U+FFFD, so that
// every record is JSON a strict reader accepts.
std::string valid_utf8(const std::string& s) {
  Poco::UTF8Encoding utf8;
  if (utf8.isLegal(reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()))) return s;
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto* at = reinterpret_cast<const unsigned char*>(s.data() + i);
    const int length = utf8.sequenceLength(at, static_cast<int>(s.size() - i));
    if (length > 0 && utf8.isLegal(at, length)) {
      out.append(s, i, static_cast<size_t>(length));
      i += static_cast<size_t>(length);
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

Object::Ptr new_object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// JSON has no NaN or infinity: a number that is not finite is written as 0.
double finite(double v) { return std::isfinite(v) ? v : 0.0; }

void put(Object& o, const std::string& key, const std::string& v) { o.set(key, valid_utf8(v)); }
// Fields that are absent for most passages are null, not "".
void put_or_null(Object& o, const std::string& key, const std::string& v) {
  if (v.empty()) o.set(key, Poco::Dynamic::Var());
  else put(o, key, v);
}
void put(Object& o, const std::string& key, const std::vector<std::string>& list) {
  Array::Ptr a = new Array;
  for (const auto& s : list) a->add(valid_utf8(s));
  o.set(key, a);
}
void put(Object& o, const std::string& key, const std::vector<int>& list) {
  Array::Ptr a = new Array;
  for (int v : list) a->add(v);
  o.set(key, a);
}

// An array of objects, each written by put(object, element).
template <typename T, typename Put>
Array::Ptr objects(const std::vector<T>& elements, Put put) {
  Array::Ptr a = new Array;
  for (const auto& element : elements) {
    Object::Ptr o = new_object();
    put(*o, element);
    a->add(o);
  }
  return a;
}

void put_path(Object& o, const std::vector<PathStep>& path) {
  o.set("path", objects(path, [](Object& s, const PathStep& step) {
    put(s, "kind", step.kind);
    put_or_null(s, "label", step.label);
    put_or_null(s, "caption", step.caption);
  }));
}

// with_passage: in a document's list, each link names its passage.
Array::Ptr links_array(const std::vector<Link>& links, bool with_passage) {
  return objects(links, [with_passage](Object& o, const Link& l) {
    put(o, "item", l.item);
    if (with_passage) o.set("passage", l.passage);
    put(o, "method", l.method);
    o.set("score", finite(l.score));
    put(o, "status", l.status);
    put(o, "basis", l.basis);
  });
}

std::string text_of(const Object::Ptr& o) {
  std::ostringstream out;
  o->stringify(out);
  return out.str();
}

// ---- decoding ----

std::string str(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return {};
  return o->getValue<std::string>(key);
}
int num(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return 0;
  return o->getValue<int>(key);
}
long long big(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return 0;
  return o->getValue<long long>(key);
}
double real(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return 0;
  return o->getValue<double>(key);
}
// The array or object under key; null when absent; damage when it is something else.
Array::Ptr array_at(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return nullptr;
  Array::Ptr a = o->getArray(key);
  if (!a) throw Poco::DataFormatException("'" + key + "' is not an array");
  return a;
}
Object::Ptr object_at(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return nullptr;
  Object::Ptr child = o->getObject(key);
  if (!child) throw Poco::DataFormatException("'" + key + "' is not an object");
  return child;
}
bool flag(const Object::Ptr& o, const std::string& key) {
  return o && o->has(key) && !o->isNull(key) && o->getValue<bool>(key);
}
std::vector<std::string> strings(const Object::Ptr& o, const std::string& key) {
  std::vector<std::string> out;
  Array::Ptr a = array_at(o, key);
  for (unsigned i = 0; a && i < a->size(); ++i) out.push_back(a->getElement<std::string>(i));
  return out;
}
std::vector<int> numbers(const Object::Ptr& o, const std::string& key) {
  std::vector<int> out;
  Array::Ptr a = array_at(o, key);
  for (unsigned i = 0; a && i < a->size(); ++i) out.push_back(a->getElement<int>(i));
  return out;
}
// Calls each(object) for every object of the array under key.
template <typename Each>
void for_each_object(const Object::Ptr& o, const std::string& key, Each each) {
  Array::Ptr a = array_at(o, key);
  for (unsigned i = 0; a && i < a->size(); ++i) {
    Object::Ptr element = a->getObject(i);
    if (!element) throw Poco::DataFormatException("'" + key + "' holds something that is not an object");
    each(element);
  }
}

std::vector<PathStep> path_of(const Object::Ptr& o) {
  std::vector<PathStep> path;
  for_each_object(o, "path", [&](const Object::Ptr& s) { path.push_back({str(s, "kind"), str(s, "label"), str(s, "caption")}); });
  return path;
}
std::vector<Link> links_of(const Object::Ptr& o, const std::string& key) {
  std::vector<Link> links;
  for_each_object(o, key, [&](const Object::Ptr& l) {
    links.push_back({str(l, "item"), num(l, "passage"), str(l, "method"), real(l, "score"), str(l, "status"), strings(l, "basis")});
  });
  return links;
}

// Runs read on the parsed object; any failure becomes a kInternal error naming the record.
template <typename T, typename Read>
Result<T> decode(std::string_view json, const char* what, Read read) {
  try {
    Poco::JSON::Parser parser;
    Object::Ptr o = parser.parse(std::string(json)).extract<Object::Ptr>();
    if (!o) return Error{ErrorCode::kInternal, std::string("damaged ") + what + ": not a JSON object"};
    return read(o);
  } catch (const Poco::Exception& e) {
    return Error{ErrorCode::kInternal, std::string("damaged ") + what + ": " + e.displayText()};
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("damaged ") + what + ": " + e.what()};
  }
}

}  // namespace

std::string encode(const Passage& p) {
  Object::Ptr o = new_object();
  put(*o, "doc", p.document);
  if (p.version > 0) o->set("version", p.version);
  o->set("n", p.n);
  o->set("page", p.page);
  put(*o, "heading", p.heading);
  put_or_null(*o, "article", p.article);
  put_or_null(*o, "caption", p.caption);
  put_path(*o, p.path);
  put(*o, "language", p.language);
  put_or_null(*o, "date", p.date);
  put(*o, "place", p.place);
  o->set("footnote", p.footnote);
  o->set("ocr", p.ocr);
  if (p.ocr) o->set("ocr_confidence", finite(p.ocr_confidence));
  put(*o, "text", p.text);
  put(*o, "countries", p.countries);
  put(*o, "orgs", p.orgs);
  o->set("links", links_array(p.links, false));
  return text_of(o);
}

std::string encode(const Document& d) {
  Object::Ptr o = new_object();
  put(*o, "id", d.id);
  put(*o, "title", d.title);
  put(*o, "type", d.type);
  put(*o, "symbols", d.symbols);
  put(*o, "language", d.language);
  put_or_null(*o, "date", d.date);
  put(*o, "years", d.years);
  put(*o, "jurisdiction", d.jurisdiction);
  put(*o, "source", d.source);
  put(*o, "note", d.note);
  put(*o, "countries", d.countries);
  put(*o, "orgs", d.orgs);
  o->set("pages", d.pages);
  if (!d.ocr_pages.empty()) {
    put(*o, "ocr_pages", d.ocr_pages);
    o->set("ocr_confidence", finite(d.ocr_confidence));
  }
  Object::Ptr file = new_object();
  put(*file, "path", d.file.path);
  put(*file, "name", d.file.name);
  put(*file, "content_type", d.file.content_type);
  file->set("size", d.file.size);
  put(*file, "hash", d.file.hash);
  o->set("file", file);
  put(*o, "symbol_keys", d.symbol_keys);
  o->set("passages", objects(d.passages, [](Object& e, const PassageEntry& p) {
    e.set("n", p.n);
    e.set("page", p.page);
    put(e, "heading", p.heading);
    put_or_null(e, "article", p.article);
    put_or_null(e, "caption", p.caption);
    put_path(e, p.path);
    put(e, "language", p.language);
    put_or_null(e, "date", p.date);
    e.set("ocr", p.ocr);
    e.set("footnote", p.footnote);
    put(e, "links", p.links);
  }));
  o->set("link_details", links_array(d.link_details, true));
  o->set("cites", objects(d.cites, [](Object& e, const Citation& c) {
    put(e, "symbol", c.symbol);
    put(e, "key", c.key);
  }));
  return text_of(o);
}

std::string encode(const WorkPlan& plan) {
  Object::Ptr o = new_object();
  put(*o, "document", plan.document);
  put(*o, "symbol", plan.symbol);
  o->set("items", objects(plan.items, [](Object& e, const WorkPlanItem& i) {
    put(e, "id", i.id);
    put(e, "kind", i.kind);
    e.set("number", i.number);
    put(e, "pillar", i.pillar);
    put(e, "heading", i.heading);
    put(e, "text", i.text);
  }));
  return text_of(o);
}

std::string encode(const Citations& c) {
  Object::Ptr o = new_object();
  o->set("cites", objects(c.cites, [](Object& e, const ResolvedCitation& r) {
    put(e, "symbol", r.symbol);
    put_or_null(e, "document", r.document);
  }));
  put(*o, "cited_by", c.cited_by);
  return text_of(o);
}

Result<Passage> decode_passage(std::string_view json) {
  return decode<Passage>(json, "passage data", [](const Object::Ptr& o) {
    Passage p;
    p.document = str(o, "doc");
    p.n = num(o, "n");
    p.version = num(o, "version");
    p.page = num(o, "page");
    p.heading = str(o, "heading");
    p.article = str(o, "article");
    p.caption = str(o, "caption");
    p.path = path_of(o);
    p.language = str(o, "language");
    p.date = str(o, "date");
    p.place = str(o, "place");
    p.footnote = flag(o, "footnote");
    p.ocr = flag(o, "ocr");
    p.ocr_confidence = real(o, "ocr_confidence");
    p.text = str(o, "text");
    p.countries = strings(o, "countries");
    p.orgs = strings(o, "orgs");
    p.links = links_of(o, "links");
    return p;
  });
}

Result<Document> decode_document(std::string_view json) {
  return decode<Document>(json, "document record", [](const Object::Ptr& o) {
    Document d;
    d.id = str(o, "id");
    d.title = str(o, "title");
    d.type = str(o, "type");
    d.symbols = strings(o, "symbols");
    d.language = str(o, "language");
    d.date = str(o, "date");
    d.years = numbers(o, "years");
    d.jurisdiction = str(o, "jurisdiction");
    d.source = str(o, "source");
    d.note = str(o, "note");
    d.countries = strings(o, "countries");
    d.orgs = strings(o, "orgs");
    d.pages = num(o, "pages");
    d.ocr_pages = numbers(o, "ocr_pages");
    d.ocr_confidence = real(o, "ocr_confidence");
    Object::Ptr file = object_at(o, "file");
    d.file = {str(file, "path"), str(file, "name"), str(file, "content_type"), big(file, "size"), str(file, "hash")};
    d.symbol_keys = strings(o, "symbol_keys");
    for_each_object(o, "passages", [&](const Object::Ptr& p) {
      d.passages.push_back({num(p, "n"), num(p, "page"), str(p, "heading"), str(p, "article"), str(p, "caption"), path_of(p),
                            str(p, "language"), str(p, "date"), flag(p, "ocr"), flag(p, "footnote"), strings(p, "links")});
    });
    d.link_details = links_of(o, "link_details");
    for_each_object(o, "cites", [&](const Object::Ptr& c) { d.cites.push_back({str(c, "symbol"), str(c, "key")}); });
    return d;
  });
}

Result<WorkPlan> decode_workplan(std::string_view json) {
  return decode<WorkPlan>(json, "work plan record", [](const Object::Ptr& o) {
    WorkPlan plan;
    plan.document = str(o, "document");
    plan.symbol = str(o, "symbol");
    for_each_object(o, "items", [&](const Object::Ptr& i) {
      plan.items.push_back({str(i, "id"), str(i, "kind"), num(i, "number"), str(i, "pillar"), str(i, "heading"), str(i, "text")});
    });
    return plan;
  });
}

Result<Citations> decode_citations(std::string_view json) {
  return decode<Citations>(json, "citation record", [](const Object::Ptr& o) {
    Citations c;
    for_each_object(o, "cites", [&](const Object::Ptr& r) { c.cites.push_back({str(r, "symbol"), str(r, "document")}); });
    c.cited_by = strings(o, "cited_by");
    return c;
  });
}

}  // namespace atip::records
