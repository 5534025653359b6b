// Turns a parsed query into a Xapian query: each word expanded to its exact form, its stems in
// each plausible language and its thesaurus translations (weighted below the original words).
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "atip/result.h"
#include "search/query_parser.h"

namespace atip {

// Query words that name a thesaurus concept, and the concept's terms ("es:albergue") they were
// matched through.
struct ConceptExpansion {
  std::string words;
  std::vector<std::string> terms;
};

struct BuiltQuery {
  Xapian::Query query;             // the free-text part (MatchAll when none)
  Xapian::Query filter;            // field filters such as type:law (empty when none)
  bool has_text = false;
  std::vector<std::string> unknown_words;  // plain words with no match at all (spelling candidates)
  std::vector<ConceptExpansion> concepts;
};

class QueryBuilder {
 public:
  QueryBuilder(const Xapian::Database& db, std::vector<std::string> languages);

  // default_and: words without an operator between them must all match (else any may).
  Result<BuiltQuery> build(const query::Node& root, bool default_and);

  // The Xapian query for one field:value filter, or an error for a bad value.
  static Result<Xapian::Query> field_filter(const std::string& field, const std::string& value);

  // One thesaurus term "lang:words" as its stems, a phrase: what a passage must hold to name it.
  static Xapian::Query synonym_value(const std::string& value);

 private:
  Xapian::Query word(const std::string& text, bool for_near = false);
  Xapian::Query phrase(const std::string& text);
  Xapian::Query synonyms_of(const std::vector<std::string>& folded_words, std::vector<std::string>* terms = nullptr);
  Result<Xapian::Query> node(const query::Node& n, bool default_and, BuiltQuery& out);
  Xapian::Query words_run(const std::vector<const query::Node*>& run, bool default_and, BuiltQuery& out);
  struct ConceptSpan {
    size_t words = 0;
    Xapian::Query query;
  };
  ConceptSpan longest_concept(const std::vector<const query::Node*>& run, const std::vector<std::vector<std::string>>& folded,
                              size_t at, const std::function<bool(size_t)>& is_stop, BuiltQuery& out);

  const Xapian::Database& db_;
  std::vector<std::string> languages_;
};

}  // namespace atip
