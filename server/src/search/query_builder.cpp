#include "search/query_builder.h"

#include <algorithm>
#include <functional>
#include <regex>
#include <set>

#include "atip/fields.h"
#include "atip/legal.h"
#include "atip/schema.h"
#include "atip/symbols.h"
#include "atip/text.h"

namespace atip {
namespace s = schema;
namespace {


// A fresh query matching every passage. Never Xapian::Query::MatchAll: copying that shared static
// object bumps a reference count that is not atomic, from every search thread at once.
Xapian::Query match_all() { return Xapian::Query(std::string()); }

constexpr double kStemWeight = 0.8;
constexpr double kAccentWeight = 0.4;
constexpr double kSynonymWeight = 0.5;
constexpr double kPhraseWeight = 1.0;  // the query's words as a phrase, on top of the words themselves
constexpr unsigned kNearWindow = 10;
constexpr size_t kMaxSynonymWords = 4;

Xapian::Query or_of(const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts[0];
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query scaled(double factor, const Xapian::Query& q) {
  if (q.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, std::vector<std::string> languages)
    : db_(db), languages_(std::move(languages)) {}

// Longer than most, on purpose: one case per way the field table checks values (fields::Values);
// the switch is that column's other half.
Result<Xapian::Query> QueryBuilder::field_filter(const std::string& name, const std::string& value) {
  const fields::Field* field = fields::find(name);
  if (!field) return invalid_argument("unknown field '" + name + "'.");
  auto bool_term = [&field](const std::string& v) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(s::term(field->prefix, v)), 0.0);
  };
  auto refused = [&] {
    return invalid_argument(std::string(field->name) + " must be " + fields::expected_values(*field) + "; not '" +
                            value.substr(0, 40) + "'.");
  };
  auto matches = [](const std::string& v, const char* pattern) { return std::regex_match(v, std::regex(pattern)); };
  using V = fields::Values;
  switch (field->values) {
    case V::kVocabulary: {
      const std::string folded = text::fold(value);
      const auto& allowed = field->vocabulary;
      if (std::find(allowed.begin(), allowed.end(), folded) == allowed.end()) return refused();
      return bool_term(folded);
    }
    case V::kCountryCode:
    case V::kJurisdiction: {
      std::string upper;
      for (char c : value) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      if (!matches(upper, "[A-Z]{2}") && !(field->values == V::kJurisdiction && upper == "INT")) return refused();
      return bool_term(upper);
    }
    case V::kItemId: {
      const std::string folded = text::fold(value);
      if (!matches(folded, "(activity|mandate):[0-9]{1,3}")) return refused();
      return bool_term(folded);
    }
    case V::kOrgId: {
      const std::string folded = text::fold(value);
      if (!matches(folded, "[a-z0-9][a-z0-9-]{0,60}")) return refused();
      return bool_term(folded);
    }
    case V::kSymbol: {
      const std::string key = normalize_symbol(value);
      if (key.empty()) return invalid_argument("'" + value + "' is not a document symbol (for example AG/RES. 2551 (XL-O/10)).");
      return bool_term(key);
    }
    case V::kYearRange: {
      int from = 0, to = 0;
      const size_t dots = value.find("..");
      auto parse_year = [](const std::string& v, int& out) {
        if (v.size() != 4 || !std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
        out = std::stoi(v);
        return true;
      };
      const bool ok = dots == std::string::npos
                          ? parse_year(value, from) && (to = from)
                          : parse_year(value.substr(0, dots), from) && parse_year(value.substr(dots + 2), to);
      if (!ok || from > to) return invalid_argument("year must be a year such as 2013 or a range such as 2010..2014, not '" + value + "'.");
      if (to - from > 200) return invalid_argument("year range " + value + " is too wide (at most 200 years).");
      std::vector<Xapian::Query> years;
      for (int y = from; y <= to; ++y) years.emplace_back(s::term(field->prefix, std::to_string(y)));
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, or_of(years), 0.0);
    }
    case V::kArticle: {
      const std::string key = article_key(value);
      if (key.empty()) {
        return invalid_argument("article: needs an article's number, such as article:149-A or article:\"art. 6\"; not '" +
                                value.substr(0, 40) + "'.");
      }
      return bool_term(key);
    }
    case V::kTitleWords: {  // the title's words also score
      std::vector<Xapian::Query> parts;
      for (const auto& t : text::tokenize(value)) parts.emplace_back(s::term(field->prefix, t.folded));
      if (parts.empty()) return invalid_argument("title: needs a word.");
      return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }
  }
  return invalid_argument("unknown field '" + name + "'.");
}

Xapian::Query QueryBuilder::word(const std::string& text, bool for_near) {
  auto tokens = text::tokenize(text);
  if (tokens.empty()) return Xapian::Query();
  if (tokens.size() > 1 && !for_near) return phrase(text);  // "anti-trafficking", "279.01"
  const auto& t = tokens[0];
  std::vector<Xapian::Query> parts;
  parts.emplace_back(t.folded);
  std::set<std::string> stems;
  bool digit = std::isdigit(static_cast<unsigned char>(t.folded[0]));
  if (!digit) {
    for (const auto& lang : languages_) {
      if (text::is_stopword(t.folded, lang)) continue;
      stems.insert(s::term(s::kStemPrefix, text::Stemmer(lang)(t.folded)));
    }
  }
  if (for_near) {
    for (const auto& st : stems) parts.emplace_back(st);
    return or_of(parts);
  }
  for (const auto& st : stems) parts.push_back(scaled(kStemWeight, Xapian::Query(st)));
  if (t.lowered != t.folded) parts.push_back(scaled(kAccentWeight, Xapian::Query(s::term(s::kAccentedPrefix, t.lowered))));
  return or_of(parts);
}

Xapian::Query QueryBuilder::phrase(const std::string& text) {
  auto tokens = text::tokenize(text);
  if (tokens.empty()) return Xapian::Query();
  if (tokens.size() == 1) return Xapian::Query(tokens[0].folded);
  std::vector<Xapian::Query> terms;
  for (const auto& t : tokens) terms.emplace_back(t.folded);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), static_cast<unsigned>(terms.size()));
}

