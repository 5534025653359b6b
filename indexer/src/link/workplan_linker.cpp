#include "link/workplan_linker.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "analyze/passage_segmenter.h"
#include "atip/text.h"
#include "atip/vocabulary.h"

namespace atip {
namespace {

// The reasons a link gives a reader: at most this many words or concepts.
constexpr size_t kMaxBasis = 8;

// A link the linker found, before anyone reviewed it.
WorkPlanLink found(const std::string& item, std::string_view method, double score, std::vector<std::string> basis) {
  return {item, std::string(method), score, std::string(kLinkAuto), std::move(basis)};
}

constexpr size_t kShingleWords = 4;
// Where a term or a text has stopwords between its words: "trafficking in persons" is not the
// "trafficked person" of another concept, although their content stems are the same.
const std::string kGap = "_";

std::vector<std::string> shingles_of(const std::vector<text::Token>& tokens) {
  std::vector<std::string> out;
  for (size_t i = 0; i + kShingleWords <= tokens.size(); ++i) {
    std::string s;
    for (size_t j = 0; j < kShingleWords; ++j) {
      if (j) s.push_back(' ');
      s += tokens[i + j].folded;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<int> numbers_in(const std::string& list) {
  static const std::regex number(R"(\d+)");
  std::vector<int> out;
  for (auto it = std::sregex_iterator(list.begin(), list.end(), number); it != std::sregex_iterator(); ++it) {
    out.push_back(std::stoi(it->str()));
  }
  return out;
}

// Words that name the actors and the subject of every text in this field: they say nothing
// about which item a passage serves.
bool is_generic(std::string_view folded) {
  static const std::set<std::string_view> words = {
      "trafficking", "persons", "person", "trata", "personas", "trafico", "pessoas", "traite",
      "member", "states", "state", "general", "secretariat", "oas", "oea", "organization",
      "american", "americas", "work", "plan", "including", "among", "others", "appropriate",
      "ensure", "promote", "relevant", "national", "efforts", "measures"};
  return words.count(folded) > 0;
}

// A name made of words that say nothing ("General Secretariat", "Member States").
bool is_generic_name(const std::string& name) {
  std::string_view rest = std::string_view(name).substr(5);  // after "name:"
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find(' ', start);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view word = rest.substr(start, end - start);
    if (!word.empty() && !is_generic(word) && !text::is_stopword_any(word)) return false;
    start = end + 1;
  }
  return true;
}

// Provisions that frame a law or a treaty rather than ask anything of anyone: its purposes, findings,
// definitions, scope, final and transitional clauses, its relation to other instruments, the
// mechanism that monitors the treaty itself, and its preamble. They serve no item unless they name it.
bool frames_the_instrument(const Passage& passage) {
  static const std::regex framing_caption(
      R"(\b(preamb\w*|purposes?|findings|definitions?|use of terms|scope|relation(ship)? with|short title|entry into force|signature|)"
      R"(ratification|denunciation|depositary|amendments?|reservations?|settlement of disputes|objet[oi]?|)"
      R"(definiciones|definicoes|ambito de aplicacion|ambito de aplicacao|champ d.application|entrada en vigor|)"
      R"(entrada em vigor|entree en vigueur)\b)",
      std::regex::optimize);
  // A part of the instrument named so from its first words ("ARTÍCULOS TRANSITORIOS", "Final
  // provisions"), not a heading that merely says "albergues transitorios".
  static const std::regex final_part(
      R"(^(articulos |disposiciones |disposicoes |dispositions |chapter [ivxlc\d]+ |capitulo [ivxlc\d]+ )?)"
      R"((transitori[oa]s?|transitional provisions?|transitory provisions?|final provisions|final clauses|)"
      R"(finales|finais|transitoires|relation(ship)? with other|amendments to the|monitoring mechanism)\b)",
      std::regex::optimize);
  const std::string heading = text::fold(passage.heading);
  for (size_t start = 0; start < heading.size();) {
    size_t end = heading.find(" › ", start);
    if (end == std::string::npos) end = heading.size();
    if (std::regex_search(heading.substr(start, end - start), final_part)) return true;
    start = end + std::string_view(" › ").size();
  }
  return !passage.article.empty() && std::regex_search(text::fold(passage.article), framing_caption);
}

// Sentences: a text cut after '.', '?' or '!' where a capital letter begins the next one; the items
// of a list ("Whoever: (a) recruits; (b) transports") and "Art. 5", "U.S.C. 1589" stay in theirs.
std::vector<std::string> sentences_of(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if ((text[i] != '.' && text[i] != '?' && text[i] != '!') || (text[i + 1] != ' ' && text[i + 1] != '\n')) continue;
    const unsigned char next = static_cast<unsigned char>(text[i + 2]);
    const bool latin_capital = next == 0xC3 && i + 3 < text.size() &&  // "É", "Á", "Ñ": C3 80 to C3 9E
                               static_cast<unsigned char>(text[i + 3]) >= 0x80 && static_cast<unsigned char>(text[i + 3]) <= 0x9E;
    if (!std::isupper(next) && !latin_capital) continue;
    out.emplace_back(text.substr(start, i + 1 - start));
    start = i + 2;
  }
  if (start < text.size()) out.emplace_back(text.substr(start));
  return out;
}

// The first clause of a text: up to the first '.', ';' or ':' before a space, or the first line end.
std::string_view first_clause(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const bool end = (text[i] == '.' || text[i] == ';' || text[i] == ':') &&
                     (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
    if (end || text[i] == '\n') return text.substr(0, i);
  }
  return text;
}

// What names the subject of the passage's article: its title ("Article 16 Extradition", "§ 7105.
// Protection and assistance for victims of trafficking"), the title its subdivision opens with ("(4)
// Training of Government personnel"), and, for an article with no title words ("Artículo 65. La
// protección de las víctimas..."), its first clause.
std::string captions_of(const Passage& passage) {
  std::string captions = passage.article + "\n" + subdivision_caption(passage.text);
  const bool untitled = !passage.article.empty() && passage.article == split_article_caption(passage.article).label;
  if (!untitled) return captions;
  const size_t label_at = passage.text.find(passage.article);  // after an opening quote, in an amending law
  if (label_at <= 3) {
    std::string_view rest = std::string_view(passage.text).substr(label_at + passage.article.size());
    while (!rest.empty() && (rest.front() == '.' || rest.front() == '-' || rest.front() == ' ')) rest.remove_prefix(1);
    captions += "\n";
    captions += first_clause(rest);
  }
  return captions;
}

}  // namespace

Actor actor_of_document_type(std::string_view type) {
  if (type == "report" || type == "activities") return Actor::kSecretariat;
  if (type == "law" || type == "model-law") return Actor::kMemberState;
  return Actor::kAny;
}

WorkPlanLinker::WorkPlanLinker(const WorkPlan& plan, const std::vector<Concept>& thesaurus, LinkerOptions options)
    : options_(options) {
  learn_thesaurus(thesaurus);
  profile_items(plan);
  find_quotable_shingles(plan);
}

// Each language's terms by their stems, each concept's roles, and its broader concepts.
void WorkPlanLinker::learn_thesaurus(const std::vector<Concept>& thesaurus) {
  for (const auto& c : thesaurus) {
    for (const auto& t : c.terms) {
      text::Stemmer stem(t.lang);
      std::vector<std::string> words;
      std::string content_word;  // folded: the surface of a term of one content word
      for (const auto& tok : text::tokenize(t.text)) {
        if (!text::is_stopword(tok.folded, t.lang)) {
          words.push_back(stem(tok.folded));
          content_word = tok.folded;
        } else if (!words.empty() && words.back() != kGap) {
          words.push_back(kGap);
        }
      }
      if (!words.empty() && words.back() == kGap) words.pop_back();
      if (words.empty()) continue;
      Lexicon& lexicon = lexicons_[t.lang];
      if (words.size() == 1) lexicon.one_word_terms[words[0]].push_back({c.id, content_word});
      lexicon.terms.add_words(words, c.id);
    }
  }
  for (const auto& c : thesaurus) roles_[c.id].insert(c.roles.begin(), c.roles.end());
  // Ancestors through broader relations (cycles are cut by the visited set).
  std::map<std::string, std::vector<std::string>> broader;
  for (const auto& c : thesaurus) broader[c.id] = c.broader;
  for (const auto& c : thesaurus) {
    std::set<std::string>& up = ancestors_[c.id];
    std::vector<std::string> stack = c.broader;
    while (!stack.empty()) {
      std::string b = stack.back();
      stack.pop_back();
      if (!up.insert(b).second) continue;
      for (const auto& bb : broader[b]) stack.push_back(bb);
    }
  }
}

// Each item's weighted vocabulary: its stems and concepts, weighted by how few items share them.
void WorkPlanLinker::profile_items(const WorkPlan& plan) {
  std::map<std::string, int> document_frequency;
  std::vector<std::unordered_set<std::string>> item_features;
  for (const auto& item : plan.items) {
    Features f = features_of(text::tokenize(item.text), "en", item.text, true);
    auto names_role = [&](std::string_view role) {
      return std::any_of(f.concepts.begin(), f.concepts.end(), [&](const std::string& c) { return has_role(c, role); });
    };
    if (names_role("criminalization") && names_role("definition-standard")) {
      criminalization_items_.push_back(item.id);
    }
    item_features.push_back(std::move(f.all));
    for (const auto& feature : item_features.back()) document_frequency[feature]++;
  }
  const double n = static_cast<double>(plan.items.size());
  for (size_t i = 0; i < plan.items.size(); ++i) {
    ItemProfile p;
    p.id = plan.items[i].id;
    p.kind = plan.items[i].kind;
    p.number = plan.items[i].number;
    p.key_concepts = plan.items[i].key_concepts;
    p.required_concepts = plan.items[i].required_concepts;
    for (const auto& f : item_features[i]) {
      double idf = std::log((n + 1) / (document_frequency[f] + 0.5));
      if (idf <= 0.05) continue;
      p.features[f] = idf;
      p.total_weight += idf;
      if (f.rfind("concept:", 0) == 0) p.concept_weight += idf;
    }
    items_.push_back(std::move(p));
  }
}

// Quotation evidence: 4-word shingles distinctive of one item (a phrase every item shares,
// such as "of trafficking in persons", proves nothing) with at least two content words.
void WorkPlanLinker::find_quotable_shingles(const WorkPlan& plan) {
  std::map<std::string, int> shingle_items;
  std::vector<std::vector<std::string>> item_shingles;
  for (const auto& item : plan.items) {
    auto tokens = text::tokenize(item.text);
    std::vector<std::string> kept;
    for (size_t i = 0; i + kShingleWords <= tokens.size(); ++i) {
      // Content words written in lower case: a run of capitalised words is a name ("Third
      // Meeting of National Authorities"), and naming an event is not quoting the item.
      int content = 0;
      for (size_t j = 0; j < kShingleWords; ++j) {
        const auto& t = tokens[i + j];
        bool lower_case = t.lowered == std::string_view(item.text).substr(t.begin, t.end - t.begin);
        if (lower_case && !text::is_stopword_any(t.folded) && !is_generic(t.folded)) ++content;
      }
      if (content >= 2) kept.push_back(shingles_of({tokens.begin() + i, tokens.begin() + i + kShingleWords})[0]);
    }
    std::set<std::string> unique(kept.begin(), kept.end());
    for (const auto& s : unique) shingle_items[s]++;
    item_shingles.emplace_back(unique.begin(), unique.end());
  }
  for (size_t i = 0; i < items_.size(); ++i) {
    for (auto& s : item_shingles[i]) {
      if (shingle_items[s] == 1) items_[i].shingles.insert(std::move(s));
    }
  }
}

namespace {

// Proper names: runs of two or more capitalised words, with lower-case connectors between them
// ("Directory of National Authorities", "Third Meeting of National Authorities on Trafficking in
// Persons"). text is what the tokens were made from. Returns, per token, the name it is part of.
std::vector<std::string> names_of(const std::vector<text::Token>& tokens, std::string_view text) {
  std::vector<std::string> name_of(tokens.size());
  auto capitalised = [&](const text::Token& t) {
    if (t.end > text.size() || t.begin >= t.end) return false;
    return text[t.begin] != t.lowered[0] && !std::isdigit(static_cast<unsigned char>(text[t.begin]));
  };
  size_t i = 0;
  while (i < tokens.size()) {
    if (!capitalised(tokens[i])) {
      ++i;
      continue;
    }
    size_t last = i;  // last capitalised word of the run
    size_t j = i + 1;
    int capitals = 1;
    while (j < tokens.size()) {
      if (capitalised(tokens[j])) {
        last = j;
        ++capitals;
        ++j;
      } else if (text::is_stopword_any(tokens[j].folded) && j + 1 < tokens.size() && j - last < 2) {
        ++j;  // "of", "on", "in", "de" between capitalised words
      } else {
        break;
      }
    }
    if (capitals >= 2) {
      std::string name = "name:";
      for (size_t k = i; k <= last; ++k) name += (k > i ? " " : "") + tokens[k].folded;
      for (size_t k = i; k <= last; ++k) name_of[k] = name;
    }
    i = last + 1;
  }
  return name_of;
}

}  // namespace

WorkPlanLinker::Features WorkPlanLinker::features_of(const std::vector<text::Token>& tokens, std::string_view lang,
                                                     std::string_view text, bool names_replace_words) const {
  Features out;
  std::string language = text::is_supported_language(lang) ? std::string(lang) : "en";
  text::Stemmer stem(language);
  std::vector<std::string> names = text.empty() ? std::vector<std::string>(tokens.size()) : names_of(tokens, text);
  std::vector<std::string> content;  // stems of the content words and gaps, in order, for concept lookup
  std::vector<std::string_view> surfaces;  // the folded word of each stem in content
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (!names[i].empty() && !is_generic_name(names[i])) out.all.insert(names[i]);
    if (text::is_stopword(t.folded, language)) {
      if (!content.empty() && content.back() != kGap) {
        content.push_back(kGap);
        surfaces.emplace_back();
      }
      continue;
    }
    std::string st = stem(t.folded);
    content.push_back(st);
    surfaces.push_back(t.folded);
    // An item's words inside a name count as the name only: "National Authorities" in "Directory of
    // National Authorities" says nothing of a passage about a meeting of national authorities.
    if (names_replace_words && !names[i].empty()) continue;
    if (t.folded.size() < 3 || text::is_stopword_any(t.folded) || is_generic(t.folded)) continue;
    if (std::isdigit(static_cast<unsigned char>(t.folded[0]))) continue;
    out.all.insert(st);
  }
  const Lexicon& lexicon = lexicon_of(language);
  const auto matches = lexicon.terms.find_words(content);
  for (size_t i = 0; i < matches.size();) {
    size_t end = i + 1;  // the values of one phrase at one place
    while (end < matches.size() && matches[end].first_token == matches[i].first_token) ++end;
    for (const auto& id : closest_concepts(lexicon, matches, i, end, content, surfaces)) {
      out.concepts.insert(id);
      // Concepts that name the actors and the frame of every document here (the General Secretariat,
      // the member states, reports) say nothing of which item a passage serves.
      if (!has_role(id, "generic")) out.all.insert("concept:" + id);
    }
    i = end;
  }
  return out;
}

const WorkPlanLinker::Lexicon& WorkPlanLinker::lexicon_of(std::string_view lang) const {
  static const Lexicon none;
  auto it = lexicons_.find(std::string(lang));
  if (it == lexicons_.end()) it = lexicons_.find("en");
  return it == lexicons_.end() ? none : it->second;
}

// One word matched by stem alone stands only for terms it agrees with past their common beginning
// ("diversas" is not "diversidad", nor "trafficking" "trafficker"; "victims" is "victim", "recrutar"
// "recrutamento"); where several concepts share the stem, for those written most like it.
std::vector<std::string> WorkPlanLinker::closest_concepts(const Lexicon& lexicon,
                                                          const std::vector<PhraseDictionary::Match>& matches,
                                                          size_t begin, size_t end,
                                                          const std::vector<std::string>& stems,
                                                          const std::vector<std::string_view>& surfaces) const {
  std::vector<std::string> ids;
  for (size_t i = begin; i < end; ++i) ids.push_back(matches[i].value);
  const auto& first = matches[begin];
  if (first.token_count != 1) return ids;
  auto terms = lexicon.one_word_terms.find(stems[first.first_token]);
  if (terms == lexicon.one_word_terms.end()) return ids;
  const std::string_view word = surfaces[first.first_token];
  // How far a term and the word agree; 0 when they part with two endings of two letters or more
  // (-idad against -as, -ing against -er), not with an inflection (-s, -a against -o, -ar against -e).
  auto agreement = [&](std::string_view term) -> size_t {
    size_t n = 0;
    while (n < term.size() && n < word.size() && term[n] == word[n]) ++n;
    return term.size() - n >= 2 && word.size() - n >= 2 ? 0 : n;
  };
  auto likeness = [&](const std::string& id) {
    size_t best = 0;
    for (const auto& [concept_id, term] : terms->second) {
      if (concept_id == id) best = std::max(best, agreement(term));
    }
    return best;
  };
  size_t best = 0;
  for (const auto& id : ids) best = std::max(best, likeness(id));
  std::erase_if(ids, [&](const std::string& id) { return best == 0 || likeness(id) < best; });
  return ids;
}

std::set<std::string> WorkPlanLinker::concepts_in(const std::vector<text::Token>& tokens, std::string_view lang) const {
  return features_of(tokens, lang).concepts;
}

bool WorkPlanLinker::names_subject_of(const ItemProfile& item, const std::set<std::string>& concepts) const {
  for (const auto& required : item.required_concepts) {
    if (std::none_of(concepts.begin(), concepts.end(), [&](const std::string& c) { return in_family(c, required); })) {
      return false;
    }
  }
  if (item.key_concepts.empty()) return true;
  for (const auto& c : concepts) {
    for (const auto& key : item.key_concepts) {
      if (in_family(c, key)) return true;
    }
  }
  return false;
}

double WorkPlanLinker::key_share(const ItemProfile& item, const std::set<std::string>& concepts) const {
  if (item.key_concepts.empty()) return 0;
  const auto named = std::count_if(item.key_concepts.begin(), item.key_concepts.end(), [&](const std::string& key) {
    return std::any_of(concepts.begin(), concepts.end(), [&](const std::string& c) { return in_family(c, key); });
  });
  return static_cast<double>(named) / static_cast<double>(item.key_concepts.size());
}

bool WorkPlanLinker::names_caption_subject(const ItemProfile& item, const std::set<std::string>& caption,
                                           const std::set<std::string>& passage) const {
  auto names = [&](const std::set<std::string>& concepts, const std::string& key) {
    return std::any_of(concepts.begin(), concepts.end(), [&](const std::string& c) { return in_family(c, key); });
  };
  return std::any_of(item.key_concepts.begin(), item.key_concepts.end(),
                     [&](const std::string& key) { return names(caption, key) && names(passage, key); });
}

bool WorkPlanLinker::has_role(const std::string& concept_id, std::string_view role) const {
  auto it = roles_.find(concept_id);
  return it != roles_.end() && it->second.count(role);
}

bool WorkPlanLinker::in_role(const std::string& concept_id, std::string_view role) const {
  if (has_role(concept_id, role)) return true;
  auto it = ancestors_.find(concept_id);
  if (it == ancestors_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const std::string& a) { return has_role(a, role); });
}

