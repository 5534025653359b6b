// OAS and UN document symbols: every written variant of one document's symbol is one key,
// so `symbol:` finds a document however its symbol was typed, and citations resolve.
#include "atip/symbols.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace atip {
namespace {

struct SameKeyCase {
  std::string name;
  std::vector<std::string> variants;  // all the same document
  std::string key;                    // the documented key (atip/symbols.h), empty: not checked
};

void PrintTo(const SameKeyCase& c, std::ostream* os) { *os << c.name; }

class NormalizeSymbolTest : public ::testing::TestWithParam<SameKeyCase> {};

TEST_P(NormalizeSymbolTest, VariantsOfOneSymbolShareOneKey) {
  const auto& c = GetParam();
  const std::string first = normalize_symbol(c.variants.front());
  EXPECT_FALSE(first.empty()) << c.variants.front();
  for (const auto& v : c.variants) EXPECT_EQ(normalize_symbol(v), first) << "variant: " << v;
  if (!c.key.empty()) {
    EXPECT_EQ(first, c.key);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, NormalizeSymbolTest,
    ::testing::Values(
        SameKeyCase{"GeneralAssemblyResolution",
                    {"AG/RES. 2551 (XL-O/10)", "AG/RES.2551(XL-O/10)", "ag/res. 2551 (xl-o/10)",
                     "AG/RES.  2551  (XL-O/10)", " AG/RES. 2551 (XL-O/10) "},
                    "ag/res.2551(xl-o/10)"},
        SameKeyCase{"MeetingDocumentWithAndWithoutSeriesPrefix",
                    {"OEA/Ser.K/XXXIX.3 RTP-III/doc.7/12", "RTP-III/doc.7/12", "RTP-III/doc. 7/12",
                     "rtp-iii/DOC.7/12", "OAS/Ser.K/XXXIX.3 RTP-III/doc.7/12"},
                    "rtp-iii/doc.7/12"},
        SameKeyCase{"RevisedMeetingDocument",
                    {"RTP-II/doc.5/09 rev. 9", "RTP-II/doc.5/09 rev.9", "rtp-ii/doc.5/09 REV. 9",
                     "OEA/Ser.K/XXXIX.2 RTP-II/doc.5/09 rev. 9"},
                    ""},
        SameKeyCase{"CommitteeSlashOrDash",
                    {"CP/CSH/1155/09 rev. 11", "CP/CSH-1155/09 rev. 11", "cp/csh-1155/09 REV.11",
                     "CP/CSH/1155/09 rev.11", "OEA/Ser.G CP/CSH-1155/09 rev. 11"},
                    ""},
        SameKeyCase{"UnitedNationsResolution", {"A/RES/55/25", "a/res/55/25", "A/RES/55/25 "}, ""}),
    [](const auto& info) { return info.param.name; });

TEST(NormalizeSymbolTest, DifferentDocumentsKeepDifferentKeys) {
  EXPECT_NE(normalize_symbol("RTP-II/doc.5/09 rev. 9"), normalize_symbol("RTP-II/doc.5/09"));
  EXPECT_NE(normalize_symbol("RTP-II/doc.5/09 rev. 9"), normalize_symbol("RTP-II/doc.5/09 rev. 8"));
  EXPECT_NE(normalize_symbol("RTP-III/doc.7/12"), normalize_symbol("RTP-II/doc.7/12"));
  EXPECT_NE(normalize_symbol("CP/CSH-1155/09 rev. 11"), normalize_symbol("CP/CSH-1155/09 rev. 1"));
  EXPECT_NE(normalize_symbol("AG/RES. 2551 (XL-O/10)"), normalize_symbol("AG/RES. 2552 (XL-O/10)"));
  EXPECT_NE(normalize_symbol("A/RES/55/25"), normalize_symbol("A/RES/55/255"));
}

TEST(NormalizeSymbolTest, NotASymbol) {
  EXPECT_EQ(normalize_symbol(""), "");
  EXPECT_EQ(normalize_symbol("Work Plan"), "");
  EXPECT_EQ(normalize_symbol("Article 5 of the law"), "");
  EXPECT_EQ(normalize_symbol("OEA/Ser.K/XXXIX.3 209GXIX.3"), "") << "a series prefix alone";
}

TEST(NormalizeSymbolTest, AKeyIsItsOwnKey) {
  for (const char* written : {"CP/CSH -1155/09 rev. 11", "OEA/Ser.K/XXXIX.3 RTP-III/doc.7/12", "x/a -1",
                              "OEA/Ser.K/XXXIX.3I 209GXIX.3 /1", "AG/RES. 2551 (XL-O/10)"}) {
    const std::string key = normalize_symbol(written);
    EXPECT_FALSE(key.empty()) << written;
    EXPECT_EQ(normalize_symbol(key), key) << written;
  }
}

std::vector<std::string> written(const std::vector<FoundSymbol>& found) {
  std::vector<std::string> out;
  for (const auto& f : found) out.push_back(f.written);
  return out;
}

TEST(FindSymbolsTest, FindsEverySymbolOfASentenceAsWritten) {
  const std::string text =
      "Pursuant to resolution AG/RES. 2551 (XL-O/10), the Work Plan (CP/CSH/1155/09 rev. 11) was "
      "reviewed at the meeting (OEA/Ser.K/XXXIX.3 RTP-III/doc.7/12), following RTP-II/doc.5/09 rev. 9 "
      "and the Palermo Protocol annexed to A/RES/55/25.";
  auto found = find_symbols(text);
  EXPECT_EQ(written(found),
            (std::vector<std::string>{"AG/RES. 2551 (XL-O/10)", "CP/CSH/1155/09 rev. 11",
                                      "OEA/Ser.K/XXXIX.3 RTP-III/doc.7/12", "RTP-II/doc.5/09 rev. 9",
                                      "A/RES/55/25"}));
  for (const auto& f : found) {
    EXPECT_EQ(text.substr(f.begin, f.written.size()), f.written);
    EXPECT_EQ(f.key, normalize_symbol(f.written));
  }
  ASSERT_GE(found.size(), 3u);
  EXPECT_EQ(found[1].key, normalize_symbol("CP/CSH-1155/09 rev. 11"));
  EXPECT_EQ(found[2].key, normalize_symbol("RTP-III/doc.7/12"));
}

TEST(FindSymbolsTest, DashedCommitteeSymbolInARunningHeader) {
  auto found = find_symbols("OEA/Ser.G CP/CSH-9902/12");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].key, normalize_symbol("CP/CSH/9902/12"));
}

