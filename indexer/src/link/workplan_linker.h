// Scores each passage against each Work Plan item and keeps the links a careful reader would
// accept, each with the method that found it:
//   explicit    the passage names the item ("mandate 7", "activity 26 of the Work Plan");
//   quotation   it quotes the item's distinctive wording;
//   definition  it defines the offence of trafficking with the acts, means and purpose of the
//               Palermo Protocol and punishes it: it serves the item that asks for such laws;
//   caption     the title of its article or subdivision (or the first sentence of an untitled
//               article) names the item's subject ("Article 16 Extradition") and it shares some of
//               the item's vocabulary;
//   similarity  it shares the item's weighted vocabulary (stems in the same language, thesaurus
//               concepts across languages, so a Spanish article can serve an English item).
#pragma once

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyze/phrase_dictionary.h"
#include "analyze/thesaurus.h"
#include "atip/document.h"
#include "link/linker_model.h"
#include "link/workplan.h"

namespace atip {

struct LinkerOptions {
  double similarity_threshold = 0.42;          // same language: share of the item's weighted words
  double concept_threshold = 0.6;              // across languages: share of the item's weighted concepts
  size_t quotation_min_shingles = 3;
  double quotation_min_ratio = 0.12;
  size_t quotation_min_words = 4;  // distinct content words the quoted shingles cover
  size_t similarity_min_shared = 3;
  size_t concept_min_shared = 3;
  double secondary_similarity_threshold = 0.6;  // beside an explicit reference or a quotation
  size_t max_similarity_links = 2;              // per passage
  // Similarity to an item meant for another actor than the document's author (a mandate of the
  // General Secretariat in a national law, a member states' activity in a Secretariat report).
  double other_actor_threshold = 0.85;
  double own_actor_similarity_threshold = 0.36;  // same language, the author's own items
  // The share of the item's vocabulary a passage needs when the title of its article names the
  // item's subject (any key concept).
  double caption_threshold = 0.25;
};

// Who a document speaks for: mandates are the General Secretariat's tasks, activities the member
// states'. Similarity alone rarely ties a document to the other actor's items.
enum class Actor { kAny, kSecretariat, kMemberState };
Actor actor_of_document_type(std::string_view type);

// The kinds of evidence a passage gives for an item, as the numbers a model weighs, in this order.
inline constexpr std::array<std::string_view, 18> kEvidenceFeatures = {
    "explicit",       // the passage names the item (1 or 0)
    "quotation",      // the share of the item's distinctive shingles it repeats
    "quotes",         // that is quoting (enough shingles and words)
    "definition",     // it defines and punishes the offence, and the item asks for such laws
    "caption",        // its article's title names the item's subject, an item of the author's own actor
    "word_share",     // the share of the item's weighted words it has (English passages)
    "concept_share",  // the share of the item's weighted concepts it names (any language)
    "shared",         // how many of the item's features it shares, up to 10, over 10
    "subject",        // it names the item's subject and every concept the item requires
    "framing",        // it frames the instrument (definitions, final clauses, preamble)
    "other_actor",    // the item is meant for another actor than the document's author
    "section",        // it is in a report section that opens by naming or quoting the item
    "key_share",      // the share of the item's key concepts it names (or narrower ones)
    "mandate_word",   // it speaks of a mandate ("mandate", "mandato", "mandat"), and the item is one
    "is_mandate",     // the item is a mandate of the General Secretariat, not a member states' activity
    "heading_share",  // the share of the item's weighted concepts its heading path names
    "length",         // how long the passage is: its words, up to 300, over 300
    "rule",           // the hand-set rules link it
};
inline constexpr size_t kSectionFeature = 11;

// The evidence of one passage for one item.
struct ItemEvidence {
  std::string item;
  std::vector<double> x;  // kEvidenceFeatures.size() values
  std::string rule_method;         // how the hand-set rules link it; empty when they do not
  std::vector<std::string> basis;  // what a reader is shown: the rules' basis, else the strongest shared features
};

class WorkPlanLinker {
 public:
  WorkPlanLinker(const WorkPlan& plan, const std::vector<Concept>& thesaurus, LinkerOptions options = {});

  std::vector<WorkPlanLink> link(const Passage& passage, Actor author = Actor::kAny) const;
  // tokens: text::tokenize(passage.text), when the caller has them already.
  std::vector<WorkPlanLink> link(const Passage& passage, const std::vector<text::Token>& tokens,
                                 Actor author = Actor::kAny) const;

  // The passage's evidence for every item, for a model to weigh; the section feature is 0 here
  // (add_section_evidence sets it from the passages around).
  std::vector<ItemEvidence> evidence(const Passage& passage, const std::vector<text::Token>& tokens,
                                     Actor author = Actor::kAny) const;
  // A report answers the Work Plan section by section: a section (the passages under one heading)
  // whose first passage names or quotes an item gives every passage of it the section feature for it.
  static void add_section_evidence(const std::vector<Passage>& passages, std::vector<std::vector<ItemEvidence>>& evidence);