// One synonym value "es:trata de personas": the translation's stems as a phrase, so inflected
// forms ("víctimas", "victims") match too, in passages of its language.
Xapian::Query QueryBuilder::synonym_value(const std::string& value) {
  size_t colon = value.find_first_of(":=");
  if (colon == std::string::npos) return Xapian::Query();
  const bool by_words = value[colon] == '=';
  std::string lang = value.substr(0, colon);
  auto tokens = text::tokenize(value.substr(colon + 1));
  text::Stemmer stem(lang);
  std::vector<Xapian::Query> parts;
  for (const auto& t : tokens) {
    if (text::is_stopword(t.folded, lang) || std::isdigit(static_cast<unsigned char>(t.folded[0]))) continue;
    parts.emplace_back(by_words ? s::term(s::kWordPrefix, t.folded) : s::term(s::kStemPrefix, stem(t.folded)));
  }
  if (parts.empty()) return Xapian::Query();
  Xapian::Query q = parts.size() == 1 ? parts[0]
                                      : Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                                      static_cast<unsigned>(tokens.size() + 1));
  // A term names its concept in its own language only: English "refuge" is not French "réfugiés",
  // whose stem it shares.
  if (!text::is_supported_language(lang)) return q;
  return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(s::term(s::kLanguagePrefix, lang)));
}

