#include "archive/document_history.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdio>

#include "archive/durable_file.h"
#include "atip/json_writer.h"
#include "atip/metadata.h"

namespace atip::archive {
namespace fs = std::filesystem;
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::optional<ChangeKind> kind_of(const std::string& name) {
  for (ChangeKind k : {ChangeKind::kAdd, ChangeKind::kReplace, ChangeKind::kWithdraw, ChangeKind::kRestore}) {
    if (name == change_name(k)) return k;
  }
  return std::nullopt;
}

std::string to_json(const Change& c) {
  JsonWriter w;
  w.begin_object()
      .key("seq").value(c.seq)
      .key("kind").value(change_name(c.kind))
      .key("state").value(c.pending ? "pending" : "final")
      .key("at").value(c.at)
      .key("by").value(c.by)
      .key("version").value(c.version)
      .key("hash").value(c.hash);
  if (c.kind == ChangeKind::kAdd || c.kind == ChangeKind::kReplace) {
    const auto& m = c.meta;
    w.key("ext").value(c.ext)
        .key("content_type").value(c.content_type)
        .key("size").value(c.size)
        .key("uploaded_name").value(c.uploaded_name)
        .key("metadata").begin_object()
        .key("id").value(m.id)
        .key("title").value(m.title)
        .key("type").value(m.type)
        .key("symbols").string_array(m.symbols)
        .key("date").value(m.date)
        .key("years").begin_array();
    for (int y : m.years) w.value(y);
    w.end_array()
        .key("jurisdiction").value(m.jurisdiction)
        .key("language").value(m.language)
        .key("source").value(m.source)
        .key("note").value(m.note)
        .end_object();
  }
  w.end_object();
  return w.take() + "\n";
}

std::string str(const Object::Ptr& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key)) return {};
  return o->getValue<std::string>(key);
}

Result<Change> from_json(const std::string& json, const fs::path& file) {
  try {
    Poco::JSON::Parser parser;
    Object::Ptr o = parser.parse(json).extract<Object::Ptr>();
    Change c;
    c.seq = o->getValue<long long>("seq");
    auto kind = kind_of(str(o, "kind"));
    if (!kind) return Error{ErrorCode::kInternal, file.string() + ": unknown change kind"};
    c.kind = *kind;
    c.pending = str(o, "state") != "final";
    c.at = str(o, "at");
    c.by = str(o, "by");
    c.version = o->getValue<int>("version");
    c.hash = str(o, "hash");
    c.ext = str(o, "ext");
    c.content_type = str(o, "content_type");
    if (o->has("size")) c.size = o->getValue<long long>("size");
    c.uploaded_name = str(o, "uploaded_name");
    if (Object::Ptr m = o->getObject("metadata")) {
      c.meta.id = str(m, "id");
      c.meta.title = str(m, "title");
      c.meta.type = str(m, "type");
      if (Array::Ptr a = m->getArray("symbols")) {
        for (size_t i = 0; i < a->size(); ++i) c.meta.symbols.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
      }
      c.meta.date = str(m, "date");
      if (Array::Ptr a = m->getArray("years")) {
        for (size_t i = 0; i < a->size(); ++i) c.meta.years.push_back(a->getElement<int>(static_cast<unsigned>(i)));
      }
      c.meta.jurisdiction = str(m, "jurisdiction");
      c.meta.language = str(m, "language");
      c.meta.source = str(m, "source");
      c.meta.note = str(m, "note");
    }
    return c;
  } catch (const Poco::Exception& e) {
    return Error{ErrorCode::kInternal, file.string() + ": damaged change record: " + e.displayText()};
  }
}

}  // namespace

const char* change_name(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdd: return "add";
    case ChangeKind::kReplace: return "replace";
    case ChangeKind::kWithdraw: return "withdraw";
    case ChangeKind::kRestore: return "restore";
  }
  return "add";
}

DocumentState fold(const std::vector<Change>& changes) {
  DocumentState s;
  for (const auto& c : changes) {
    if (c.pending) continue;
    s.changes.push_back(c);
    s.last_seq = c.seq;
    switch (c.kind) {
      case ChangeKind::kAdd:
      case ChangeKind::kReplace: s.versions.push_back(c); break;
      case ChangeKind::kWithdraw: s.withdrawn = true; break;
      case ChangeKind::kRestore: s.withdrawn = false; break;
    }
  }
  return s;
}

DocumentHistory::DocumentHistory(fs::path root) : root_(std::move(root)) {}

fs::path DocumentHistory::file_of(const std::string& id, long long seq) const {
  char name[32];
  std::snprintf(name, sizeof name, "%08lld.json", seq);
  return root_ / id / name;
}

Result<std::vector<Change>> DocumentHistory::load(const std::string& id) const {
  std::vector<Change> changes;
  if (!is_valid_document_id(id)) return changes;
  std::error_code ec;
  fs::path folder = root_ / id;
  if (!fs::is_directory(folder, ec)) return changes;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(".") || e.path().extension() != ".json") continue;  // temporaries
    auto bytes = read_whole_file(e.path());
    if (!bytes) return bytes.error();
    auto change = from_json(bytes.value(), e.path());
    if (!change) return change.error();
    changes.push_back(std::move(change.value()));
  }
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.seq < b.seq; });
  return changes;
}

Result<bool> DocumentHistory::write(const std::string& id, const Change& change) {
  return write_file_durably(file_of(id, change.seq), to_json(change));
}

Result<bool> DocumentHistory::remove(const std::string& id, long long seq) {
  auto removed = remove_file_durably(file_of(id, seq));
  if (!removed) return removed;
  std::error_code ec;
  if (fs::is_empty(root_ / id, ec)) {
    fs::remove(root_ / id, ec);
    sync_folder(root_);
  }
  return true;
}

std::vector<std::string> DocumentHistory::ids() const {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root_, ec)) {
    std::string name = e.path().filename().string();
    if (e.is_directory(ec) && is_valid_document_id(name)) ids.push_back(name);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace atip::archive