bool WorkPlanLinker::in_family(const std::string& concept_id, const std::string& ancestor) const {
  if (concept_id == ancestor) return true;
  auto it = ancestors_.find(concept_id);
  return it != ancestors_.end() && it->second.count(ancestor);
}

// The Palermo definition: acts (recruitment, transport or transfer, harbouring or receipt), for the
// purpose of exploitation, made an offence (a penalty or the word for criminalizing it). The acts are
// listed together, as a definition lists them ("recruits, transports, transfers, harbours or
// receives"): two acts named in different sentences define nothing.
bool WorkPlanLinker::defines_the_offence(const Passage& passage, const std::set<std::string>& concepts) const {
  bool exploitation = false, punished = false;
  for (const auto& c : concepts) {
    if (in_role(c, "exploitation")) exploitation = true;
    if (in_role(c, "punishment")) punished = true;
  }
  if (!exploitation || !punished) return false;
  auto acts_in = [this](const std::set<std::string>& named) {
    return std::count_if(named.begin(), named.end(), [this](const std::string& c) { return has_role(c, "act"); });
  };
  if (acts_in(concepts) < 2) return false;
  for (const auto& sentence : sentences_of(passage.text)) {
    if (acts_in(features_of(text::tokenize(sentence), passage.language).concepts) >= 2) return true;
  }
  return false;
}