  // Learned weights: documents of a kind the model has a genre for are linked by it.
  void use_model(LinkerModel model) { model_ = std::move(model); }
  const LinkerModel& model() const { return model_; }
  // Links every passage of a document of this type: by the model's genre for the type when it has
  // one (and always where a passage names an item), else passage by passage by the hand-set rules.
  std::vector<std::vector<WorkPlanLink>> link_document(const std::vector<Passage>& passages,
                                                       const std::vector<std::vector<text::Token>>& tokens,
                                                       std::string_view type) const;

  // The thesaurus concepts named in a text (stem-aware), e.g. for tests and explanations.
  std::set<std::string> concepts_in(const std::vector<text::Token>& tokens, std::string_view lang) const;

 private:
  void learn_thesaurus(const std::vector<Concept>& thesaurus);
  void profile_items(const WorkPlan& plan);
  void find_quotable_shingles(const WorkPlan& plan);

  struct ItemProfile {
    std::string id;
    std::string kind;
    int number = 0;
    std::unordered_map<std::string, double> features;  // stems and concept:<id>, with idf weights
    double total_weight = 0;
    double concept_weight = 0;
    std::unordered_set<std::string> shingles;
    std::vector<std::string> key_concepts;
    std::vector<std::string> required_concepts;
  };
  struct Features {
    std::unordered_set<std::string> all;  // stems and concept:<id>
    std::set<std::string> concepts;
  };
  // text: what tokens were made from, for proper names (empty: none); names_replace_words: an
  // item's words inside a name count only as that name.
  Features features_of(const std::vector<text::Token>& tokens, std::string_view lang, std::string_view text = {},
                       bool names_replace_words = false) const;
  struct OneWordTerm {
    std::string concept_id;
    std::string folded;
  };
  // The thesaurus terms of one language: "policies" is not the Spanish "policía" though their
  // stems meet.
  struct Lexicon {
    PhraseDictionary terms;  // stemmed content words of each term -> concept id
    std::unordered_map<std::string, std::vector<OneWordTerm>> one_word_terms;  // by stem
  };
  const Lexicon& lexicon_of(std::string_view lang) const;
  std::vector<std::string> closest_concepts(const Lexicon& lexicon, const std::vector<PhraseDictionary::Match>& matches,
                                            size_t begin, size_t end, const std::vector<std::string>& stems,
                                            const std::vector<std::string_view>& surfaces) const;
  std::vector<WorkPlanLink> explicit_references(std::string_view text) const;
  // The hand-set rules, on the passage's features already found.
  std::vector<WorkPlanLink> rule_links(const Passage& passage, const std::vector<text::Token>& tokens,
                                       const Features& features, Actor author) const;
  // The kinds of evidence after explicit references, each adding links for items not linked yet.
  void add_definition_links(const Passage& passage, const Features& features, std::vector<WorkPlanLink>& links) const;
  void add_quotation_links(const std::vector<text::Token>& tokens, std::vector<WorkPlanLink>& links) const;
  void add_vocabulary_links(const Passage& passage, const Features& features, Actor author,
                            std::vector<WorkPlanLink>& links) const;
  // What of an item's weighted vocabulary a passage shares (concepts only across languages).
  struct Overlap {
    double weight = 0;
    size_t shared = 0;
    std::vector<std::string> strongest;  // the heaviest shared features, for the link's basis
  };
  Overlap overlap(const ItemProfile& item, const Features& features, bool same_language) const;
  // How much of an item's distinctive wording a passage repeats, and whether that is quoting it.
  struct Quotation {
    double ratio = 0;  // of the item's distinctive shingles
    bool quotes = false;
    std::vector<std::string> words;  // the content words quoted
  };
  Quotation quotation(const ItemProfile& item, const std::unordered_set<std::string>& passage_shingles) const;
  static std::unordered_set<std::string> shingle_set(const std::vector<text::Token>& tokens);
  bool defines_the_offence(const Passage& passage, const std::set<std::string>& concepts) const;
  bool in_family(const std::string& concept_id, const std::string& ancestor) const;
  // Whether the concept has the role (thesaurus.xml role="..."); in_role: it or a broader concept.
  bool has_role(const std::string& concept_id, std::string_view role) const;
  bool in_role(const std::string& concept_id, std::string_view role) const;
  // Whether the passage names the item's own subject (any key concept, or a narrower one) and every
  // concept the item requires; an item without key concepts has no such test.
  bool names_subject_of(const ItemProfile& item, const std::set<std::string>& concepts) const;
  // The share of the item's key concepts named (they or narrower ones).
  double key_share(const ItemProfile& item, const std::set<std::string>& concepts) const;
  // Whether the title of the passage's article and the passage itself name the same key concept of
  // the item (or narrower ones).
  bool names_caption_subject(const ItemProfile& item, const std::set<std::string>& caption,
                             const std::set<std::string>& passage) const;

  std::vector<ItemProfile> items_;
  std::unordered_map<std::string, Lexicon> lexicons_;  // by language
  std::map<std::string, std::set<std::string>> ancestors_;
  std::map<std::string, std::set<std::string, std::less<>>> roles_;  // concept id -> its roles
  std::vector<std::string> criminalization_items_;  // items asking for laws that criminalize
  LinkerOptions options_;
  LinkerModel model_;
};

}  // namespace atip
