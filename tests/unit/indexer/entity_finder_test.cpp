// Countries (names, demonyms, capitals in en/es/pt/fr -> ISO code) and organizations (names and
// acronyms in any language -> one id), with the reference lists the archive ships in corpus/.
#include "analyze/entity_finder.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "test_support.h"

namespace atip {
namespace {

using Codes = std::vector<std::string>;

class EntityFinderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = EntityFinder::load(testing::corpus_dir() / "countries.xml",
                                     testing::corpus_dir() / "organizations.xml");
    if (loaded) finder_ = std::move(loaded.value());
    else load_error_ = loaded.error().message;
  }
  static void TearDownTestSuite() { finder_.reset(); }
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(testing::corpus_dir() / "countries.xml"));
    ASSERT_TRUE(std::filesystem::exists(testing::corpus_dir() / "organizations.xml"));
    ASSERT_TRUE(finder_.has_value()) << load_error_;
  }
  static const EntityFinder& finder() { return *finder_; }

 private:
  static inline std::optional<EntityFinder> finder_;
  static inline std::string load_error_;
};

TEST_F(EntityFinderTest, LoadsTheReferenceLists) {
  EXPECT_GE(finder().country_count(), 35u) << "at least the 35 OAS member states";
  EXPECT_GE(finder().organization_count(), 10u);
}

struct CountryCase {
  std::string text;
  Codes codes;  // exactly these, sorted
};

void PrintTo(const CountryCase& c, std::ostream* os) { *os << "\"" << c.text << "\""; }

class CountryTest : public EntityFinderTest, public ::testing::WithParamInterface<CountryCase> {};

TEST_P(CountryTest, Table) {
  EXPECT_EQ(finder().countries(GetParam().text), GetParam().codes) << "text: " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Names, CountryTest,
    ::testing::Values(
        // English
        CountryCase{"The seminar took place in Brazil and Mexico.", {"BR", "MX"}},
        CountryCase{"Officials of the Dominican Republic and of Trinidad and Tobago attended.", {"DO", "TT"}},
        CountryCase{"A workshop was held in Saint Kitts and Nevis.", {"KN"}},
        CountryCase{"the United States of America", {"US"}},
        // Spanish
        CountryCase{"Representantes de Brasil, México y Perú.", {"BR", "MX", "PE"}},
        CountryCase{"la República Dominicana y Haití", {"DO", "HT"}},
        CountryCase{"el Departamento de Estado de los Estados Unidos", {"US"}},
        // Portuguese
        CountryCase{"Os governos do Brasil e do Paraguai assinaram o acordo.", {"BR", "PY"}},
        CountryCase{"cooperação com os Estados Unidos e o Haiti", {"HT", "US"}},
        // French
        CountryCase{"Le Brésil, le Mexique et le Pérou ont signé.", {"BR", "MX", "PE"}},
        CountryCase{"Les États-Unis et Haïti", {"HT", "US"}}));

INSTANTIATE_TEST_SUITE_P(
    DemonymsAndCapitals, CountryTest,
    ::testing::Values(CountryCase{"una víctima brasileña", {"BR"}},
                      CountryCase{"les Haïtiens victimes de la traite", {"HT"}},
                      CountryCase{"une femme haïtienne", {"HT"}},
                      CountryCase{"trabajadores guatemaltecos", {"GT"}},
                      CountryCase{"Canadian officials", {"CA"}},
                      CountryCase{"La reunión se celebró en Asunción.", {"PY"}},
                      CountryCase{"at the Embassy of Sweden in Washington, D.C.", {"SE", "US"}},
                      CountryCase{"a meeting in Washington, D.C.", {"US"}},
                      CountryCase{"en Bogotá, Colombia", {"CO"}},
                      CountryCase{"à Port-au-Prince", {"HT"}},
                      CountryCase{"em Brasília", {"BR"}}));