std::vector<WorkPlanLink> WorkPlanLinker::explicit_references(std::string_view text) const {
  static const std::regex mandate(
      R"(\b(?:mandates?|mandatos?|mandats?)\s+(?:(?:no|n[o°º]|number|numero)\.?\s*)?(\d{1,2}(?:\s*(?:,|and|y|e|et|&)\s*\d{1,2})*)\b)",
      std::regex::optimize);
  static const std::regex activity(
      R"(\b(?:activit(?:y|ies)|actividad(?:es)?|atividades?|activites?|paragraphs?|parrafos?|paragrafos?)\s+(?:(?:no|n[o°º]|number|numero)\.?\s*)?(\d{1,2}(?:\s*(?:,|and|y|e|et|&)\s*\d{1,2})*)\b)",
      std::regex::optimize);
  static const std::regex work_plan(R"(work\s*plan|plan de trabajo|plano de trabalho|plan de travail)",
                                    std::regex::optimize);
  std::string folded = text::fold(text);
  std::vector<WorkPlanLink> links;
  // Most passages name no item: skip the regular expressions unless a trigger word is there.
  static const std::string_view triggers[] = {"mandat", "activi", "ativida", "paragra", "parrafo"};
  if (std::none_of(std::begin(triggers), std::end(triggers),
                   [&](std::string_view t) { return folded.find(t) != std::string::npos; })) {
    return links;
  }
  auto add = [&](const std::string& kind, int number, const std::string& written) {
    for (const auto& item : items_) {
      if (item.kind == kind && item.number == number) links.push_back(found(item.id, vocabulary::kMethodExplicit, 1.0, {written}));
    }
  };
  for (auto it = std::sregex_iterator(folded.begin(), folded.end(), mandate); it != std::sregex_iterator(); ++it) {
    for (int n : numbers_in((*it)[1].str())) add("mandate", n, it->str(0));
  }
  if (std::regex_search(folded, work_plan)) {
    for (auto it = std::sregex_iterator(folded.begin(), folded.end(), activity); it != std::sregex_iterator();
         ++it) {
      for (int n : numbers_in((*it)[1].str())) add("activity", n, it->str(0));
    }
  }
  return links;
}

