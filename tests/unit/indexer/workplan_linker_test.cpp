// The Work Plan linker on a real report against the development set of links a careful reader
// finds (../shared/eval/links-dev.tsv): must-links found, few links a reader would reject.
#include "link/workplan_linker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "analyze/passage_segmenter.h"
#include "analyze/thesaurus.h"
#include "atip/text.h"
#include "extract/extractor.h"
#include "link/logistic.h"
#include "link/workplan.h"
#include "test_support.h"
#include "../../shared_data.h"

namespace atip {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;
using testing::squeeze;

struct DevLink {
  std::string doc, target, strength, evidence;
};

std::vector<DevLink> read_dev_links(const fs::path& tsv) {
  std::vector<DevLink> rows;
  std::ifstream in(tsv);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    DevLink r;
    std::getline(fields, r.doc, '\t');
    std::getline(fields, r.target, '\t');
    std::getline(fields, r.strength, '\t');
    std::getline(fields, r.evidence);
    rows.push_back(r);
  }
  return rows;
}

std::string match_form(std::string_view s) { return squeeze(text::fold(s)); }

class WorkPlanLinkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto plan = load_workplan(corpus_dir() / "workplan.xml");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    plan_ = plan.value();
    auto concepts = load_thesaurus(corpus_dir() / "thesaurus.xml");
    ASSERT_TRUE(concepts.ok()) << concepts.error().message;
    linker_.emplace(plan_, concepts.value());
  }

  // The passages of a PDF linked as atip-index links them: language and type as its metadata says.
  std::vector<Passage> linked_passages(const fs::path& pdf, const std::string& language = "en",
                                       const std::string& type = "report") {
    auto extracted = ExtractorRegistry().for_format(detect_format(pdf)).extract(pdf);
    EXPECT_TRUE(extracted.ok()) << (extracted.ok() ? "" : extracted.error().message);
    if (!extracted.ok()) return {};
    auto passages = segment_passages(extracted->blocks);
    for (auto& p : passages) {
      p.language = language;
      p.links = linker_->link(p, actor_of_document_type(type));
    }
    return passages;
  }
  std::vector<Passage> corpus_passages(const std::string& pdf) { return linked_passages(corpus_dir() / pdf); }

  static bool links_to(const Passage& p, const std::string& item) {
    return std::any_of(p.links.begin(), p.links.end(), [&](const WorkPlanLink& l) { return l.item == item; });
  }
  // How the linker ties a passage to an item: "explicit", "caption", ...; empty when it does not.
  std::string method_of(const Passage& p, const std::string& item, Actor author = Actor::kAny) const {
    for (const auto& l : linker_->link(p, author)) {
      if (l.item == item) return l.method;
    }
    return "";
  }
  static const Passage* starting_with(const std::vector<Passage>& passages, const std::string& start) {
    for (const auto& p : passages) {
      if (p.text.rfind(start, 0) == 0) return &p;
    }
    return nullptr;
  }

  WorkPlan plan_;
  std::optional<WorkPlanLinker> linker_;
};

TEST_F(WorkPlanLinkerTest, WorkPlanHasItsSixtyTwoItems) {
  EXPECT_EQ(plan_.items.size(), 62u);
  EXPECT_EQ(plan_.document, "workplan-2010-2014");
}

// Every item names its own subject by thesaurus concepts that exist (corpus/workplan.xml @concepts).
TEST_F(WorkPlanLinkerTest, EveryItemHasKeyConceptsFromTheThesaurus) {
  auto concepts = load_thesaurus(corpus_dir() / "thesaurus.xml");
  ASSERT_TRUE(concepts.ok());
  std::set<std::string> ids;
  for (const auto& c : concepts.value()) ids.insert(c.id);
  for (const auto& item : plan_.items) {
    EXPECT_FALSE(item.key_concepts.empty()) << item.id;
    for (const auto& k : item.key_concepts) EXPECT_TRUE(ids.count(k)) << item.id << ": no concept " << k;
    for (const auto& k : item.required_concepts) EXPECT_TRUE(ids.count(k)) << item.id << ": no concept " << k;
  }
  const auto it = std::find_if(plan_.items.begin(), plan_.items.end(), [](const auto& i) { return i.id == "activity:29"; });
  ASSERT_NE(it, plan_.items.end());
  EXPECT_EQ(it->required_concepts, std::vector<std::string>{"trafficking-in-persons"});
}

