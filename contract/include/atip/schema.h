// The index schema: every term prefix, value slot and metadata key. Nothing else spells them.
#pragma once

#include <string>
#include <string_view>

namespace atip::schema {

// Free-text terms.
inline constexpr std::string_view kWordPrefix = "";        // folded, unstemmed, positional
inline constexpr std::string_view kStemPrefix = "Z";       // folded, stemmed in the passage's language
inline constexpr std::string_view kAccentedPrefix = "U";   // case-folded with accents kept (exact-form boost)
inline constexpr std::string_view kTitlePrefix = "S";      // folded words of the document title (title:)
inline constexpr std::string_view kSuggestPrefix = "W";    // W<folded word>|<surface word> for completions
inline constexpr char kSuggestSeparator = '|';             // between the folded and the surface word

// Boolean filter terms.
inline constexpr std::string_view kPassageIdPrefix = "Q";  // Q<doc id>#<n>: unique per passage
inline constexpr std::string_view kDocumentPrefix = "I";   // I<doc id>: every passage of a document
inline constexpr std::string_view kTypePrefix = "T";
inline constexpr std::string_view kJurisdictionPrefix = "J";
inline constexpr std::string_view kCountryPrefix = "C";
inline constexpr std::string_view kLanguagePrefix = "L";
inline constexpr std::string_view kLinkPrefix = "K";       // K<item id>, e.g. Kmandate:7
inline constexpr std::string_view kPillarPrefix = "P";     // P<pillar> of an item the passage is linked to
inline constexpr std::string_view kYearPrefix = "D";       // D2013
inline constexpr std::string_view kOrgPrefix = "O";
inline constexpr std::string_view kSymbolPrefix = "Y";     // Y<normalized symbol key>
// Document-level terms, carried by each document's first passage only: counting their
// postings counts documents, on one index or across shards.
inline constexpr std::string_view kFirstPassageMarker = "XF";
inline constexpr std::string_view kDocumentLinkPrefix = "XK";  // XK<item id>: the document links to it
// Earlier versions of an archived document stay searchable on request (versions=all): their
// passages carry XV<doc id> instead of I<doc id>, Q<doc id>@v<N>#<n> as their id, and the marker
// that default searches leave out. They carry no document-level terms.
inline constexpr std::string_view kSupersededPrefix = "XV";
inline constexpr std::string_view kSupersededMarker = "XO";
// XR<band key>: on a document's first passage, a band of its text's fingerprint (renderings.h);
// documents that share one are compared as possible renderings of one text.
inline constexpr std::string_view kRenderingBandPrefix = "XR";
// XA<article key>: the passage belongs to that article (article_key in the indexer: "149a", "1589").
inline constexpr std::string_view kArticlePrefix = "XA";

// Value slots.
enum Slot : unsigned {
  kSlotDocId = 0,        // collapse key
  kSlotDate = 1,         // YYYYMMDD, sortable
  kSlotType = 2,
  kSlotJurisdiction = 3,
  kSlotLanguage = 4,     // the passage's language
  kSlotCountries = 5,    // multi-valued, joined by kListSeparator
  kSlotLinks = 6,        // multi-valued
  kSlotYears = 7,        // multi-valued
  kSlotOrgs = 8,         // multi-valued
  kSlotPassageNo = 9,
  // The document's rendering group: its own id, or the least id of the near-duplicate documents
  // (one law as a PDF and in a mobile layout) it is one of. Results collapse on it.
  kSlotRendering = 10,
  kSlotPillars = 11,     // multi-valued: the pillars of the items the passage is linked to
};
inline constexpr char kListSeparator = '\x1f';

// Metadata keys.
inline constexpr std::string_view kMetaDocumentPrefix = "doc:";  // doc:<id> -> document JSON
inline constexpr std::string_view kMetaRevision = "revision";    // increments on every commit
inline constexpr std::string_view kMetaWorkPlan = "workplan";    // the work plan items as JSON
inline constexpr std::string_view kMetaLinkStats = "linkstats";  // item -> documents, passages
inline constexpr std::string_view kMetaDocumentIds = "documents"; // newline-separated ids
inline constexpr std::string_view kMetaIndexedPrefix = "indexed:";  // indexed:<id> -> UTC time its record last changed
// archive:<id> -> ArchiveMarker text (atip/document_indexer.h): the document was written through
// the archive (the API), not from the corpus folder; a folder run leaves it alone.
inline constexpr std::string_view kMetaArchivePrefix = "archive:";
inline constexpr std::string_view kMetaReference = "reference";  // the reference folder of the last folder run
// fingerprint:<id> -> "<language>|<hex MinHash>" of the document's text (renderings.h).
inline constexpr std::string_view kMetaFingerprintPrefix = "fingerprint:";
// rendering:<id> -> the group key, for a document with other renderings; absent otherwise.
inline constexpr std::string_view kMetaRenderingPrefix = "rendering:";
// sig:<id> -> the content hash of the file the document was indexed from (unchanged files are skipped).
inline constexpr std::string_view kMetaSignaturePrefix = "sig:";
// review:<doc id>#<n>|<item> -> confirmed|rejected: a person's verdict on a link; kept across re-indexing.
inline constexpr std::string_view kMetaReviewPrefix = "review:";
// cites:<id> -> the document's citations resolved to documents, and who cites it (records::Citations),
// worked out at every commit.
inline constexpr std::string_view kMetaCitationsPrefix = "cites:";

inline std::string term(std::string_view prefix, std::string_view value) {
  std::string t;
  t.reserve(prefix.size() + value.size());
  t.append(prefix);
  t.append(value);
  return t;
}

inline std::string passage_id_term(std::string_view doc_id, int n) {
  return term(kPassageIdPrefix, std::string(doc_id) + "#" + std::to_string(n));
}

inline std::string review_key(std::string_view doc_id, int n, std::string_view item) {
  return std::string(kMetaReviewPrefix) + std::string(doc_id) + "#" + std::to_string(n) + "|" + std::string(item);
}

inline std::string superseded_passage_id_term(std::string_view doc_id, int version, int n) {
  return term(kPassageIdPrefix, std::string(doc_id) + "@v" + std::to_string(version) + "#" + std::to_string(n));
}

}  // namespace atip::schema
