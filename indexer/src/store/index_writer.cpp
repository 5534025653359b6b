#include "store/index_writer.h"

#include "store/document_builder.h"
#include "store/citation_graph.h"
#include "store/renderings.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <thread>
#include <map>
#include <set>
#include <stdexcept>

#include "atip/schema.h"
#include "atip/text.h"

namespace atip {
namespace {

using namespace std::string_literals;
namespace s = schema;


std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  bool in_transaction = false;
  std::map<std::string, text::Stemmer> stemmers;

  const text::Stemmer& stemmer(const std::string& lang) {
    auto it = stemmers.find(lang);
    if (it == stemmers.end()) it = stemmers.emplace(lang, text::Stemmer(lang)).first;
    return it->second;
  }

  void forget_spelling(Xapian::docid id) {
    Xapian::Document d = db.get_document(id);
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
      const std::string& term = *t;
      if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) continue;
      db.remove_spelling(term, t.get_wdf());
    }
  }

  // Documents replaced or removed since open(), and the rendering groups they were in: regrouped at commit.
  std::set<std::string> changed;
  std::set<std::string> old_groups;

  std::string meta(std::string_view prefix, const std::string& id) const { return db.get_metadata(s::term(prefix, id)); }

  void forget_rendering(const std::string& id) {
    changed.insert(id);
    if (std::string group = meta(s::kMetaRenderingPrefix, id); !group.empty()) old_groups.insert(group);
    db.set_metadata(s::term(s::kMetaRenderingPrefix, id), "");
  }

  // The documents whose first passage shares a fingerprint band with the document's.
  std::set<std::string> rendering_candidates(const std::string& id) {
    std::set<std::string> out;
    const std::string first = s::passage_id_term(id, 1);
    auto p = db.postlist_begin(first);
    if (p == db.postlist_end(first)) return out;
    Xapian::Document d = db.get_document(*p);
    const std::string prefix(s::kRenderingBandPrefix);
    auto t = d.termlist_begin();
    t.skip_to(prefix);
    for (; t != d.termlist_end() && (*t).rfind(prefix, 0) == 0; ++t) {
      for (auto q = db.postlist_begin(*t); q != db.postlist_end(*t); ++q) {
        if (*q != *p) out.insert(db.get_document(*q).get_value(s::kSlotDocId));
      }
    }
    return out;
  }

  void set_rendering(const std::string& id, const std::string& group, bool shared) {
    db.set_metadata(s::term(s::kMetaRenderingPrefix, id), shared ? group : std::string());
    const std::string term = s::term(s::kDocumentPrefix, id);
    std::vector<Xapian::docid> ids(db.postlist_begin(term), db.postlist_end(term));
    for (Xapian::docid docid : ids) {
      Xapian::Document d = db.get_document(docid);
      if (d.get_value(s::kSlotRendering) == group) continue;
      d.add_value(s::kSlotRendering, group);
      db.replace_document(docid, d);
    }
  }

  // Joins the changed documents, and those of the groups they were in, to the documents they are
  // renderings of; a group's key is its least id.
  void regroup_renderings() {
    if (changed.empty()) return;
    std::map<std::string, std::vector<std::string>> members;  // group -> documents
    std::map<std::string, std::string> group_of;
    const std::string prefix(s::kMetaRenderingPrefix);
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      const std::string id = (*k).substr(prefix.size());
      const std::string group = db.get_metadata(*k);
      if (group.empty()) continue;
      members[group].push_back(id);
      group_of[id] = group;
    }
    std::set<std::string> touched = changed;
    for (const auto& g : old_groups) {
      for (const auto& id : members[g]) touched.insert(id);
    }
    std::vector<std::string> present;
    std::vector<std::pair<std::string, std::string>> edges;
    for (const auto& id : touched) {
      const std::string mine = meta(s::kMetaFingerprintPrefix, id);
      if (mine.empty() && !has_record(id)) continue;  // removed
      present.push_back(id);
      const size_t bar = mine.find('|');
      if (bar == std::string::npos) continue;
      const Fingerprint f = decode_fingerprint(std::string_view(mine).substr(bar + 1));
      for (const auto& other : rendering_candidates(id)) {
        const std::string theirs = meta(s::kMetaFingerprintPrefix, other);
        if (theirs.compare(0, bar + 1, mine, 0, bar + 1) != 0) continue;  // another language: a translation
        if (resemblance(f, decode_fingerprint(std::string_view(theirs).substr(bar + 1))) < kSameRenderingResemblance) {
          continue;
        }
        edges.emplace_back(id, other);
        // A group it joins keeps its members.
        if (auto g = group_of.find(other); g != group_of.end() && !touched.count(other)) {
          for (const auto& member : members[g->second]) edges.emplace_back(other, member);
        }
      }
    }
    const auto groups = rendering_groups(present, edges);
    std::map<std::string, int> sizes;
    for (const auto& [id, group] : groups) ++sizes[group];
    for (const auto& [id, group] : groups) set_rendering(id, group, sizes[group] > 1);
    changed.clear();
    old_groups.clear();
  }

  bool has_record(const std::string& id) const { return !meta(s::kMetaDocumentPrefix, id).empty(); }

  void delete_passages(const std::string& id) {
    std::string term = s::term(s::kDocumentPrefix, id);
    std::vector<Xapian::docid> ids;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) ids.push_back(*p);
    for (auto docid : ids) forget_spelling(docid);
    if (!ids.empty()) db.delete_document(term);
  }

};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() { abandon(); }

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::filesystem::path& path, int lock_wait_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(lock_wait_seconds);
  for (;;) {
    auto opened = try_open(path);
    if (opened || opened.error().code != ErrorCode::kUnavailable || std::chrono::steady_clock::now() >= deadline) {
      return opened;
    }
    // The lock of a writer that was just killed is released a moment later.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::try_open(const std::filesystem::path& path) {
  try {
    if (path.has_parent_path()) {
      std::error_code ignored;  // Xapian reports the failure below with the path
      std::filesystem::create_directories(path.parent_path(), ignored);
    }
    auto impl = std::make_unique<Impl>();
    impl->db = Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
    impl->db.begin_transaction(true);
    impl->in_transaction = true;
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::DatabaseLockError& e) {
    return Error{ErrorCode::kUnavailable, "index is locked by another writer: " + e.get_msg()};
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, "cannot open index " + path.string() + ": " + e.get_description()};
  }
}

