// Folding, tokens, stems and stopwords: what makes "víctimas" find "Victimas" and
// "l'exploitation" find "exploitation", identically at index and query time.
#include "atip/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace atip::text {
namespace {

struct FoldCase {
  std::string input;
  std::string folded;
};

void PrintTo(const FoldCase& c, std::ostream* os) { *os << "\"" << c.input << "\""; }

class FoldTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldTest, FoldsCaseAccentsAndCompatibilityForms) {
  EXPECT_EQ(fold(GetParam().input), GetParam().folded) << "input: " << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FoldTest,
    ::testing::Values(FoldCase{"Víctimas", "victimas"},
                      FoldCase{"Straße", "strasse"},
                      FoldCase{"\xEF\xAC\x81nanciación", "financiacion"},  // ﬁ ligature
                      FoldCase{"ÁFRICA", "africa"},
                      FoldCase{"São Paulo", "sao paulo"},
                      FoldCase{"Haïtienne", "haitienne"},
                      FoldCase{"ŒUVRE", "oeuvre"},
                      FoldCase{"Ñandutí", "nanduti"},
                      FoldCase{"Ｔｒａｔａ１２", "trata12"},  // full-width forms
                      FoldCase{"Protección", "proteccion"},
                      FoldCase{"trafficking", "trafficking"},
                      FoldCase{"", ""}));

TEST(LowerTest, KeepsAccents) {
  EXPECT_EQ(lower("Víctimas"), "víctimas");
  EXPECT_EQ(lower("ÁFRICA"), "áfrica");
  EXPECT_EQ(lower("TRAFFICKING"), "trafficking");
}

std::vector<std::string> folded_words(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(s)) out.push_back(t.folded);
  return out;
}

struct TokenCase {
  std::string input;
  std::vector<std::string> folded;
};

void PrintTo(const TokenCase& c, std::ostream* os) { *os << "\"" << c.input << "\""; }

class TokenizeTest : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenizeTest, SplitsIntoFoldedWords) {
  EXPECT_EQ(folded_words(GetParam().input), GetParam().folded) << "input: " << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TokenizeTest,
    ::testing::Values(
        TokenCase{"l'exploitation des femmes", {"l", "exploitation", "des", "femmes"}},
        TokenCase{"l\xE2\x80\x99" "exploitation", {"l", "exploitation"}},  // typographic apostrophe
        TokenCase{"d'une victime", {"d", "une", "victime"}},
        TokenCase{"Las Víctimas, ÁFRICA.", {"las", "victimas", "africa"}},
        TokenCase{"Art. 149-A.", {"art", "149", "a"}},
        TokenCase{"traf\xC2\xAD" "ficking in persons", {"trafficking", "in", "persons"}},  // soft hyphen
        TokenCase{"  \t\n", {}},
        TokenCase{"", {}}));

TEST(TokenizeTest, ByteOffsetsPointAtTheWordsInTheOriginalText) {
  const std::string text = "Las víctimas de ÁFRICA: l'exploitation.";
  auto tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 6u);
  const std::vector<std::string> surface = {"Las", "víctimas", "de", "ÁFRICA", "l", "exploitation"};
  for (size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin), surface[i]) << "token " << i;
  }
  EXPECT_EQ(tokens[1].begin, 4u);
  EXPECT_EQ(tokens[1].end, 4u + std::string("víctimas").size());  // bytes, not code points
  EXPECT_EQ(tokens[1].lowered, "víctimas");
  EXPECT_EQ(tokens[1].folded, "victimas");
  EXPECT_EQ(tokens[3].lowered, "áfrica");
}

TEST(TokenizeTest, SoftHyphenedWordSpansItsBytesAndDropsTheHyphen) {
  const std::string text = "la traf\xC2\xAD" "ficking zone";
  auto tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].folded, "trafficking");
  EXPECT_EQ(tokens[1].lowered, "trafficking");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "traf\xC2\xAD" "ficking");
}

struct StemCase {
  std::string lang;
  std::string a;
  std::string b;
};

void PrintTo(const StemCase& c, std::ostream* os) { *os << c.lang << ": " << c.a << " / " << c.b; }

class SameStemTest : public ::testing::TestWithParam<StemCase> {};

TEST_P(SameStemTest, VariantsOfAWordShareAStem) {
  const auto& c = GetParam();
  Stemmer stem(c.lang);
  EXPECT_EQ(stem(fold(c.a)), stem(fold(c.b))) << c.lang << ": " << c.a << " / " << c.b << " (folded: " << fold(c.a)
                                              << " / " << fold(c.b) << ")";
  EXPECT_FALSE(stem(fold(c.a)).empty());
}

