// Renderings of one text: a law's PDF and its mobile layout resemble each other; a translation or
// another law does not.
#include "store/renderings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace atip {
namespace {

std::vector<std::vector<text::Token>> passages_of(const std::vector<std::string>& texts) {
  std::vector<std::vector<text::Token>> out;
  for (const auto& t : texts) out.push_back(text::tokenize(t));
  return out;
}

const std::string kArticle10 =
    "Artículo 10. Toda acción u omisión dolosa de una o varias personas para captar, enganchar, transportar, "
    "transferir, retener, entregar, recibir o alojar a una o varias personas con fines de explotación se le "
    "impondrá de 5 a 15 años de prisión y de un mil a veinte mil días multa, sin perjuicio de las sanciones que "
    "correspondan para cada uno de los delitos cometidos, previstos y sancionados en esta Ley y en los códigos "
    "penales correspondientes. Se entenderá por explotación de una persona a la esclavitud, la condición de "
    "siervo, la prostitución ajena u otras formas de explotación sexual, la explotación laboral, el trabajo o "
    "servicios forzados, la mendicidad forzosa, la utilización de personas menores de dieciocho años en "
    "actividades delictivas, la adopción ilegal de persona menor de dieciocho años, el matrimonio forzoso o "
    "servil, el tráfico de órganos, tejidos y células de seres humanos vivos, y la experimentación biomédica "
    "ilícita en seres humanos.";

TEST(RenderingsTest, TheSameTextLaidOutAgainResemblesItself) {
  // The mobile layout cuts the text into other passages and adds its own running header once.
  const Fingerprint pdf = fingerprint_of(passages_of({kArticle10}));
  const Fingerprint mobile = fingerprint_of(passages_of(
      {kArticle10.substr(0, 400), "LEY GENERAL PARA PREVENIR, SANCIONAR Y ERRADICAR LOS DELITOS", kArticle10.substr(400)}));
  EXPECT_GE(resemblance(pdf, mobile), kSameRenderingResemblance);
  EXPECT_DOUBLE_EQ(resemblance(pdf, pdf), 1.0);
}

TEST(RenderingsTest, ATranslationOrAnotherLawDoesNot) {
  const Fingerprint es = fingerprint_of(passages_of({kArticle10}));
  const Fingerprint en = fingerprint_of(passages_of(
      {"Article 10. Any act or omission, with intent, by one or more persons to recruit, entice, transport, "
       "transfer, retain, deliver, receive or accommodate one or more persons for the purpose of exploitation "
       "shall be punished with 5 to 15 years of imprisonment and a fine of one thousand to twenty thousand days."}));
  const Fingerprint other = fingerprint_of(passages_of(
      {"Artículo 411 quáter. El que mediante violencia, intimidación, coacción, engaño, abuso de poder, "
       "aprovechamiento de una situación de vulnerabilidad o de dependencia de la víctima, o la concesión o "
       "recepción de pagos u otros beneficios para obtener el consentimiento de una persona que tenga autoridad "
       "sobre otra capte, traslade, acoja o reciba personas para que sean objeto de alguna forma de explotación "
       "sexual, incluyendo la pornografía, trabajos o servicios forzados, servidumbre o esclavitud o prácticas "
       "análogas a ésta, o extracción de órganos, será castigado con la pena de reclusión mayor en sus grados "
       "mínimo a medio y multa de cincuenta a cien unidades tributarias mensuales."}));
  EXPECT_LT(resemblance(es, en), 0.1);
  EXPECT_LT(resemblance(es, other), 0.3);
}

TEST(RenderingsTest, TooShortATextHasNoFingerprintAndResemblesNothing) {
  const Fingerprint tiny = fingerprint_of(passages_of({"Artículo 1o.- Derogado."}));
  EXPECT_TRUE(tiny.minima.empty());
  EXPECT_TRUE(band_keys(tiny).empty());
  EXPECT_EQ(resemblance(tiny, tiny), 0.0);
}

TEST(RenderingsTest, AFingerprintSurvivesItsStoredForm) {
  const Fingerprint f = fingerprint_of(passages_of({kArticle10}));
  EXPECT_EQ(decode_fingerprint(encode_fingerprint(f)).minima, f.minima);
  EXPECT_TRUE(decode_fingerprint("not hex at all!!").minima.empty());
  EXPECT_TRUE(decode_fingerprint("abc").minima.empty());
}

TEST(RenderingsTest, RenderingsShareBandKeysAndOtherTextsDoNot) {
  const Fingerprint a = fingerprint_of(passages_of({kArticle10}));
  const Fingerprint b = fingerprint_of(passages_of({kArticle10 + " Artículo reformado DOF 19-01-2018"}));
  const auto ka = band_keys(a), kb = band_keys(b);
  ASSERT_EQ(ka.size(), 16u);
  size_t shared = 0;
  for (const auto& k : ka) shared += std::count(kb.begin(), kb.end(), k);
  EXPECT_GT(shared, 0u);
}

TEST(RenderingsTest, GroupsAreJoinedThroughOthersAndKeyedByTheLeastId) {
  const auto groups = rendering_groups({"mx-ley", "mx-ley-mobile", "mx-ley-dof", "cl-ley", "alone"},
                                       {{"mx-ley-mobile", "mx-ley-dof"}, {"mx-ley-dof", "mx-ley"}});
  EXPECT_EQ(groups.at("mx-ley"), "mx-ley");
  EXPECT_EQ(groups.at("mx-ley-mobile"), "mx-ley");
  EXPECT_EQ(groups.at("mx-ley-dof"), "mx-ley");
  EXPECT_EQ(groups.at("cl-ley"), "cl-ley");
  EXPECT_EQ(groups.at("alone"), "alone");
}

}  // namespace
}  // namespace atip