// A passage that shares an item's words but not its subject does not serve it: the Mexican article
// punishing labour exploitation is not about sparing coerced victims from punishment (activity 51)
// nor about adopting comprehensive legislation (activity 19); the one on special investigative
// techniques serves activity 24.
TEST_F(WorkPlanLinkerTest, SharingWordsWithoutTheSubjectIsNoLink) {
  const fs::path dir = testing::corpus_src_dir() / "legislation";
  if (!fs::is_directory(dir)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(dir);
  auto mexico = linked_passages(dir / "mx-ley-general-trata-2012-es.pdf", "es", "law");
  const Passage* labour = starting_with(mexico, "Artículo 21.");
  ASSERT_NE(labour, nullptr);
  EXPECT_FALSE(links_to(*labour, "activity:51"));
  EXPECT_FALSE(links_to(*labour, "activity:19"));
  const Passage* undercover = starting_with(mexico, "Artículo 57.");
  ASSERT_NE(undercover, nullptr);
  EXPECT_TRUE(links_to(*undercover, "activity:24"));  // special investigative techniques
}

TEST_F(WorkPlanLinkerTest, GsReport2010MatchesTheDevelopmentSet) {
  const fs::path tsv = testing::shared_dir() / "eval" / "links-dev.tsv";
  if (!fs::exists(tsv)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(tsv);
  const std::string doc = "gs-report-2010-2012";
  std::vector<DevLink> rows;
  for (auto& r : read_dev_links(tsv)) {
    if (r.doc == doc) rows.push_back(r);
  }
  ASSERT_FALSE(rows.empty());
  auto passages = corpus_passages(doc + ".pdf");
  ASSERT_FALSE(passages.empty());

  std::set<std::string> acceptable;  // must + may targets
  int must = 0, found = 0;
  std::string misses;
  for (const auto& r : rows) {
    acceptable.insert(r.target);
    if (r.strength != "must") continue;
    ++must;
    const std::string evidence = match_form(r.evidence);
    bool evidence_seen = false, linked = false;
    for (const auto& p : passages) {
      if (match_form(p.text).find(evidence) == std::string::npos) continue;
      evidence_seen = true;
      for (const auto& l : p.links) linked |= l.item == r.target;
    }
    EXPECT_TRUE(evidence_seen) << "no passage contains the evidence \"" << r.evidence << "\"";
    if (linked) ++found;
    else misses += " " + r.target;
  }

  int links = 0, outside = 0;
  std::map<std::string, int> outside_by_target;
  for (const auto& p : passages) {
    for (const auto& l : p.links) {
      ++links;
      EXPECT_FALSE(l.method.empty());
      EXPECT_EQ(l.status, "auto");
      if (!acceptable.count(l.item)) {
        ++outside;
        outside_by_target[l.item]++;
      }
    }
  }
  const double recall = must ? static_cast<double>(found) / must : 0;
  const double outside_share = links ? static_cast<double>(outside) / links : 0;
  std::string outside_list;
  for (const auto& [t, n] : outside_by_target) outside_list += " " + t + "×" + std::to_string(n);
  std::cout << doc << ": must-links found " << found << "/" << must << " (recall " << recall << "), links "
            << links << ", outside must+may " << outside << " (" << outside_share * 100 << "%):" << outside_list << "\n";
  EXPECT_GE(recall, 0.9) << "missed:" << misses;
  EXPECT_LE(outside_share, 0.2) << outside << " of " << links << " links outside must+may:" << outside_list;
}

// The Secretariat's reports and the activities page against labels a reader made blind to the
// linker (tests/data/report-links-blind.tsv: every passage a reader says serves an item, must or may;
// documents and labels the linker was never tuned on). Issue 17's standard (90% of must-links found,
// at most 20% of links outside must+may) is not met here yet: this guards today's figures, and
// prints them, until a linker that generalizes raises them.
TEST_F(WorkPlanLinkerTest, ReportsAgainstLabelsMadeBlindToTheLinker) {
  struct Document {
    std::string id, file, type;
  };
  const std::vector<DevLink> rows = read_dev_links(testing::data_dir() / "report-links-blind.tsv");
  ASSERT_GT(rows.size(), 250u);
  int must_all = 0, found_all = 0, links_all = 0, outside_all = 0;
  for (const Document& d : {Document{"gs-report-2010-2012", "gs-report-2010-2012.pdf", "report"},
                            Document{"gs-report-2012-2013", "gs-report-2012-2013.pdf", "report"},
                            Document{"gs-report-2012-2014", "gs-report-2012-2014.pdf", "report"},
                            Document{"activities-2004-2007", "activities-2004-2007.html", "activities"}}) {
    auto passages = linked_passages(corpus_dir() / d.file, "en", d.type);
    ASSERT_FALSE(passages.empty()) << d.file;
    std::map<std::pair<size_t, std::string>, std::string> labelled;  // (passage, item) -> must or may
    for (const auto& r : rows) {
      if (r.doc != d.id) continue;
      const std::string evidence = match_form(r.evidence);
      bool seen = false;
      for (size_t i = 0; i < passages.size(); ++i) {
        if (match_form(passages[i].text).find(evidence) == std::string::npos) continue;
        seen = true;
        std::string& label = labelled[{i, r.target}];
        if (label != "must") label = r.strength;
      }
      EXPECT_TRUE(seen) << d.id << ": no passage holds \"" << r.evidence << "\"";
    }
    int must = 0, found = 0, links = 0, outside = 0;
    for (const auto& [key, label] : labelled) {
      if (label != "must") continue;
      ++must;
      found += links_to(passages[key.first], key.second);
    }
    for (size_t i = 0; i < passages.size(); ++i) {
      for (const auto& l : passages[i].links) {
        ++links;
        outside += !labelled.count({i, l.item});
      }
    }
    std::cout << d.id << " (blind labels): must-links found " << found << "/" << must << ", links " << links
              << ", outside must+may " << outside << "\n";
    must_all += must;
    found_all += found;
    links_all += links;
    outside_all += outside;
  }
  const double recall = must_all ? static_cast<double>(found_all) / must_all : 0;
  const double outside_share = links_all ? static_cast<double>(outside_all) / links_all : 0;
  std::cout << "reports and activities, blind labels: must-links found " << found_all << "/" << must_all << " (recall "
            << recall << "), links " << links_all << ", outside must+may " << outside_all << " ("
            << outside_share * 100 << "%)\n";
  EXPECT_GE(found_all, 17) << "fewer must-links found than on 2026-12-07";
  EXPECT_LE(outside_share, 0.15) << "more links outside must+may than on 2026-12-07";
}

// A Secretariat report serves the Secretariat's mandates: naming an event ("the Third Meeting of
// National Authorities") is not serving the activity of hosting it, nor the mandate to publish the
// "Directory of National Authorities".
TEST_F(WorkPlanLinkerTest, SecretariatReportLinksToMandatesNotToNamesInItems) {
  auto passages = corpus_passages("gs-report-2012-2014.pdf");
  ASSERT_GT(passages.size(), 10u);
  int links = 0;
  for (const auto& p : passages) {
    for (const auto& l : p.links) {
      ++links;
      EXPECT_EQ(l.item.rfind("mandate:", 0), 0u) << l.item << " (" << l.method << " " << l.score << ") for: " << p.text.substr(0, 120);
      EXPECT_NE(l.item, "mandate:9") << p.text.substr(0, 120);
    }
  }
  EXPECT_GE(links, 5);
  // The paraphrase of mandate 5 (public officials, forms of trafficking committed using computers).
  bool mandate5 = false;
  for (const auto& p : passages) mandate5 |= p.text.find("using computers") != std::string::npos && links_to(p, "mandate:5");
  EXPECT_TRUE(mandate5);
}

// Laws in four languages: an article that criminalizes trafficking as the Palermo Protocol defines it
// serves activity 26; the article on shelters serves activity 37; no article serves a Secretariat mandate.
TEST_F(WorkPlanLinkerTest, LawsServeTheActivitiesTheyImplement) {
  const fs::path dir = testing::corpus_src_dir() / "legislation";
  if (!fs::is_directory(dir)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(dir);
  struct Case {
    std::string file, language, article;
  };
  for (const Case& c : {Case{"mx-ley-general-trata-2012-es.pdf", "es", "Artículo 10"},
                        Case{"ca-criminal-code-s279-en.pdf", "en", "279.01"},
                        Case{"ca-code-criminel-art279-fr.pdf", "fr", "279.01"},
                        Case{"br-codigo-penal-art146-149a-pt.pdf", "pt", "Art. 149-A"},
                        Case{"pe-codigo-penal-titulo-ia-trata-es.pdf", "es", "Artículo 129-A"}}) {
    auto passages = linked_passages(dir / c.file, c.language, "law");
    const Passage* offence = starting_with(passages, c.article);
    ASSERT_NE(offence, nullptr) << c.file << ": no passage starts with " << c.article;
    EXPECT_TRUE(links_to(*offence, "activity:26")) << c.file << " " << c.article;
    for (const auto& p : passages) {
      for (const auto& l : p.links) EXPECT_EQ(l.item.rfind("activity:", 0), 0u) << c.file << ": " << l.item;
    }
  }
  auto mexico = linked_passages(dir / "mx-ley-general-trata-2012-es.pdf", "es", "law");
  const Passage* shelters = starting_with(mexico, "Artículo 62");
  ASSERT_NE(shelters, nullptr);
  ASSERT_NE(shelters->text.find("albergues"), std::string::npos);
  EXPECT_TRUE(links_to(*shelters, "activity:37"));
}

// Laws and treaties against links a careful reader labelled (tests/data/law-links-dev.tsv: document,
// item, how the passage begins, must/may/reject), in their four languages. Figures are printed; the
// bounds guard what is reached today, short of the standard of the dev set of reports.
TEST_F(WorkPlanLinkerTest, LawsAndTreatiesAgainstTheirLabelledLinks) {
  const fs::path dir = testing::corpus_src_dir() / "legislation";
  if (!fs::is_directory(dir)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(dir);
  std::map<std::tuple<std::string, std::string, std::string>, std::string> labels;  // (doc, item, start) -> label
  std::set<std::string> docs;
  {
    std::ifstream in(testing::data_dir() / "law-links-dev.tsv");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream f(line);
      std::string doc, item, start, label;
      std::getline(f, doc, '\t');
      std::getline(f, item, '\t');
      std::getline(f, start, '\t');
      std::getline(f, label, '\t');
      labels[{doc, item, start}] = label;
      docs.insert(doc);
    }
  }
  ASSERT_GT(labels.size(), 300u);
  std::ifstream manifest(dir / "MANIFEST.tsv");
  std::string line;
  std::getline(manifest, line);
  int links = 0, rejected = 0, unlabelled = 0, must_found = 0;
  std::string outside, missed;
  std::set<std::tuple<std::string, std::string, std::string>> found_links;
  std::set<std::pair<std::string, std::string>> passages;  // (doc, start)
  while (std::getline(manifest, line)) {
    std::istringstream f(line);
    std::string id, file, title, type, jurisdiction, language;
    for (auto* field : {&id, &file, &title, &type, &jurisdiction, &language}) std::getline(f, *field, '\t');
    if (!docs.count(id)) continue;
    for (const auto& p : linked_passages(dir / file, language, type)) {
      // How the passage begins: its first 40 characters, on one line.
      std::string start;
      for (size_t i = 0, chars = 0; i < p.text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(p.text[i]);
        if ((c & 0xC0) != 0x80 && chars++ == 40) break;
        start.push_back(c == '\n' || c == '\t' ? ' ' : static_cast<char>(c));
      }
      passages.insert({id, start});
      for (const auto& l : p.links) {
        ++links;
        auto it = labels.find({id, l.item, start});
        const std::string label = it == labels.end() ? "" : it->second;
        if (label == "must") ++must_found;
        found_links.insert({id, l.item, start});
        if (label == "reject" || label.empty()) {
          label.empty() ? ++unlabelled : ++rejected;
          outside += "\n  " + std::string(label.empty() ? "unlabelled " : "rejected ") + id + " " + l.item + " (" +
                     l.method + "): " + start;
        }
      }
    }
  }
  // Every label names a passage the segmenter makes: when passages change, their labels are redone.
  std::string stale;
  for (const auto& [key, label] : labels) {
    if (!passages.count({std::get<0>(key), std::get<2>(key)})) stale += "\n  " + std::get<0>(key) + ": " + std::get<2>(key);
  }
  EXPECT_EQ(stale, "") << "labels of passages that no longer exist";
  int must = 0;
  for (const auto& [key, label] : labels) {
    if (label != "must") continue;
    ++must;
    if (!found_links.count(key)) missed += "\n  " + std::get<0>(key) + " " + std::get<1>(key) + ": " + std::get<2>(key);
  }
  const double recall = must ? static_cast<double>(must_found) / must : 0;
  const double outside_share = links ? static_cast<double>(rejected + unlabelled) / links : 0;
  std::cout << "laws and treaties: must-links found " << must_found << "/" << must << " (recall " << recall
            << "), links " << links << ", rejected " << rejected << ", unlabelled " << unlabelled << " ("
            << outside_share * 100 << "% outside must+may)\n";
  if (std::getenv("ATIP_LINKS_VERBOSE")) std::cout << "outside must+may:" << outside << "\nmust-links missed:" << missed << "\n";
  EXPECT_GE(recall, 0.9);
  EXPECT_LE(outside_share, 0.2) << outside;
}

TEST_F(WorkPlanLinkerTest, ExplicitReferenceToAMandate) {
  Passage p;
  p.language = "en";
  p.text = "In compliance with mandate 7 of the Work Plan, the General Secretariat prepared a report.";
  bool found = false;
  for (const auto& l : linker_->link(p)) {
    if (l.item == "mandate:7") {
      found = true;
      EXPECT_EQ(l.method, "explicit");
      EXPECT_GT(l.score, 0);
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(WorkPlanLinkerTest, QuotationOfAnItemLinksToIt) {
  Passage p;
  p.language = "en";
  p.text = "The General Secretariat has also worked to incorporate the issue of trafficking in persons and "
           "training modules into the curricula of police academies.";
  bool found = false;
  for (const auto& l : linker_->link(p)) found |= l.item == "mandate:2";
  EXPECT_TRUE(found);
}

// Findings, purposes, definitions, scope, final and transitional clauses frame a law; they ask nothing
// of anyone. The same words in an operative article do serve the item.
TEST_F(WorkPlanLinkerTest, ProvisionsThatFrameALawServeNoItemUnlessTheyNameIt) {
  Passage p;
  p.language = "en";
  p.text = "(18) Adequate shelters for victims of trafficking in persons, taking into account their gender and age, "
           "do not exist in number enough to meet their needs regarding housing, health care and legal assistance.";
  p.article = "§ 7105. Protection and assistance for victims of trafficking";
  ASSERT_NE(method_of(p, "activity:37", Actor::kMemberState), "") << "an operative section on shelters serves activity 37";

  for (const std::string caption : {"§ 7101. Purposes and findings", "§ 7102. Definitions", "Article 4 Scope of application",
                                    "Article 2 Statement of purpose", "Article 17 Entry into force",
                                    "Article 39 Relationship with the Palermo Protocol"}) {
    p.article = caption;
    EXPECT_TRUE(linker_->link(p, Actor::kMemberState).empty()) << caption;
  }
  // Transitional articles (entry into force, repeals) are found by their part of the law.
  p.article.clear();
  for (const std::string heading : {"GENERAL LAW › TRANSITIONAL PROVISIONS",
                                    "LEY GENERAL › ARTÍCULOS TRANSITORIOS DE DECRETOS DE REFORMA › Transitorios"}) {
    p.heading = heading;
    EXPECT_TRUE(linker_->link(p, Actor::kMemberState).empty()) << heading;
  }
  p.heading = "LEY GENERAL › CAPÍTULO III Albergues transitorios para las víctimas";
  EXPECT_NE(method_of(p, "activity:37", Actor::kMemberState), "") << "temporary shelters are no transitional provisions";
  p.heading.clear();
  Passage preamble;
  preamble.language = "en";
  preamble.text = "Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children, "
                  "supplementing the United Nations Convention against Transnational Organized Crime Preamble The "
                  "States Parties to this Protocol, Declaring that effective action to prevent and combat trafficking "
                  "in persons, especially women and children, requires a comprehensive international approach in the "
                  "countries of origin, transit and destination that includes measures to prevent such trafficking, to "
                  "punish the traffickers and to protect the victims of such trafficking, including by protecting "
                  "their internationally recognized human rights, Convinced that supplementing the United Nations "
                  "Convention against Transnational Organized Crime with an international instrument for the "
                  "prevention, suppression and punishment of trafficking in persons, especially women and children, "
                  "will be useful in preventing and combating that crime,";
  ASSERT_FALSE(linker_->link(preamble).empty()) << "the recitals share the items' words";
  preamble.article = "Preamble";  // as the segmenter marks a treaty's recitals
  EXPECT_TRUE(linker_->link(preamble).empty());

  p.article = "§ 7101. Purposes and findings";
  p.text += " Congress supports activity 37 of the OAS Work Plan.";
  EXPECT_EQ(method_of(p, "activity:37", Actor::kMemberState), "explicit");
}

// The title of an article names what it is about: an article titled "Extradition" serves the item on
// extradition and mutual legal assistance, though its text shares few of the item's words.
TEST_F(WorkPlanLinkerTest, AnArticlesTitleNamingTheItemsSubjectLinksIt) {
  Passage p;
  p.language = "en";
  p.text = "1. This article shall apply to the offences covered by this Convention where the person who is the "
           "subject of the request for extradition is located in the territory of the requested State Party. "
           "2. Each of the offences shall be deemed to be included as an extraditable offence in any extradition "
           "treaty existing between States Parties, in accordance with their domestic laws. 3. The requested "
           "State Party shall cooperate with the requesting State Party on the investigation.";
  ASSERT_EQ(method_of(p, "activity:18"), "") << "the text alone does not reach the item";
  p.article = "Article 16 Extradition";
  EXPECT_EQ(method_of(p, "activity:18"), "caption");
  p.article = "Article 16 Transfer of sentenced persons";
  EXPECT_EQ(method_of(p, "activity:18"), "") << "a title that names something else";

  // A subdivision's own title counts as well: "(4) Training of Government personnel" in a section on
  // protection and assistance for victims.
  Passage training;
  training.language = "en";
  training.article = "§ 7105. Protection and assistance for victims of trafficking";
  training.text = "(4) Training of Government personnel (A) In general Appropriate personnel who come into contact "
                  "with victims, including consular officials, immigration officers and labor inspectors, shall "
                  "be trained in the identification of victims of trafficking in persons and in assisting them.";
  EXPECT_EQ(method_of(training, "activity:36", Actor::kMemberState), "caption");
}

// An article without a title names its subject in its first sentence: "Artículo 76. La repatriación de
// las víctimas ..." serves the item on safe repatriation.
TEST_F(WorkPlanLinkerTest, TheFirstSentenceOfAnUntitledArticleNamesItsSubject) {
  Passage p;
  p.language = "es";
  p.article = "Artículo 76";
  p.text = "Artículo 76. La repatriación de las víctimas extranjeras será voluntaria y se realizará en condiciones "
           "que garanticen su seguridad y su dignidad.\nLas autoridades evaluarán los riesgos antes del regreso.";
  EXPECT_EQ(method_of(p, "activity:45", Actor::kMemberState), "caption");
  p.text = "Artículo 76. Las autoridades competentes publicarán su informe anual en el Diario Oficial.\nLa "
           "repatriación de las víctimas extranjeras será voluntaria y se realizará en condiciones seguras.";
  EXPECT_NE(method_of(p, "activity:45", Actor::kMemberState), "caption") << "the subject is not in the first sentence";
}

// Offence definitions list their acts together; two acts named far apart define nothing.
TEST_F(WorkPlanLinkerTest, AnOffenceDefinitionListsItsActsTogether) {
  Passage p;
  p.language = "en";
  p.text = "Whoever recruits, transports, transfers, harbours or receives a person by means of force for the purpose "
           "of exploitation shall be punished by imprisonment.";
  auto defines = [&] {
    for (const auto& l : linker_->link(p, Actor::kMemberState)) {
      if (l.method == "definition") return true;
    }
    return false;
  };
  EXPECT_TRUE(defines());
  p.text = "Whoever, for the purpose of exploitation:\n(a) recruits a person;\n(b) transports that person; or\n(c) "
           "harbours that person; shall be punished by imprisonment.";
  EXPECT_TRUE(defines()) << "the items of one list are one sentence";
  p.article = "Article 3 Definition and punishment of the offence";
  EXPECT_TRUE(defines()) << "an article that defines the offence and punishes it still serves activity 26";
  p.article.clear();
  p.text = "The Secretary shall monitor the recruitment of workers abroad. Contractors shall report any forced "
           "labor or other exploitation. The transportation of goods is outside this section. Violations are "
           "punished by a fine and imprisonment.";
  EXPECT_FALSE(defines());
}

// A passage names the concepts of its own language: English "policies" is not Spanish "policía",
// though their stems meet.
TEST_F(WorkPlanLinkerTest, ConceptsAreNamedInThePassagesOwnLanguage) {
  auto english = linker_->concepts_in(text::tokenize("States Parties shall establish comprehensive policies"), "en");
  EXPECT_FALSE(english.count("police-officer"));
  EXPECT_TRUE(linker_->concepts_in(text::tokenize("el agente de la policía"), "es").count("police-officer"));
  EXPECT_TRUE(linker_->concepts_in(text::tokenize("to prevent and discourage the demand"), "en").count("demand-reduction"));
  EXPECT_TRUE(linker_->concepts_in(text::tokenize("se les dicten medidas cautelares"), "es").count("protective-measures"));
}

// Activity 29 asks for penalties for trafficking offences: penalties for organized crime in general
// (a provision of the UNTOC) do not serve it; the same penalties for trafficking in persons do.
TEST_F(WorkPlanLinkerTest, AnItemOnTraffickingOffencesNeedsAPassageOnTrafficking) {
  Passage p;
  p.language = "en";
  p.text = "Each State Party shall make the commission of an offence established in accordance with this Convention "
           "liable to criminal penalties and sanctions of imprisonment that take into account the gravity of that "
           "offence, commensurate with those for other serious crimes.";
  EXPECT_EQ(method_of(p, "activity:29"), "");
  p.text += " This applies to the offences of trafficking in persons.";
  EXPECT_NE(method_of(p, "activity:29"), "");
}

// Sharing a stock phrase with an item ("in a manner consistent with the") is not quoting it.
TEST_F(WorkPlanLinkerTest, AStockPhraseIsNoQuotation) {
  Passage p;
  p.language = "en";
  p.text = "1. States Parties shall carry out their obligations under this Convention in a manner consistent with "
           "the principles of sovereign equality and territorial integrity of States.";
  for (const auto& l : linker_->link(p, Actor::kAny)) EXPECT_NE(l.method, "quotation") << l.item;
}

TEST_F(WorkPlanLinkerTest, UnrelatedTextLinksToNothing) {
  Passage p;
  p.language = "en";
  p.text = "The meeting room was booked for Tuesday afternoon and coffee was served to the delegates.";
  EXPECT_TRUE(linker_->link(p).empty());
}


// ---- Learned weights, judged on documents the model never saw ----

// One passage–item pair of a labelled document: its evidence and what the reader said of it (must,
// may, reject, or empty when unlabelled).
struct Example {
  std::string document;
  std::vector<double> x;
  std::string label;
};

class LearnedLinksTest : public WorkPlanLinkerTest {
 protected:
  // The evidence of every passage of a document for every item, section evidence included.
  std::vector<std::vector<ItemEvidence>> evidence_of(const std::vector<Passage>& passages, const std::string& type) {
    std::vector<std::vector<ItemEvidence>> out;
    for (const auto& p : passages) out.push_back(linker_->evidence(p, text::tokenize(p.text), actor_of_document_type(type)));
    WorkPlanLinker::add_section_evidence(passages, out);
    return out;
  }

  // The reports and the activities page against tests/data/report-links-blind.tsv.
  std::vector<Example> report_examples() {
    const std::vector<DevLink> rows = read_dev_links(testing::data_dir() / "report-links-blind.tsv");
    std::vector<Example> out;
    for (const auto& [id, file, type] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"gs-report-2010-2012", "gs-report-2010-2012.pdf", "report"},
             {"gs-report-2012-2013", "gs-report-2012-2013.pdf", "report"},
             {"gs-report-2012-2014", "gs-report-2012-2014.pdf", "report"},
             {"activities-2004-2007", "activities-2004-2007.html", "activities"}}) {
      const auto passages = linked_passages(corpus_dir() / file, "en", type);
      std::map<std::pair<size_t, std::string>, std::string> labelled;
      for (const auto& r : rows) {
        if (r.doc != id) continue;
        for (size_t i = 0; i < passages.size(); ++i) {
          if (match_form(passages[i].text).find(match_form(r.evidence)) == std::string::npos) continue;
          std::string& label = labelled[{i, r.target}];
          if (label != "must") label = r.strength;
        }
      }
      const auto evidence = evidence_of(passages, type);
      for (size_t i = 0; i < passages.size(); ++i) {
        for (const auto& e : evidence[i]) {
          auto it = labelled.find({i, e.item});
          out.push_back({id, e.x, it == labelled.end() ? "" : it->second});
        }
      }
    }
    return out;
  }

  // The laws and treaties of ../shared/corpus-src/legislation against tests/data/law-links-dev.tsv.
  std::vector<Example> law_examples() {
    const fs::path dir = testing::corpus_src_dir() / "legislation";
    std::map<std::tuple<std::string, std::string, std::string>, std::string> labels;  // (doc, item, start)
    std::set<std::string> docs;
    std::ifstream in(testing::data_dir() / "law-links-dev.tsv");
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream f(line);
      std::string doc, item, start, label;
      for (auto* field : {&doc, &item, &start, &label}) std::getline(f, *field, '\t');
      labels[{doc, item, start}] = label;
      docs.insert(doc);
    }
    std::vector<Example> out;
    std::ifstream manifest(dir / "MANIFEST.tsv");
    std::string line;
    std::getline(manifest, line);
    while (std::getline(manifest, line)) {
      std::istringstream f(line);
      std::string id, file, title, type, jurisdiction, language;
      for (auto* field : {&id, &file, &title, &type, &jurisdiction, &language}) std::getline(f, *field, '\t');
      if (!docs.count(id)) continue;
      const auto passages = linked_passages(dir / file, language, type);
      const auto evidence = evidence_of(passages, type);
      for (size_t i = 0; i < passages.size(); ++i) {
        const std::string start = beginning(passages[i].text);
        for (const auto& e : evidence[i]) {
          auto it = labels.find({id, e.item, start});
          out.push_back({id, e.x, it == labels.end() ? "" : it->second});
        }
      }
    }
    return out;
  }

  // How a passage is named in law-links-dev.tsv: its first 40 characters, on one line.
  static std::string beginning(const std::string& text) {
    std::string start;
    for (size_t i = 0, chars = 0; i < text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if ((c & 0xC0) != 0x80 && chars++ == 40) break;
      start.push_back(c == '\n' || c == '\t' ? ' ' : static_cast<char>(c));
    }
    return start;
  }
};

struct Figures {
  int must = 0, found = 0, links = 0, outside = 0;
  double recall() const { return must ? static_cast<double>(found) / must : 0; }
  double outside_share() const { return links ? static_cast<double>(outside) / links : 0; }
};

// A model trained on the examples of every document but one; its threshold the highest probability
// that keeps 90% of those documents' must-links.
struct Fold {
  LogisticModel model;
  double threshold = 0.5;
};

Fold train_without(const std::vector<Example>& examples, const std::string& held_out, double keep = 0.9) {
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (const auto& e : examples) {
    if (e.document == held_out || e.label == "may") continue;  // "may" is neither required nor wrong
    x.push_back(e.x);
    y.push_back(e.label == "must");
  }
  Fold fold;
  auto trained = train_logistic(x, y);
  EXPECT_TRUE(trained.ok()) << (trained.ok() ? "" : trained.error().message);
  if (!trained.ok()) return fold;
  fold.model = trained.value();
  std::vector<double> positives;
  for (size_t i = 0; i < x.size(); ++i) {
    if (y[i]) positives.push_back(fold.model.probability(x[i]));
  }
  std::sort(positives.begin(), positives.end());
  if (keep > 0 && !positives.empty()) fold.threshold = positives[static_cast<size_t>(positives.size() * (1 - keep))];
  if (keep == 0) {  // the threshold of the best F1 on the training documents
    std::vector<std::pair<double, int>> scored;
    int total_positive = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      scored.push_back({fold.model.probability(x[i]), y[i]});
      total_positive += y[i];
    }
    std::sort(scored.rbegin(), scored.rend());
    double best = -1;
    int tp = 0;
    for (size_t i = 0; i < scored.size(); ++i) {
      tp += scored[i].second;
      const double f1 = 2.0 * tp / (static_cast<double>(i + 1) + total_positive);
      if (f1 > best) {
        best = f1;
        fold.threshold = scored[i].first;
      }
    }
  }
  return fold;
}

// Every document scored by a model that never saw its labels.
Figures cross_validate(const std::vector<Example>& scored, const std::vector<Example>& training, double keep = 0.9) {
  std::set<std::string> documents;
  for (const auto& e : scored) documents.insert(e.document);
  Figures f;
  for (const auto& d : documents) {
    const Fold fold = train_without(training, d, keep);
    for (const auto& e : scored) {
      if (e.document != d) continue;
      const bool linked = fold.model.probability(e.x) >= fold.threshold;
      f.must += e.label == "must";
      f.found += linked && e.label == "must";
      f.links += linked;
      f.outside += linked && e.label != "must" && e.label != "may";
    }
  }
  return f;
}

Figures rule_figures(const std::vector<Example>& examples) {
  Figures f;
  for (const auto& e : examples) {
    const bool linked = e.x.back() > 0;  // the "rule" feature
    f.must += e.label == "must";
    f.found += linked && e.label == "must";
    f.links += linked;
    f.outside += linked && e.label != "must" && e.label != "may";
  }
  return f;
}

std::string describe(const Figures& f) {
  std::ostringstream out;
  out << "must-links found " << f.found << "/" << f.must << " (recall " << f.recall() << "), links " << f.links
      << ", outside must+may " << f.outside << " (" << f.outside_share() * 100 << "%)";
  return out.str();
}

// Each kind of document is scored by a model trained on the other documents of its kind (a report's
// paragraphs and a law's articles answer the Work Plan differently): laws at the threshold that keeps
// 90% of the training documents' must-links (the standard's recall), reports at the threshold of the
// best F1 (at 90% they would carry ten links per must-link). Figures are printed beside the hand-set
// rules'; the bounds guard what is reached today. The standard (90% found, at most 20% outside) is
// not reached yet: the laws come close, the reports do not.
TEST_F(LearnedLinksTest, LeaveOneDocumentOutFiguresForReportsAndLaws) {
  const fs::path legislation = testing::corpus_src_dir() / "legislation";
  if (!fs::is_directory(legislation)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(legislation);
  ASSERT_EQ(kEvidenceFeatures.back(), "rule");
  const std::vector<Example> reports = report_examples();
  const std::vector<Example> laws = law_examples();
  constexpr double kLawKeep = 0.9, kBestF1 = 0;
  const Figures report_cv = cross_validate(reports, reports, kBestF1);
  const Figures law_cv = cross_validate(laws, laws, kLawKeep);
  std::cout << "reports, rules as set by hand: " << describe(rule_figures(reports)) << "\n"
            << "reports, learned, leave one document out: " << describe(report_cv) << "\n"
            << "laws, rules as set by hand: " << describe(rule_figures(laws)) << "\n"
            << "laws, learned, leave one document out: " << describe(law_cv) << "\n";
  if (std::getenv("ATIP_LINKS_CURVE")) {
    for (double keep : {0.0, 0.5, 0.7, 0.8, 0.85, 0.9}) {
      std::cout << "keep " << keep << ": reports " << describe(cross_validate(reports, reports, keep)) << "; laws "
                << describe(cross_validate(laws, laws, keep)) << "\n";
    }
  }
  for (const auto& [name, examples, keep] : {std::tuple{"reports", &reports, kBestF1}, std::tuple{"laws", &laws, kLawKeep}}) {
    const Fold everything = train_without(*examples, "", keep);
    std::cout << name << ", weights trained on every document (threshold " << everything.threshold << "):";
    for (size_t i = 0; i < kEvidenceFeatures.size(); ++i) std::cout << " " << kEvidenceFeatures[i] << "=" << everything.model.weights[i];
    std::cout << " bias=" << everything.model.bias << "\n";
  }
  EXPECT_GE(report_cv.recall(), 0.55) << "fewer report must-links found than on 2026-12-07";
  EXPECT_LE(report_cv.outside_share(), 0.38) << "more report links outside must+may than on 2026-12-07";
  EXPECT_GE(law_cv.recall(), 0.88) << "fewer law must-links found than on 2026-12-07";
  EXPECT_LE(law_cv.outside_share(), 0.27) << "more law links outside must+may than on 2026-12-07";
}

}  // namespace
}  // namespace atip