TEST(FindSymbolsTest, OrdinarySlashesAreNotCitations) {
  EXPECT_TRUE(find_symbols("victims and/or witnesses met on 12/05/2007 in 2010/2011").empty());
  EXPECT_TRUE(find_symbols("no symbol here").empty());
  EXPECT_TRUE(find_symbols("").empty());
}

// "Conclusion No. 3 of the Third Meeting of National Authorities" cites the conclusions of RTP-III,
// in each language, as written; the conclusions document is known by the same key.
TEST(FindConclusionReferencesTest, AConclusionOfAMeetingInFourLanguages) {
  struct Case {
    std::string text, written, key;
  };
  for (const Case& c : std::vector<Case>{
           {"and pursuant to Conclusion No. 3 of the Third Meeting of National Authorities on Trafficking in "
            "Persons, which recognized",
            "Conclusion No. 3 of the Third Meeting of National Authorities", "rtp-iii/conclusions"},
           {"conforme a la Conclusión N° 5 de la Segunda Reunión de Autoridades Nacionales en Materia de Trata",
            "Conclusión N° 5 de la Segunda Reunión de Autoridades Nacionales", "rtp-ii/conclusions"},
           {"nos termos da Conclusão nº 2 da Quarta Reunião de Autoridades Nacionais em Matéria de Tráfico",
            "Conclusão nº 2 da Quarta Reunião de Autoridades Nacionais", "rtp-iv/conclusions"},
           {"selon la conclusion n° 7 de la Troisième Réunion des autorités nationales en matière de traite",
            "conclusion n° 7 de la Troisième Réunion des autorités nationales", "rtp-iii/conclusions"},
           {"the Conclusions and Recommendations of the First Meeting of National Authorities",
            "Conclusions and Recommendations of the First Meeting of National Authorities", "rtp-i/conclusions"}}) {
    auto found = find_conclusion_references(c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0].written, c.written);
    EXPECT_EQ(found[0].key, c.key);
    EXPECT_EQ(c.text.substr(found[0].begin, found[0].written.size()), c.written);
  }
  EXPECT_EQ(conclusions_key(normalize_symbol("OEA/Ser.K/XXXIX.3 RTP-III/doc.7/12")), "rtp-iii/conclusions");
  EXPECT_EQ(conclusions_key(normalize_symbol("AG/RES. 2551 (XL-O/10)")), "");
}

TEST(FindConclusionReferencesTest, OtherConclusionsAreNotCitations) {
  EXPECT_TRUE(find_conclusion_references("In conclusion, the meeting of experts agreed.").empty());
  EXPECT_TRUE(find_conclusion_references("the conclusions of the Third Meeting of Ministers of Justice").empty());
  EXPECT_TRUE(find_conclusion_references("").empty());
}

}  // namespace
}  // namespace atip
