// Who cites whom among the documents of one index: each document's citations resolved to the
// document they name, by symbol, then by title for documents that are cited by their name.
// Worked out by the writer at commit, so readers find it ready (schema::kMetaCitationsPrefix).
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "atip/records.h"

namespace atip {

// The graph of the documents db holds (uncommitted changes included), by document id.
std::map<std::string, records::Citations> citation_graph(const Xapian::Database& db);

// Writes the graph's entry of every document whose entry changed; drops those of removed documents.
void store_citation_graph(Xapian::WritableDatabase& db, const std::map<std::string, records::Citations>& graph);

}  // namespace atip