INSTANTIATE_TEST_SUITE_P(
    NotCountries, CountryTest,
    ::testing::Values(CountryCase{"The victims were recruited by an organized criminal network.", {}},
                      CountryCase{"Seminario en La Paz sobre la paz social", {}},  // La Paz is left out on purpose
                      CountryCase{"A conference in New Mexico", {"US"}},          // not Mexico
                      CountryCase{"The American continent", {}},
                      CountryCase{"", {}}));

TEST_F(EntityFinderTest, AcronymsOfTheUnitedStatesOnlyInCapitals) {
  EXPECT_EQ(finder().countries("victims found in the USA"), Codes{"US"});
  EXPECT_EQ(finder().countries("Nadie usa ese método."), Codes{});  // Spanish "usa" = uses
  EXPECT_EQ(finder().countries("Let us begin."), Codes{});
}

// Every form of one organization gives one id, whatever the language.
struct OrgCase {
  std::string name;
  std::vector<std::string> forms;
};

void PrintTo(const OrgCase& c, std::ostream* os) { *os << c.name; }

class OrganizationTest : public EntityFinderTest, public ::testing::WithParamInterface<OrgCase> {};

TEST_P(OrganizationTest, OneIdWhateverTheLanguage) {
  const auto& c = GetParam();
  auto first = finder().organizations(c.forms.front());
  ASSERT_EQ(first.size(), 1u) << c.forms.front();
  for (const auto& form : c.forms) {
    EXPECT_EQ(finder().organizations(form), first) << "form: " << form;
    EXPECT_EQ(finder().organizations("En cooperación con " + form + ", el gobierno organizó un taller."), first)
        << "in a sentence: " << form;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, OrganizationTest,
    ::testing::Values(
        OrgCase{"IOM",
                {"IOM", "OIM", "International Organization for Migration",
                 "Organización Internacional para las Migraciones", "Organização Internacional para as Migrações",
                 "Organisation internationale pour les migrations"}},
        OrgCase{"UNHCR",
                {"UNHCR", "ACNUR", "United Nations High Commissioner for Refugees",
                 "Alto Comisionado de las Naciones Unidas para los Refugiados",
                 "Haut-Commissariat des Nations unies pour les réfugiés"}},
        OrgCase{"ILO",
                {"ILO", "OIT", "International Labour Organization", "Organización Internacional del Trabajo",
                 "Organização Internacional do Trabalho", "Organisation internationale du travail"}},
        OrgCase{"UNICEF", {"UNICEF", "Fondo de las Naciones Unidas para la Infancia"}},
        OrgCase{"UNODC", {"UNODC", "ONUDD"}},
        OrgCase{"CICAD", {"CICAD"}},
        OrgCase{"CICTE", {"CICTE"}},
        OrgCase{"ECPAT", {"ECPAT"}}),
    [](const auto& info) { return info.param.name; });

TEST_F(EntityFinderTest, MandateTenNamesFiveOrganizations) {
  auto orgs = finder().organizations(
      "Foster and encourage regional and international inter-agency cooperation with international "
      "organizations interested in the subject of trafficking in persons, such as UNHCR, IOM, ILO, UNODC, and UNICEF.");
  EXPECT_EQ(orgs.size(), 5u);
  EXPECT_EQ(orgs, finder().organizations("ACNUR, OIM, OIT, ONUDD y UNICEF"));
}

TEST_F(EntityFinderTest, AcronymsMatchOnlyInTheirOwnCase) {
  EXPECT_TRUE(finder().organizations("the iom and the ilo").empty());
  EXPECT_TRUE(finder().organizations("An ordinary sentence about victims and shelters.").empty());
}

TEST_F(EntityFinderTest, MissingFilesFindNothing) {
  auto loaded = EntityFinder::load(testing::data_dir() / "no-countries.xml", testing::data_dir() / "no-orgs.xml");
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(loaded->countries("Brazil").empty());
  EXPECT_TRUE(loaded->organizations("IOM").empty());
}

TEST_F(EntityFinderTest, MalformedFileIsAnError) {
  auto loaded = EntityFinder::load(testing::data_dir() / "shelters.txt", {});
  EXPECT_FALSE(loaded.ok());
}

}  // namespace
}  // namespace atip