Xapian::Query QueryBuilder::synonyms_of(const std::vector<std::string>& folded_words, std::vector<std::string>* terms) {
  std::vector<std::string> keys;
  std::string exact;
  for (const auto& w : folded_words) {
    if (!exact.empty()) exact.push_back(' ');
    exact += w;
  }
  keys.push_back(exact);
  for (const auto& lang : languages_) {
    std::string stemmed;
    text::Stemmer stem(lang);
    for (const auto& w : folded_words) {
      if (text::is_stopword(w, lang)) continue;
      if (!stemmed.empty()) stemmed.push_back(' ');
      stemmed += stem(w);
    }
    if (!stemmed.empty()) keys.push_back(s::term(s::kStemPrefix, stemmed));
  }
  // The words as written name their concept before any stem does: French "refuges" (shelters) is a term
  // of its own, while its stem is also that of "réfugiés".
  std::set<std::string> values;
  for (const auto& key : keys) {
    for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) values.insert(*it);
    if (!values.empty()) break;
  }
  std::vector<Xapian::Query> parts;
  std::set<std::string> seen;
  for (const auto& v : values) {
    size_t colon = v.find_first_of(":=");
    if (colon != std::string::npos && v.substr(colon + 1) == exact) continue;  // the words themselves
    Xapian::Query q = synonym_value(v);
    if (!q.empty() && seen.insert(q.get_description()).second) {
      parts.push_back(q);
      if (terms) terms->push_back(v);
    }
  }
  if (parts.size() <= 1) return or_of(parts);
  // One concept, one term: a passage that names it in several ways does not count it several times.
  return Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
}

// A run of plain words: each word expanded, and runs of up to four words that name a
// thesaurus concept ("trata de personas") also matched through their translations.
// The longest run of words from `at` on that is a thesaurus term (at most kMaxSynonymWords), with the
// query of its concept's terms; words 0 when none is. Recorded in out.concepts.
QueryBuilder::ConceptSpan QueryBuilder::longest_concept(const std::vector<const query::Node*>& run,
                                                        const std::vector<std::vector<std::string>>& folded, size_t at,
                                                        const std::function<bool(size_t)>& is_stop, BuiltQuery& out) {
  for (size_t n = std::min(kMaxSynonymWords, run.size() - at); n >= 1; --n) {
    std::vector<std::string> words;
    for (size_t j = at; j < at + n; ++j) words.insert(words.end(), folded[j].begin(), folded[j].end());
    if (n == 1 && is_stop(at)) break;
    // "refuges pour" is "refuges" once its stopword is dropped from the stems: try the span without it
    // (a concept's words begin and end with content words).
    if (n > 1 && (is_stop(at) || is_stop(at + n - 1))) continue;
    std::vector<std::string> terms;
    Xapian::Query syn = synonyms_of(words, &terms);
    if (!syn.empty()) {
      std::string spelled;
      for (size_t j = at; j < at + n; ++j) spelled += (spelled.empty() ? "" : " ") + run[j]->text;
      out.concepts.push_back({spelled, std::move(terms)});
      return {n, syn};
    }
  }
  return {};
}

Xapian::Query QueryBuilder::words_run(const std::vector<const query::Node*>& run, bool default_and, BuiltQuery& out) {
  std::vector<std::vector<std::string>> folded;
  for (const auto* n : run) {
    std::vector<std::string> f;
    for (const auto& t : text::tokenize(n->text)) f.push_back(t.folded);
    folded.push_back(std::move(f));
  }
  const std::function<bool(size_t)> is_stop = [&](size_t i) {
    return folded[i].size() == 1 && std::any_of(languages_.begin(), languages_.end(), [&](const std::string& l) {
             return text::is_stopword(folded[i][0], l);
           });
  };
  bool all_stop = true;
  for (size_t i = 0; i < run.size(); ++i) all_stop = all_stop && is_stop(i);

  std::vector<Xapian::Query> groups;
  size_t i = 0;
  while (i < run.size()) {
    const ConceptSpan found = longest_concept(run, folded, i, is_stop, out);
    const size_t best = found.words;
    const Xapian::Query& best_syn = found.query;
    size_t span = best ? best : 1;
    std::vector<Xapian::Query> originals;
    for (size_t j = i; j < i + span; ++j) {
      if (is_stop(j) && !all_stop) continue;
      Xapian::Query w = word(run[j]->text);
      if (w.empty()) continue;
      if (best == 0 && db_.get_termfreq(folded[j].empty() ? std::string() : folded[j][0]) == 0) {
        bool any = false;
        for (auto t = w.get_terms_begin(); t != w.get_terms_end() && !any; ++t) any = db_.term_exists(*t);
        if (!any) out.unknown_words.push_back(run[j]->text);
      }
      originals.push_back(w);
    }
    Xapian::Query original;
    if (!originals.empty()) {
      original = originals.size() == 1 ? originals[0]
                                       : Xapian::Query(Xapian::Query::OP_AND, originals.begin(), originals.end());
    }
    if (best) {
      groups.push_back(or_of({original, scaled(kSynonymWeight, best_syn)}));
    } else if (!original.empty()) {
      groups.push_back(original);
    }
    i += span;
  }
  if (groups.empty()) return Xapian::Query();
  Xapian::Query all = groups.size() == 1 ? groups[0]
                                         : Xapian::Query(default_and ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                                                         groups.begin(), groups.end());
  // The words side by side as written count once more: "albergues para víctimas" in that order
  // outranks a passage with the three words apart.
  if (run.size() >= 2 && !all_stop) {
    std::string written;
    for (const auto* n : run) written += n->text + " ";
    Xapian::Query exact = phrase(written);
    if (!exact.empty()) all = Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, scaled(kPhraseWeight, exact));
  }
  return all;
}

