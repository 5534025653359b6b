// A law's table of contents from its passages' paths: every passage once, under its deepest step.
#include "search/outline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <vector>

namespace atip {
namespace {

PassageInfo passage(int n, int page, std::vector<PathStep> path) {
  PassageInfo p;
  p.n = n;
  p.page = page;
  p.path = std::move(path);
  return p;
}

TEST(OutlineTest, HeadingsAndArticlesFormATreeWithEveryPassageOnce) {
  const PathStep title{"title", "TÍTULO PRIMERO", "Disposiciones Generales"};
  const PathStep ch1{"chapter", "CAPÍTULO I", "De la Competencia"};
  const PathStep ch2{"chapter", "CAPÍTULO II", "De los Delitos"};
  const PathStep art1{"article", "Artículo 1o", ""};
  const PathStep art2{"article", "Artículo 2o", "Objeto"};
  const PathStep art10{"article", "Artículo 10", ""};
  const PathStep transitorios{"transitory", "TRANSITORIOS", ""};
  DocumentRecord r;
  r.summary.id = "mx-ley";
  r.passages = {passage(1, 1, {}),  // the decree's opening words
                passage(2, 1, {title, ch1, art1}),
                passage(3, 2, {title, ch1, art1}),  // the article continues
                passage(4, 2, {title, ch1, art2}),
                passage(5, 2, {title, ch1}),        // a footnote under the chapter
                passage(6, 3, {title, ch2, art10}),
                passage(7, 9, {transitorios})};
  const Outline o = build_outline(r);
  EXPECT_EQ(o.document.id, "mx-ley");
  EXPECT_EQ(o.passages, std::vector<int>{1});
  EXPECT_EQ(o.articles, 3);
  ASSERT_EQ(o.children.size(), 2u);
  const OutlineNode& t = o.children[0];
  EXPECT_EQ(t.step, title);
  EXPECT_EQ(t.passage, 2);
  ASSERT_EQ(t.children.size(), 2u);
  EXPECT_EQ(t.children[0].step, ch1);
  EXPECT_EQ(t.children[0].passages, std::vector<int>{5});
  ASSERT_EQ(t.children[0].children.size(), 2u);
  EXPECT_EQ(t.children[0].children[0].step, art1);
  EXPECT_EQ(t.children[0].children[0].passages, (std::vector<int>{2, 3}));
  EXPECT_EQ(t.children[0].children[1].passages, std::vector<int>{4});
  EXPECT_EQ(t.children[1].step, ch2);
  EXPECT_EQ(t.children[1].page, 3);
  EXPECT_EQ(o.children[1].step, transitorios);
  EXPECT_EQ(o.children[1].passages, std::vector<int>{7});

  std::vector<int> all = o.passages;
  std::function<void(const std::vector<OutlineNode>&)> collect = [&](const std::vector<OutlineNode>& nodes) {
    for (const auto& n : nodes) {
      all.insert(all.end(), n.passages.begin(), n.passages.end());
      collect(n.children);
    }
  };
  collect(o.children);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
}

TEST(OutlineTest, TheSameHeadingAgainLaterIsANewNode) {
  // Título Segundo of the Mexican law has two chapters numbered II.
  const PathStep ch2{"chapter", "CAPÍTULO II", ""};
  const PathStep ch3{"chapter", "CAPÍTULO III", ""};
  DocumentRecord r;
  r.passages = {passage(1, 1, {ch2}), passage(2, 2, {ch3}), passage(3, 3, {ch2})};
  const Outline o = build_outline(r);
  ASSERT_EQ(o.children.size(), 3u);
  EXPECT_EQ(o.children[2].passage, 3);
}

TEST(OutlineTest, ADocumentWithoutHeadingsIsAFlatList) {
  DocumentRecord r;
  r.passages = {passage(1, 1, {}), passage(2, 1, {})};
  const Outline o = build_outline(r);
  EXPECT_TRUE(o.children.empty());
  EXPECT_EQ(o.passages, (std::vector<int>{1, 2}));
  EXPECT_EQ(o.articles, 0);
}

}  // namespace
}  // namespace atip
