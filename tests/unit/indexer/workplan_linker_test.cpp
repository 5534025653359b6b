// The Work Plan linker on a real report against the development set of links a careful reader
// finds (../shared/eval/links-dev.tsv): must-links found, few links a reader would reject.
#include "link/workplan_linker.h"

#include <gtest/gtest.h>
#include <unistd.h>

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
#include "document_preparer.h"
#include "link/link_training.h"
#include "link/linker_model.h"
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
  auto read = read_link_labels(testing::data_dir() / "law-links-dev.tsv");
  ASSERT_TRUE(read.ok()) << read.error().message;
  for (const auto& l : read.value()) {
    labels[{l.document, l.item, l.passage}] = l.label;
    docs.insert(l.document);
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
      const std::string start = passage_beginning(p.text);
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

// Each kind of document is scored by a model trained on the other documents of its kind (a report's
// paragraphs and a law's articles answer the Work Plan differently), at its operating point
// (operating_of): laws keep 90% of their training documents' must-links, reports the best F1. The
// figures are printed beside the hand-set rules'; the bounds guard what is reached today. The
// standard (90% found, at most 20% outside) is not reached yet: the laws come close, the reports do not.
TEST_F(WorkPlanLinkerTest, LearnedLinksLeaveOneDocumentOut) {
  const fs::path legislation = testing::corpus_src_dir() / "legislation";
  if (!fs::is_directory(legislation)) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(legislation);
  std::vector<LinkLabel> labels;
  for (const char* file : {"report-links-blind.tsv", "law-links-dev.tsv"}) {
    auto read = read_link_labels(testing::data_dir() / file);
    ASSERT_TRUE(read.ok()) << read.error().message;
    labels.insert(labels.end(), read.value().begin(), read.value().end());
  }
  std::vector<std::string> problems;
  auto reference = load_reference_data(corpus_dir(), problems);
  const auto examples = examples_by_genre({corpus_dir(), legislation}, labels, *reference, problems);
  EXPECT_TRUE(problems.empty()) << problems.front();
  ASSERT_EQ(examples.size(), 2u);
  std::map<std::string, LinkFigures> cv;
  for (const auto& [genre, genre_examples] : examples) {
    auto figures = cross_validate(genre_examples, operating_of(genre));
    ASSERT_TRUE(figures.ok()) << figures.error().message;
    cv[genre] = figures.value();
    std::cout << genre << ", hand-set rules: " << rule_figures(genre_examples).describe() << "\n"
              << genre << ", learned, leave one document out: " << figures.value().describe() << "\n";
    if (std::getenv("ATIP_LINKS_CURVE")) {
      for (double keep : {0.0, 0.5, 0.7, 0.8, 0.85, 0.9}) {
        std::cout << "  keeping " << keep << " of the training must-links (0: best F1): "
                  << cross_validate(genre_examples, Operating{keep}).value().describe() << "\n";
      }
    }
  }
  EXPECT_GE(cv["report"].recall(), 0.55) << "fewer report must-links found than on 2026-12-07";
  EXPECT_LE(cv["report"].outside_share(), 0.38) << "more report links outside must+may than on 2026-12-07";
  EXPECT_GE(cv["law"].recall(), 0.88) << "fewer law must-links found than on 2026-12-07";
  EXPECT_LE(cv["law"].outside_share(), 0.23) << "more law links outside must+may than on 2026-12-07";
}

// The shipped weights link by the evidence they weigh, and a passage that names an item links to it
// whatever the model says.
TEST_F(WorkPlanLinkerTest, TheShippedModelLinksReportsAndLawsAndKeepsExplicitReferences) {
  auto model = read_linker_model(corpus_dir() / "linker-model.xml");
  ASSERT_TRUE(model.ok()) << model.error().message;
  ASSERT_NE(model.value().for_type("report"), nullptr);
  ASSERT_NE(model.value().for_type("law"), nullptr);
  EXPECT_EQ(model.value().for_type("resolution"), nullptr) << "resolutions are linked by the rules";
  WorkPlanLinker learned = *linker_;
  learned.use_model(model.value());
  auto passages = corpus_passages("gs-report-2010-2012.pdf");
  std::vector<std::vector<text::Token>> tokens;
  for (const auto& p : passages) tokens.push_back(text::tokenize(p.text));
  const auto links = learned.link_document(passages, tokens, "report");
  // "strengthen cooperative ties ... with other international organizations": mandate 10.
  bool cooperation = false;
  for (size_t i = 0; i < passages.size(); ++i) {
    if (passages[i].text.find("strengthen cooperative ties") == std::string::npos) continue;
    for (const auto& l : links[i]) cooperation |= l.item == "mandate:10" && !l.basis.empty();
  }
  EXPECT_TRUE(cooperation);

  Passage named;
  named.text = "Pursuant to mandate 7 of the Work Plan, the General Secretariat compiled the replies received.";
  named.language = "en";
  LinkerModel never;  // a model that links nothing by itself
  never.genres.push_back(model.value().genres.front());
  never.genres.back().model.bias = -1000;
  never.genres.back().genre = "report";
  WorkPlanLinker strict = *linker_;
  strict.use_model(never);
  const auto only = strict.link_document({named}, {text::tokenize(named.text)}, "report");
  ASSERT_EQ(only.size(), 1u);
  ASSERT_EQ(only[0].size(), 1u);
  EXPECT_EQ(only[0][0].item, "mandate:7");
  EXPECT_EQ(only[0][0].method, "explicit");
}

TEST_F(WorkPlanLinkerTest, AModelFileTheLinkerCannotUseIsRefusedWithAReason) {
  const fs::path dir = fs::temp_directory_path() / ("atip-linker-model-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const std::string& xml) {
    std::ofstream(dir / "m.xml") << xml;
    return read_linker_model(dir / "m.xml");
  };
  auto model = read_linker_model(corpus_dir() / "linker-model.xml");
  ASSERT_TRUE(model.ok());
  auto again = write(linker_model_xml(model.value()));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again.value().genres.size(), model.value().genres.size());
  EXPECT_EQ(again.value().genres[0].model.weights.size(), kEvidenceFeatures.size());

  auto unknown = write(R"(<linker-model version="1" trained=""><genre name="law" threshold="0.5" bias="0">)"
                       R"(<weight feature="astrology">1</weight></genre></linker-model>)");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("astrology"), std::string::npos) << unknown.error().message;
  auto missing = write(R"(<linker-model version="1" trained=""><genre name="law" threshold="0.5" bias="0">)"
                       R"(<weight feature="explicit">1</weight></genre></linker-model>)");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("retrain"), std::string::npos) << missing.error().message;
  EXPECT_FALSE(write("<linker-model><genre name=\"law\" threshold=\"7\" bias=\"0\"/></linker-model>").ok());
  EXPECT_FALSE(write("not xml").ok());

  // A label that names no passage would label every passage of its document.
  std::ofstream(dir / "labels.tsv") << "gs-report-2010-2012\tmandate:1\tmust\t  \n";
  auto labels = read_link_labels(dir / "labels.tsv");
  ASSERT_FALSE(labels.ok());
  EXPECT_NE(labels.error().message.find("names no passage"), std::string::npos) << labels.error().message;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace atip