// Longer than most, on purpose: one case per kind of query node, each a few lines; the switch reads best whole.
Result<Xapian::Query> QueryBuilder::node(const query::Node& n, bool default_and, BuiltQuery& out) {
  using K = query::Node::Kind;
  switch (n.kind) {
    case K::kWord:
      return words_run({&n}, default_and, out);
    case K::kPhrase:
      return phrase(n.text);
    case K::kField: {
      auto f = field_filter(n.field, n.text);
      if (!f) return f;
      // Field terms are filters; "title:" also scores.
      return f.value();
    }
    case K::kNear: {
      std::vector<Xapian::Query> parts;
      // Xapian's NEAR takes terms, not phrases: "anti-trafficking NEAR law" is near(anti, trafficking, law).
      for (const auto& c : n.children) {
        for (const auto& t : text::tokenize(c.text)) {
          Xapian::Query w = word(t.lowered, true);
          if (!w.empty()) parts.push_back(w);
        }
      }
      if (parts.size() < 2) return parts.empty() ? Xapian::Query() : parts[0];
      return Xapian::Query(Xapian::Query::OP_NEAR, parts.begin(), parts.end(), kNearWindow);
    }
    case K::kNot: {
      auto inner = node(n.children[0], default_and, out);
      if (!inner) return inner;
      return Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), inner.value());
    }
    case K::kOr: {
      std::vector<Xapian::Query> parts;
      for (const auto& c : n.children) {
        auto q = node(c, default_and, out);
        if (!q) return q;
        if (!q.value().empty()) parts.push_back(q.value());
      }
      return or_of(parts);
    }
    case K::kAnd: {
      const bool all_required = default_and || n.explicit_and;
      std::vector<Xapian::Query> positive, negative;
      std::vector<const query::Node*> run;
      auto flush_run = [&] {
        if (run.empty()) return;
        Xapian::Query q = words_run(run, all_required, out);
        if (!q.empty()) positive.push_back(q);
        run.clear();
      };
      for (const auto& c : n.children) {
        if (c.kind == K::kWord) {
          run.push_back(&c);
          continue;
        }
        flush_run();
        if (c.kind == K::kNot) {
          auto q = node(c.children[0], default_and, out);
          if (!q) return q;
          if (!q.value().empty()) negative.push_back(q.value());
          continue;
        }
        auto q = node(c, default_and, out);
        if (!q) return q;
        if (!q.value().empty()) positive.push_back(q.value());
      }
      flush_run();
      Xapian::Query pos;
      if (positive.empty()) {
        pos = match_all();
      } else if (positive.size() == 1) {
        pos = positive[0];
      } else {
        pos = Xapian::Query(all_required ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, positive.begin(), positive.end());
      }
      if (negative.empty()) return positive.empty() ? Xapian::Query() : pos;
      return Xapian::Query(Xapian::Query::OP_AND_NOT, pos, or_of(negative));
    }
  }
  return Xapian::Query();
}

Result<BuiltQuery> QueryBuilder::build(const query::Node& root, bool default_and) {
  BuiltQuery out;
  auto q = node(root, default_and, out);
  if (!q) return q.error();
  out.has_text = !q.value().empty();
  out.query = out.has_text ? q.value() : match_all();
  return out;
}

}  // namespace atip