std::vector<WorkPlanLink> WorkPlanLinker::link(const Passage& passage, Actor author) const {
  return link(passage, text::tokenize(passage.text), author);
}

namespace {
bool has_link(const std::vector<WorkPlanLink>& links, const std::string& item) {
  return std::any_of(links.begin(), links.end(), [&](const WorkPlanLink& l) { return l.item == item; });
}
}  // namespace

std::vector<WorkPlanLink> WorkPlanLinker::link(const Passage& passage, const std::vector<text::Token>& tokens,
                                               Actor author) const {
  return rule_links(passage, tokens, features_of(tokens, passage.language, passage.text, false), author);
}

std::vector<WorkPlanLink> WorkPlanLinker::rule_links(const Passage& passage, const std::vector<text::Token>& tokens,
                                                     const Features& features, Actor author) const {
  std::vector<WorkPlanLink> links = explicit_references(passage.text);
  add_definition_links(passage, features, links);
  if (frames_the_instrument(passage)) return links;
  add_quotation_links(tokens, links);
  add_vocabulary_links(passage, features, author, links);
  return links;
}

void WorkPlanLinker::add_definition_links(const Passage& passage, const Features& features,
                                          std::vector<WorkPlanLink>& links) const {
  if (!defines_the_offence(passage, features.concepts)) return;
  std::vector<std::string> concepts;
  for (const auto& c : features.concepts) {
    if (concepts.size() < kMaxBasis && !has_role(c, "generic")) concepts.push_back("concept:" + c);
  }
  for (const auto& id : criminalization_items_) {
    if (!has_link(links, id)) links.push_back(found(id, vocabulary::kMethodDefinition, 0.9, concepts));
  }
}