std::optional<std::string> IndexWriter::signature(const std::string& id) const {
  std::string sig = impl_->db.get_metadata(s::term(s::kMetaSignaturePrefix, id));
  if (sig.empty()) return std::nullopt;
  return sig;
}

std::vector<std::string> IndexWriter::document_ids() const {
  std::vector<std::string> ids;
  std::string prefix(s::kDocumentPrefix);
  for (auto t = impl_->db.allterms_begin(prefix); t != impl_->db.allterms_end(prefix); ++t) {
    ids.push_back((*t).substr(prefix.size()));
  }
  return ids;
}

bool IndexWriter::has_document(const std::string& id) const {
  return !impl_->db.get_metadata(s::term(s::kMetaDocumentPrefix, id)).empty();
}

std::string IndexWriter::archive_marker(const std::string& id) const {
  return impl_->db.get_metadata(s::term(s::kMetaArchivePrefix, id));
}

std::string IndexWriter::reference() const { return impl_->db.get_metadata(std::string(s::kMetaReference)); }

void IndexWriter::replace_document(const PreparedDocument& doc) {
  const std::string record_key = s::term(s::kMetaDocumentPrefix, doc.id);
  try {
    // The time a reader (the feeds) sees as "changed": kept when the record is the same as before.
    if (impl_->db.get_metadata(record_key) != doc.json) {
      impl_->db.set_metadata(s::term(s::kMetaIndexedPrefix, doc.id), utc_now());
    }
    impl_->delete_passages(doc.id);
    impl_->forget_rendering(doc.id);  // its new passages are their own group until commit
    for (const auto& p : doc.passages) impl_->db.add_document(p);
    for (const auto& [word, count] : doc.spelling) impl_->db.add_spelling(word, count);
    impl_->db.set_metadata(record_key, doc.json);
    impl_->db.set_metadata(s::term(s::kMetaSignaturePrefix, doc.id), doc.signature);
    impl_->db.set_metadata(s::term(s::kMetaFingerprintPrefix, doc.id), doc.fingerprint);
  } catch (const Xapian::Error& e) {
    throw std::runtime_error(e.get_description());  // callers see no Xapian
  }
}

void IndexWriter::add_superseded(const PreparedDocument& doc) {
  for (const auto& p : doc.passages) impl_->db.add_document(p);
}

