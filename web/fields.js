// Generated from the field table (contract/src/fields.cpp): do not edit. tests/unit/contract/fields_test
// fails when it is stale and rewrites it when run with ATIP_UPDATE_WEB_FIELDS=1.
// The search filters and facets, in the order the page shows them.
window.ATIP_FIELDS = [
  { "name": "type", "vocabulary": ["resolution", "conclusions", "model-law", "law", "work-plan", "report", "activities", "treaty", "other"] },
  { "name": "jurisdiction", "vocabulary": [] },
  { "name": "country", "vocabulary": [] },
  { "name": "language", "vocabulary": ["en", "es", "pt", "fr"] },
  { "name": "year", "vocabulary": [] },
  { "name": "pillar", "vocabulary": ["prevention", "prosecution", "protection", "general-secretariat"] },
  { "name": "link", "vocabulary": [] },
  { "name": "org", "vocabulary": [] }
];
