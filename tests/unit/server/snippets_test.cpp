// Snippets mark what matched and nothing else: single words and stems anywhere, a phrase's words
// only where the whole phrase is, never a negated word; everything else is escaped text.
#include "search/snippets.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "atip/schema.h"
#include "atip/text.h"

namespace atip {
namespace {

std::string stem_term(const std::string& lang, const std::string& word) {
  return schema::term(schema::kStemPrefix, text::Stemmer(lang)(text::fold(word)));
}

Xapian::Query phrase_of(const std::vector<std::string>& terms) {
  std::vector<Xapian::Query> parts(terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), static_cast<unsigned>(parts.size() + 1));
}

int marks(const std::string& snippet) {
  int n = 0;
  for (size_t at = snippet.find("<mark>"); at != std::string::npos; at = snippet.find("<mark>", at + 1)) ++n;
  return n;
}

TEST(SnippetTest, PhraseWordsAreMarkedOnlyWhereTheWholePhraseIs) {
  // "albergues" and its translation "casa de acogida" (stems, the stopword left out).
  Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query(stem_term("es", "albergues")),
                  phrase_of({stem_term("es", "casa"), stem_term("es", "acogida")}));
  const std::string text = "En los casos urgentes, la víctima irá a una casa de acogida o a un albergue.";
  std::string s = make_snippet(text, "es", match_terms_of(q));
  EXPECT_NE(s.find("<mark>casa</mark> de <mark>acogida</mark>"), std::string::npos) << s;
  EXPECT_NE(s.find("<mark>albergue</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.find("<mark>casos</mark>"), std::string::npos) << "same stem as casa, but not the phrase: " << s;
  EXPECT_EQ(marks(s), 3) << s;
}

TEST(SnippetTest, APhraseThatIsNotThereMarksNothing) {
  Xapian::Query q = phrase_of({"trata", "personas"});
  std::string s = make_snippet("Las personas desaparecidas y la trata.", "es", match_terms_of(q));
  EXPECT_EQ(marks(s), 0) << s;
}

TEST(SnippetTest, NegatedWordsAreNeverMarked) {
  Xapian::Query q(Xapian::Query::OP_AND_NOT, Xapian::Query("police"), Xapian::Query("corruption"));
  std::string s = make_snippet("Police training against corruption.", "en", match_terms_of(q));
  EXPECT_NE(s.find("<mark>Police</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.find("<mark>corruption</mark>"), std::string::npos) << s;
}

TEST(SnippetTest, FilterTermsAreNotWords) {
  Xapian::Query q(Xapian::Query::OP_FILTER, Xapian::Query("report"),
                  Xapian::Query(schema::term(schema::kTypePrefix, "report")));
  std::string s = make_snippet("The report of the Secretariat.", "en", match_terms_of(q));
  EXPECT_EQ(marks(s), 1) << s;
}

TEST(SnippetTest, TextIsEscapedAndMarkIsTheOnlyMarkup) {
  Xapian::Query q("victims");
  std::string s = make_snippet("<script>alert('x')</script> & victims \"here\"", "en", match_terms_of(q));
  EXPECT_EQ(s.find("<script>"), std::string::npos) << s;
  EXPECT_NE(s.find("&lt;script&gt;"), std::string::npos) << s;
  EXPECT_NE(s.find("&amp;"), std::string::npos) << s;
  EXPECT_NE(s.find("<mark>victims</mark>"), std::string::npos) << s;
  std::string stripped = s;
  for (const std::string tag : {"<mark>", "</mark>"}) {
    for (size_t at; (at = stripped.find(tag)) != std::string::npos;) stripped.erase(at, tag.size());
  }
  EXPECT_EQ(stripped.find('<'), std::string::npos) << s;
}

TEST(SnippetTest, LongPassageShowsTheWindowWithTheMostMatches) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Filler words about other matters. ";
  text += "Shelters for victims of trafficking in persons. ";
  for (int i = 0; i < 40; ++i) text += "More filler words here. ";
  Xapian::Query q(Xapian::Query::OP_AND, Xapian::Query("shelters"), Xapian::Query("victims"));
  std::string s = make_snippet(text, "en", match_terms_of(q), 120);
  EXPECT_NE(s.find("<mark>Shelters</mark> for <mark>victims</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("… ", 0), 0u) << "starts inside the text: " << s;
  EXPECT_LT(s.size(), 220u);
}

}  // namespace
}  // namespace atip