std::vector<LinkReview> IndexWriter::reviews(const std::string& id) const {
  std::vector<LinkReview> out;
  const std::string prefix = std::string(s::kMetaReviewPrefix) + id + "#";
  for (auto k = impl_->db.metadata_keys_begin(prefix); k != impl_->db.metadata_keys_end(prefix); ++k) {
    const std::string key = *k;
    const size_t bar = key.find('|', prefix.size());
    if (bar == std::string::npos) continue;
    LinkReview r;
    r.passage = std::atoi(key.substr(prefix.size(), bar - prefix.size()).c_str());
    r.item = key.substr(bar + 1);
    r.status = impl_->db.get_metadata(key);
    if (r.passage > 0 && !r.status.empty()) out.push_back(std::move(r));
  }
  return out;
}

void IndexWriter::set_review(const std::string& id, int passage, const std::string& item, const std::string& status) {
  impl_->db.set_metadata(s::review_key(id, passage, item), status);
}

std::string IndexWriter::record(const std::string& id) const {
  return impl_->db.get_metadata(s::term(s::kMetaDocumentPrefix, id));
}

void IndexWriter::remove_superseded(const std::string& id) {
  const std::string term = s::term(s::kSupersededPrefix, id);
  if (impl_->db.term_exists(term)) impl_->db.delete_document(term);
}

void IndexWriter::remove_document(const std::string& id) {
  remove_superseded(id);
  impl_->delete_passages(id);
  impl_->forget_rendering(id);
  impl_->db.set_metadata(s::term(s::kMetaFingerprintPrefix, id), "");
  impl_->db.set_metadata(s::term(s::kMetaDocumentPrefix, id), "");
  impl_->db.set_metadata(s::term(s::kMetaSignaturePrefix, id), "");
  impl_->db.set_metadata(s::term(s::kMetaIndexedPrefix, id), "");
}

void IndexWriter::set_archive_marker(const std::string& id, const std::string& marker) {
  impl_->db.set_metadata(s::term(s::kMetaArchivePrefix, id), marker);
}

void IndexWriter::set_reference(const std::string& folder) {
  impl_->db.set_metadata(std::string(s::kMetaReference), folder);
}

void IndexWriter::set_workplan(const std::string& json) { impl_->db.set_metadata(std::string(s::kMetaWorkPlan), json); }

void IndexWriter::set_thesaurus(const std::vector<Concept>& concepts) {
  auto& db = impl_->db;
  std::vector<std::string> old_keys;
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) old_keys.push_back(*k);
  for (const auto& k : old_keys) db.clear_synonyms(k);
  for (const auto& c : concepts) {
    // Values carry the term's language so the query side can stem them: "es:trata de personas";
    // a term matched by its words as written says so by '=': "fr=refuge".
    std::vector<std::pair<std::string, std::string>> keyed;  // key, value
    for (const auto& t : c.terms) {
      std::string key = synonym_key(t.text);
      if (key.empty()) continue;
      keyed.emplace_back(key, t.lang + (t.by_words ? "=" : ":") + key);
      if (t.by_words) continue;
      // The stemmed form as a key too, so "victims" and "víctimas" find the concept.
      const text::Stemmer& stem = impl_->stemmer(t.lang);
      std::string stemmed;
      for (const auto& tok : text::tokenize(key)) {
        if (text::is_stopword(tok.folded, t.lang)) continue;
        if (!stemmed.empty()) stemmed.push_back(' ');
        stemmed += stem(tok.folded);
      }
      if (!stemmed.empty()) keyed.emplace_back(s::term(s::kStemPrefix, stemmed), t.lang + ":" + key);
    }
    for (const auto& [key, unused] : keyed) {
      for (const auto& [other_key, value] : keyed) {
        if (other_key[0] == s::kStemPrefix[0]) continue;  // values: unstemmed forms only
        db.add_synonym(key, value);
      }
    }
  }
}

Result<long long> IndexWriter::commit() {
  try {
    std::string old = impl_->db.get_metadata(std::string(s::kMetaRevision));
    long long revision = old.empty() ? 1 : std::atoll(old.c_str()) + 1;
    impl_->regroup_renderings();
    store_citation_graph(impl_->db, citation_graph(impl_->db));
    impl_->db.set_metadata(std::string(s::kMetaRevision), std::to_string(revision));
    impl_->db.commit_transaction();
    impl_->in_transaction = false;
    impl_->db.close();
    return revision;
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, "commit failed: " + e.get_description()};
  }
}

void IndexWriter::abandon() {
  if (!impl_ || !impl_->in_transaction) return;
  try {
    impl_->db.cancel_transaction();
  } catch (const Xapian::Error&) {
  }
  impl_->in_transaction = false;
}

}  // namespace atip