WorkPlanLinker::Quotation WorkPlanLinker::quotation(const ItemProfile& item,
                                                   const std::unordered_set<std::string>& passage_shingles) const {
  Quotation q;
  if (item.shingles.empty()) return q;
  size_t matched = 0;
  std::set<std::string_view> quoted_words;  // content words of the matched shingles
  for (const auto& s : item.shingles) {
    if (!passage_shingles.count(s)) continue;
    ++matched;
    for (size_t start = 0; start < s.size();) {
      size_t end = std::min(s.find(' ', start), s.size());
      std::string_view word = std::string_view(s).substr(start, end - start);
      if (!text::is_stopword_any(word)) quoted_words.insert(word);
      start = end + 1;
    }
  }
  q.ratio = static_cast<double>(matched) / static_cast<double>(item.shingles.size());
  // "in a manner consistent with the" is three shingles of the item but quotes two of its words.
  q.quotes = matched >= options_.quotation_min_shingles && q.ratio >= options_.quotation_min_ratio &&
             quoted_words.size() >= options_.quotation_min_words;
  q.words.assign(quoted_words.begin(), quoted_words.end());
  if (q.words.size() > kMaxBasis) q.words.resize(kMaxBasis);
  return q;
}

std::unordered_set<std::string> WorkPlanLinker::shingle_set(const std::vector<text::Token>& tokens) {
  std::unordered_set<std::string> out;
  for (auto& s : shingles_of(tokens)) out.insert(std::move(s));
  return out;
}

