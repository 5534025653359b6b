// The grammar of laws is data (corpus/legal-grammar.xml): every word the file lists is recognized,
// so a word added there needs no code. The file is read here as a person would write it.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <cctype>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "atip/legal.h"
#include "test_support.h"

namespace atip {
namespace {

std::vector<std::string> words_of(const char* text) {
  std::istringstream in(text);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

// Capitals of the letters the grammar's words use (ASCII and the accented vowels, ñ, ç).
std::string capitals(const std::string& word) {
  static const std::vector<std::pair<std::string, std::string>> accented = {
      {"á", "Á"}, {"é", "É"}, {"í", "Í"}, {"ó", "Ó"}, {"ú", "Ú"}, {"ñ", "Ñ"}, {"ç", "Ç"}, {"ã", "Ã"}, {"õ", "Õ"}};
  std::string out;
  for (size_t i = 0; i < word.size();) {
    bool done = false;
    for (const auto& [lower, upper] : accented) {
      if (word.compare(i, lower.size(), lower) == 0) {
        out += upper;
        i += lower.size();
        done = true;
        break;
      }
    }
    if (!done) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(word[i++]))));
  }
  return out;
}

class LegalGrammarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(doc_.load_file((testing::corpus_dir() / "legal-grammar.xml").c_str()));
    root_ = doc_.child("legal-grammar");
    ASSERT_TRUE(root_);
  }
  pugi::xml_document doc_;
  pugi::xml_node root_;
};

TEST_F(LegalGrammarTest, EveryArticleWordOpensALabel) {
  int words = 0;
  for (auto w : root_.child("article-words").children("word")) {
    const std::string word = w.text().as_string();
    EXPECT_EQ(article_label(word + " 12. The text of the article."), word + " 12") << word;
    EXPECT_EQ(article_label("The " + word + " 12 of the law"), "") << word << ": not at the start";
    ++words;
  }
  EXPECT_GE(words, 10);
}

TEST_F(LegalGrammarTest, OrdinalsNumberAnArticleInLowerCaseCapitalizedAndCapitals) {
  for (const auto& ordinal : words_of(root_.child("article-ordinals").text().as_string())) {
    EXPECT_EQ(article_label("Artículo " + ordinal + ".- El texto."), "Artículo " + ordinal) << ordinal;
    EXPECT_EQ(article_label("ARTÍCULO " + capitals(ordinal) + ".- El texto."), "ARTÍCULO " + capitals(ordinal))
        << ordinal;
  }
  for (const auto& inserted : words_of(root_.child("inserted-ordinals").text().as_string())) {
    EXPECT_EQ(article_label("Artículo 78 " + inserted + ". Se sancionará"), "Artículo 78 " + inserted) << inserted;
  }
}

TEST_F(LegalGrammarTest, EveryHeadingWordIsAStepAtItsLevel) {
  for (auto h : root_.child("headings").children("heading")) {
    for (const auto& word : words_of(h.text().as_string())) {
      const StructuralHeading s = structural_heading(capitals(word) + " II");
      EXPECT_EQ(s.kind, h.attribute("kind").as_string()) << word;
      EXPECT_EQ(s.level, h.attribute("level").as_int()) << word;
    }
  }
  EXPECT_EQ(structural_heading("Trafficking in persons").level, 0);
}

TEST_F(LegalGrammarTest, EveryTransitoryOpeningOpensTheTransitoryProvisionsAndNoOtherPairDoes) {
  int openings = 0;
  for (auto o : root_.child("transitory-openings").children("opening")) {
    const std::string words = o.text().as_string();
    EXPECT_EQ(structural_heading(capitals(words)).kind, "transitory") << words;
    ++openings;
  }
  EXPECT_GE(openings, 5);
  // Half of an opening is not one: "Transitional" says so only before "provisions".
  EXPECT_EQ(structural_heading("TRANSITIONAL ARRANGEMENTS").level, 0);
  EXPECT_EQ(structural_heading("Final provisions").kind, "");
}

TEST_F(LegalGrammarTest, KeyWordsAreLeftOutOfArticleKeys) {
  for (const auto& word : words_of(root_.child("key-words").text().as_string())) {
    EXPECT_EQ(article_key(word + " 149-A"), "149a") << word;
  }
}

}  // namespace
}  // namespace atip
