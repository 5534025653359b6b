// The Work Plan linker on a real report against the development set of links a careful reader
// finds (../shared/eval/links-dev.tsv): must-links found, few links a reader would reject.
#include "link/workplan_linker.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyze/passage_segmenter.h"
#include "analyze/thesaurus.h"
#include "atip/text.h"
#include "extract/extractor.h"
#include "link/workplan.h"
#include "test_support.h"

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

  std::vector<Passage> linked_passages(const std::string& pdf) {
    auto extracted = make_pdf_extractor()->extract(corpus_dir() / pdf);
    EXPECT_TRUE(extracted.ok()) << (extracted.ok() ? "" : extracted.error().message);
    if (!extracted.ok()) return {};
    auto passages = segment_passages(extracted->blocks);
    for (auto& p : passages) {
      p.language = "en";  // what the sidecar says
      p.links = linker_->link(p);
    }
    return passages;
  }

  WorkPlan plan_;
  std::optional<WorkPlanLinker> linker_;
};

TEST_F(WorkPlanLinkerTest, WorkPlanHasItsSixtyTwoItems) {
  EXPECT_EQ(plan_.items.size(), 62u);
  EXPECT_EQ(plan_.document, "workplan-2010-2014");
}

TEST_F(WorkPlanLinkerTest, GsReport2010MatchesTheDevelopmentSet) {
  const fs::path tsv = testing::shared_dir() / "eval" / "links-dev.tsv";
  if (!fs::exists(tsv)) GTEST_SKIP() << tsv << " is absent: skipped";
  const std::string doc = "gs-report-2010-2012";
  std::vector<DevLink> rows;
  for (auto& r : read_dev_links(tsv)) {
    if (r.doc == doc) rows.push_back(r);
  }
  ASSERT_FALSE(rows.empty());
  auto passages = linked_passages(doc + ".pdf");
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

TEST_F(WorkPlanLinkerTest, UnrelatedTextLinksToNothing) {
  Passage p;
  p.language = "en";
  p.text = "The meeting room was booked for Tuesday afternoon and coffee was served to the delegates.";
  EXPECT_TRUE(linker_->link(p).empty());
}

}  // namespace
}  // namespace atip