void WorkPlanLinker::add_quotation_links(const std::vector<text::Token>& tokens, std::vector<WorkPlanLink>& links) const {
  const std::unordered_set<std::string> passage_shingles = shingle_set(tokens);
  for (const auto& item : items_) {
    if (has_link(links, item.id)) continue;
    Quotation q = quotation(item, passage_shingles);
    if (q.quotes) links.push_back(found(item.id, vocabulary::kMethodQuotation, std::min(1.0, 0.6 + q.ratio), std::move(q.words)));
  }
}

WorkPlanLinker::Overlap WorkPlanLinker::overlap(const ItemProfile& item, const Features& features, bool same_language) const {
  Overlap o;
  std::vector<std::pair<double, std::string>> basis;
  for (const auto& [f, idf] : item.features) {
    if (!same_language && f.rfind("concept:", 0) != 0) continue;
    if (features.all.count(f)) {
      o.weight += idf;
      ++o.shared;
      basis.emplace_back(-idf, f);
    }
  }
  std::sort(basis.begin(), basis.end());
  for (const auto& b : basis) {
    if (o.strongest.size() >= kMaxBasis) break;
    o.strongest.push_back(b.second);
  }
  return o;
}

void WorkPlanLinker::add_vocabulary_links(const Passage& passage, const Features& features, Actor author,
                                          std::vector<WorkPlanLink>& links) const {
  auto for_other_actor = [&](const ItemProfile& item) {
    return (author == Actor::kSecretariat && item.kind == "activity") ||
           (author == Actor::kMemberState && item.kind == "mandate");
  };
  // Items are written in English: words count in English passages, concepts in every language.
  const bool same_language = passage.language.empty() || passage.language == "en";
  std::optional<std::set<std::string>> caption_concepts;  // found when an item first needs them
  auto names_caption_subject_of = [&](const ItemProfile& item) {
    if (!caption_concepts) caption_concepts = features_of(text::tokenize(captions_of(passage)), passage.language).concepts;
    return names_caption_subject(item, *caption_concepts, features.concepts);
  };
  std::vector<WorkPlanLink> similar, captioned;
  for (const auto& item : items_) {
    if (has_link(links, item.id) || item.total_weight <= 0 || !names_subject_of(item, features.concepts)) continue;
    const Overlap o = overlap(item, features, same_language);
    const double share = o.weight / (same_language ? item.total_weight : std::max(item.concept_weight, 1e-9));
    const bool own_kind = item.kind == (author == Actor::kSecretariat ? "mandate" : "activity");
    if (own_kind && share >= options_.caption_threshold && names_caption_subject_of(item)) {
      captioned.push_back(found(item.id, vocabulary::kMethodCaption, share, o.strongest));
      continue;
    }
    if (same_language) {
      // A document's own actor's items: the other actor's, the usual false friends, are held back.
      const double threshold = author != Actor::kAny && !for_other_actor(item) ? options_.own_actor_similarity_threshold
                                                                               : options_.similarity_threshold;
      if (share < threshold || o.shared < options_.similarity_min_shared) continue;
    } else {
      if (item.concept_weight <= 0) continue;
      if (share < options_.concept_threshold || o.shared < options_.concept_min_shared) continue;
    }
    if (for_other_actor(item) && share < options_.other_actor_threshold) continue;
    similar.push_back(found(item.id, vocabulary::kMethodSimilarity, share, o.strongest));
  }
  // Beside an explicit reference or a quotation, overlap of words is weaker evidence.
  if (!links.empty()) {
    std::erase_if(similar, [&](const WorkPlanLink& l) { return l.score < options_.secondary_similarity_threshold; });
  }
  std::sort(similar.begin(), similar.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  if (similar.size() > options_.max_similarity_links) similar.resize(options_.max_similarity_links);
  for (auto& l : similar) {
    if (!has_link(links, l.item)) links.push_back(std::move(l));
  }
  for (auto& c : captioned) links.push_back(std::move(c));
}

std::vector<ItemEvidence> WorkPlanLinker::evidence(const Passage& passage, const std::vector<text::Token>& tokens,
                                                   Actor author) const {
  const Features features = features_of(tokens, passage.language, passage.text, false);
  const std::vector<WorkPlanLink> ruled = rule_links(passage, tokens, features, author);
  const bool defines = defines_the_offence(passage, features.concepts);
  const bool framing = frames_the_instrument(passage);
  const std::unordered_set<std::string> shingles = shingle_set(tokens);
  const bool same_language = passage.language.empty() || passage.language == "en";
  const std::set<std::string> caption_concepts =
      features_of(text::tokenize(captions_of(passage)), passage.language).concepts;
  const Features heading = features_of(text::tokenize(passage.heading), passage.language);
  const std::string folded = text::fold(passage.text);
  const bool mandate_word = folded.find("mandat") != std::string::npos;
  std::vector<ItemEvidence> out;
  for (const auto& item : items_) {
    const bool other_actor = (author == Actor::kSecretariat && item.kind == "activity") ||
                             (author == Actor::kMemberState && item.kind == "mandate");
    const bool own_kind = item.kind == (author == Actor::kSecretariat ? "mandate" : "activity");
    const Quotation q = quotation(item, shingles);
    const Overlap words = overlap(item, features, true);
    const Overlap concepts = overlap(item, features, false);
    const double word_share = same_language && item.total_weight > 0 ? words.weight / item.total_weight : 0;
    const double concept_share = item.concept_weight > 0 ? concepts.weight / item.concept_weight : 0;
    const bool criminalization =
        std::find(criminalization_items_.begin(), criminalization_items_.end(), item.id) != criminalization_items_.end();
    ItemEvidence e{item.id, std::vector<double>(kEvidenceFeatures.size(), 0.0)};
    e.x[0] = std::any_of(ruled.begin(), ruled.end(), [&](const WorkPlanLink& l) {
      return l.item == item.id && l.method == vocabulary::kMethodExplicit;
    });
    e.x[1] = q.ratio;
    e.x[2] = q.quotes;
    e.x[3] = defines && criminalization;
    e.x[4] = own_kind && (same_language ? word_share : concept_share) >= options_.caption_threshold &&
             names_caption_subject(item, caption_concepts, features.concepts);
    e.x[5] = word_share;
    e.x[6] = concept_share;
    e.x[7] = static_cast<double>(std::min<size_t>(same_language ? words.shared : concepts.shared, 10)) / 10;
    e.x[8] = names_subject_of(item, features.concepts);
    e.x[9] = framing;
    e.x[10] = other_actor;
    e.x[12] = key_share(item, features.concepts);
    e.x[13] = mandate_word && item.kind == "mandate";
    e.x[14] = item.kind == "mandate";
    e.x[15] = item.concept_weight > 0 ? overlap(item, heading, false).weight / item.concept_weight : 0;
    e.x[16] = static_cast<double>(std::min<size_t>(tokens.size(), 300)) / 300;
    e.x[17] = has_link(ruled, item.id);
    for (const auto& l : ruled) {
      if (l.item != item.id) continue;
      e.rule_method = l.method;
      e.basis = l.basis;
    }
    if (e.rule_method.empty()) e.basis = same_language ? words.strongest : concepts.strongest;
    out.push_back(std::move(e));
  }
  return out;
}

void WorkPlanLinker::add_section_evidence(const std::vector<Passage>& passages,
                                          std::vector<std::vector<ItemEvidence>>& evidence) {
  constexpr size_t kExplicit = 0, kQuotes = 2;
  std::set<std::string> answered;  // the items the current section opened with
  for (size_t i = 0; i < passages.size() && i < evidence.size(); ++i) {
    const bool opens = i == 0 || passages[i].heading != passages[i - 1].heading;
    if (opens) {
      answered.clear();
      if (passages[i].heading.empty()) continue;
      for (const auto& e : evidence[i]) {
        if (e.x[kExplicit] > 0 || e.x[kQuotes] > 0) answered.insert(e.item);
      }
    }
    for (auto& e : evidence[i]) e.x[kSectionFeature] = answered.count(e.item) ? 1.0 : 0.0;
  }
}

std::vector<std::vector<WorkPlanLink>> WorkPlanLinker::link_document(const std::vector<Passage>& passages,
                                                                      const std::vector<std::vector<text::Token>>& tokens,
                                                                      std::string_view type) const {
  const Actor author = actor_of_document_type(type);
  std::vector<std::vector<WorkPlanLink>> out(passages.size());
  const GenreModel* genre = model_.for_type(type);
  if (!genre) {
    for (size_t i = 0; i < passages.size(); ++i) out[i] = link(passages[i], tokens[i], author);
    return out;
  }
  std::vector<std::vector<ItemEvidence>> evidence;
  for (size_t i = 0; i < passages.size(); ++i) evidence.push_back(this->evidence(passages[i], tokens[i], author));
  add_section_evidence(passages, evidence);
  for (size_t i = 0; i < passages.size(); ++i) {
    for (auto& e : evidence[i]) {
      const double p = genre->model.probability(e.x);
      const bool named = e.rule_method == vocabulary::kMethodExplicit;
      if (p < genre->threshold && !named) continue;
      std::string_view method = !e.rule_method.empty() ? std::string_view(e.rule_method)
                                : e.x[kSectionFeature] > 0 ? vocabulary::kMethodSection
                                                            : vocabulary::kMethodSimilarity;
      out[i].push_back(found(e.item, method, named ? 1.0 : p, std::move(e.basis)));
    }
    std::sort(out[i].begin(), out[i].end(), [](const WorkPlanLink& a, const WorkPlanLink& b) { return a.score > b.score; });
  }
  return out;
}

}  // namespace atip