INSTANTIATE_TEST_SUITE_P(Table, SameStemTest,
                         ::testing::Values(StemCase{"es", "víctimas", "victimas"},
                                           StemCase{"es", "víctimas", "víctima"},
                                           StemCase{"es", "policías", "policia"},
                                           StemCase{"es", "explotación", "explotaciones"},
                                           StemCase{"es", "organización", "organizaciones"},
                                           StemCase{"pt", "exploração", "explorações"},
                                           StemCase{"en", "trafficking", "trafficked"},
                                           StemCase{"en", "victims", "victim"},
                                           StemCase{"pt", "vítimas", "vítima"},
                                           StemCase{"pt", "exploração", "exploracao"},
                                           StemCase{"fr", "victimes", "victime"},
                                           StemCase{"fr", "exploitations", "exploitation"},
                                           // clitic pronouns attached to Spanish verbs
                                           StemCase{"es", "protegerlas", "proteger"},
                                           StemCase{"es", "explotándolas", "explotando"},
                                           StemCase{"es", "desaparecida", "desaparecidos"},
                                           // Portuguese enclisis: the verb before the hyphen
                                           StemCase{"pt", "protegê", "proteger"}));

TEST(StemmerTest, EachLanguageHasItsOwnStemmer) {
  EXPECT_EQ(Stemmer("es").language(), "es");
  // The Spanish stemmer removes Spanish plural endings; the English one leaves "-es" words of
  // Spanish alone in a different way: the two are not the same algorithm.
  EXPECT_NE(Stemmer("es")("explotaciones"), Stemmer("en")("explotaciones"));
  EXPECT_EQ(Stemmer("en")("trafficking"), "traffick");
}

TEST(StemmerTest, UnknownLanguageLeavesWordsAlone) {
  Stemmer none("xx");
  EXPECT_EQ(none("victimas"), "victimas");
  Stemmer moved = std::move(none);
  EXPECT_EQ(moved("trafficking"), "trafficking");
}

struct StopCase {
  std::string word;
  std::string lang;
  bool stop;
};

void PrintTo(const StopCase& c, std::ostream* os) { *os << c.lang << ": " << c.word; }

class StopwordTest : public ::testing::TestWithParam<StopCase> {};

TEST_P(StopwordTest, PerLanguage) {
  const auto& c = GetParam();
  EXPECT_EQ(is_stopword(fold(c.word), c.lang), c.stop) << c.lang << ": " << c.word;
}

INSTANTIATE_TEST_SUITE_P(Table, StopwordTest,
                         ::testing::Values(StopCase{"the", "en", true},
                                           StopCase{"of", "en", true},
                                           StopCase{"trafficking", "en", false},
                                           StopCase{"de", "es", true},
                                           StopCase{"también", "es", true},  // folded: tambien
                                           StopCase{"trata", "es", false},
                                           StopCase{"the", "es", false},
                                           StopCase{"não", "pt", true},
                                           StopCase{"vítimas", "pt", false},
                                           StopCase{"les", "fr", true},
                                           StopCase{"été", "fr", true},
                                           StopCase{"victimes", "fr", false},
                                           StopCase{"las", "pt", true},   // protegê-las
                                           StopCase{"lhes", "pt", true},  // assegurar-lhes
                                           StopCase{"jusqu", "fr", true},  // jusqu'à
                                           StopCase{"lorsqu", "fr", true},
                                           StopCase{"the", "xx", false}));

TEST(StopwordTest, AnyLanguage) {
  EXPECT_TRUE(is_stopword_any("des"));  // French
  EXPECT_TRUE(is_stopword_any("the"));
  EXPECT_FALSE(is_stopword_any("victimas"));
}

TEST(LanguagesTest, TheFourArchiveLanguages) {
  EXPECT_EQ(languages(), (std::vector<std::string>{"en", "es", "pt", "fr"}));
  EXPECT_TRUE(is_supported_language("pt"));
  EXPECT_FALSE(is_supported_language("de"));
  EXPECT_FALSE(is_supported_language(""));
}

TEST(Utf8Test, SanitizeDropsInvalidBytesAndControlsButKeepsTabsAndNewlines) {
  const std::string dirty = std::string("ok\0x", 4) + "\xFF\xFE" + "\tv\xC3\xAD" "ctima\n\x07";
  EXPECT_FALSE(is_valid_utf8(dirty));
  std::string clean = sanitize_utf8(dirty);
  EXPECT_EQ(clean, "okx\tvíctima\n");
  EXPECT_TRUE(is_valid_utf8(clean));
}

}  // namespace
}  // namespace atip::text
