#include "search/outline.h"

#include "atip/legal.h"

namespace atip {

Outline build_outline(const DocumentRecord& record) {
  Outline outline;
  outline.document = record.summary;
  for (const PassageInfo& p : record.passages) {
    std::vector<OutlineNode>* level = &outline.children;
    std::vector<int>* own = &outline.passages;
    for (const PathStep& step : p.path) {
      if (level->empty() || level->back().step != step) {
        OutlineNode node;
        node.step = step;
        node.passage = p.n;
        node.page = p.page;
        if (step.kind == kArticleStep) ++outline.articles;
        level->push_back(std::move(node));
      }
      own = &level->back().passages;
      level = &level->back().children;
    }
    own->push_back(p.n);
  }
  return outline;
}

}  // namespace atip
