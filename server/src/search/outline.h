// The table of contents of a document, built from the paths of its passages.
#pragma once

#include "atip/server/search_types.h"

namespace atip {

// Consecutive passages with the same step at a depth share a node; every passage is in the tree
// once, under the deepest step of its path.
Outline build_outline(const DocumentRecord& record);

}  // namespace atip
