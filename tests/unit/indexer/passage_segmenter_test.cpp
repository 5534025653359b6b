// Passages a reader would cite: numbered items, articles of laws with their sub-paragraphs,
// the LIBRO/TÍTULO/CAPÍTULO structure as heading paths.
#include "analyze/passage_segmenter.h"
#include "atip/legal.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace atip {

void PrintTo(const PathStep& s, std::ostream* os) { *os << "{" << s.kind << ", " << s.label << ", " << s.caption << "}"; }

namespace {

TextBlock paragraph(std::string text, int page = 1) {
  TextBlock b;
  b.kind = TextBlock::Kind::kParagraph;
  b.text = std::move(text);
  b.page = page;
  return b;
}

TextBlock heading(std::string text, int page = 1, int level = 2) {
  TextBlock b;
  b.kind = TextBlock::Kind::kHeading;
  b.text = std::move(text);
  b.page = page;
  b.level = level;
  return b;
}

TextBlock footnote(std::string text, int page) {
  TextBlock b;
  b.kind = TextBlock::Kind::kFootnote;
  b.text = std::move(text);
  b.page = page;
  return b;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  const std::string sep = " › ";
  size_t start = 0;
  while (!path.empty()) {
    size_t p = path.find(sep, start);
    parts.push_back(path.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + sep.size();
  }
  return parts;
}

std::string dump(const std::vector<Passage>& passages) {
  std::string s;
  for (const auto& p : passages) {
    s += "#" + std::to_string(p.n) + " p" + std::to_string(p.page) + (p.footnote ? " [note]" : "") + " {" +
         p.heading + "} " + p.text.substr(0, 70) + "\n";
  }
  return s;
}

struct LabelCase {
  std::string text;
  std::string label;
};

void PrintTo(const LabelCase& c, std::ostream* os) { *os << "\"" << c.text << "\""; }

class ArticleLabelTest : public ::testing::TestWithParam<LabelCase> {};

TEST_P(ArticleLabelTest, Table) {
  EXPECT_EQ(article_label(GetParam().text), GetParam().label) << "text: " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ArticleLabelTest,
    ::testing::Values(LabelCase{"Artículo 10.- Será sancionado con prisión", "Artículo 10"},
                      LabelCase{"Artículo 1o.- La presente Ley es reglamentaria", "Artículo 1o"},
                      LabelCase{"ARTÍCULO 5. Para los efectos de esta Ley", "ARTÍCULO 5"},
                      LabelCase{"Art. 149-A. Agenciar, aliciar, recrutar", "Art. 149-A"},
                      LabelCase{"Article 5 Criminalization", "Article 5"},
                      LabelCase{"Article 5", "Article 5"},
                      LabelCase{"Artigo 13-A. Nos crimes previstos", "Artigo 13-A"},
                      LabelCase{"279.01 (1) Every person who recruits", "279.01"},
                      LabelCase{"Section 1589. Forced labor", "Section 1589"},
                      LabelCase{"Artículo 411 quáter.- El que mediante violencia", "Artículo 411 quáter"},
                      LabelCase{"Artículo cuarto.- Intercálase, en el artículo 5º", "Artículo cuarto"},
                      // an article an amending law inserts, quoted
                      LabelCase{"\"Artículo 78 bis.- Protección de la integridad física", "Artículo 78 bis"},
                      LabelCase{"“Article 12 Each Party shall", "Article 12"},
                      LabelCase{"The parties to this Protocol", ""},
                      LabelCase{"In 2010, 45 countries reported", ""},
                      LabelCase{"19. Adopt appropriate and comprehensive legislation", ""},
                      LabelCase{"", ""}));

// What a label is indexed as and what a reader types find each other.
TEST(ArticleKeyTest, ALabelAndTheWaysAReaderWritesItAreOneKey) {
  const std::pair<const char*, const char*> same[] = {
      {"Art. 149-A", "149-A"},           {"Artículo 149 A", "art. 149-a"},   {"§ 1589", "Section 1589"},
      {"§ 1589", "1589"},                {"Artículo 411 quáter", "411 quater"}, {"279.01", "279.01"},
      {"Article 6", "art 6"},            {"ARTÍCULO 5", "artículo 5"},        {"Artigo 13-A", "13-A"}};
  for (const auto& [label, typed] : same) {
    EXPECT_FALSE(article_key(label).empty()) << label;
    EXPECT_EQ(article_key(label), article_key(typed)) << label << " vs " << typed;
  }
  EXPECT_NE(article_key("Article 6"), article_key("Article 16"));
  EXPECT_NE(article_key("Art. 149"), article_key("Art. 149-A"));
  EXPECT_NE(article_key("Artículo 129-N"), article_key("Artículo 129-Ñ")) << "Ñ is a letter of its own";
  EXPECT_EQ(article_key("Artículo 129-Ñ"), article_key("artículo 129-ñ"));
  EXPECT_EQ(article_key("Décimo Cuarto"), article_key("décimo cuarto"));
  EXPECT_EQ(article_key("Artículo"), "");
  EXPECT_EQ(article_key(""), "");
}

struct LevelCase {
  std::string text;
  int level;
};

void PrintTo(const LevelCase& c, std::ostream* os) { *os << "\"" << c.text << "\""; }

class StructuralHeadingLevelTest : public ::testing::TestWithParam<LevelCase> {};

TEST_P(StructuralHeadingLevelTest, Table) {
  EXPECT_EQ(structural_heading(GetParam().text).level, GetParam().level) << "text: " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Table, StructuralHeadingLevelTest,
                         ::testing::Values(LevelCase{"LIBRO PRIMERO", 1},
                                           LevelCase{"Libro Segundo De los delitos", 1},
                                           LevelCase{"TÍTULO II", 2},
                                           LevelCase{"TITULO PRIMERO Disposiciones Generales", 2},
                                           LevelCase{"Título III", 2},
                                           LevelCase{"CAPÍTULO I", 3},
                                           LevelCase{"Capítulo IV De la protección a las víctimas", 3},
                                           LevelCase{"CHAPTER 77 PEONAGE, SLAVERY", 3},
                                           LevelCase{"Chapitre II", 3},
                                           LevelCase{"Sección Segunda", 4},
                                           LevelCase{"Artículo 5", 0},
                                           LevelCase{"Capacity Building", 0},
                                           LevelCase{"Participation of civil society", 0},
                                           LevelCase{"", 0}));

TEST(SegmentPassagesTest, NumberedItemsBecomeTheirOwnPassages) {
  std::vector<TextBlock> blocks = {
      heading("1. POSSIBLE ACTIVITIES FOR MEMBER STATES IN PREVENTION"),
      paragraph("1. Assess the availability of legislation, policies, and/or programs for the prevention."),
      paragraph("2. Ensure that public policies against trafficking in persons take a comprehensive approach."),
      paragraph("3. Identify groups vulnerable to trafficking in persons, including indigenous persons."),
      heading("2. POSSIBLE ACTIVITIES FOR MEMBER STATES IN PROSECUTION", 2),
      paragraph("19. Adopt appropriate and comprehensive legislation against trafficking in persons.", 2),
  };
  auto passages = segment_passages(blocks);
  ASSERT_EQ(passages.size(), 4u) << dump(passages);
  EXPECT_EQ(passages[0].text.rfind("1. Assess", 0), 0u);
  EXPECT_EQ(passages[1].text.rfind("2. Ensure", 0), 0u);
  EXPECT_EQ(passages[2].text.rfind("3. Identify", 0), 0u);
  EXPECT_EQ(passages[3].text.rfind("19. Adopt", 0), 0u);
  EXPECT_EQ(passages[0].heading, "1. POSSIBLE ACTIVITIES FOR MEMBER STATES IN PREVENTION");
  EXPECT_EQ(passages[3].heading, "2. POSSIBLE ACTIVITIES FOR MEMBER STATES IN PROSECUTION");
  EXPECT_EQ(passages[3].page, 2);
  for (size_t i = 0; i < passages.size(); ++i) EXPECT_EQ(passages[i].n, static_cast<int>(i + 1));
}

TEST(SegmentPassagesTest, SubItemsStayWithTheirNumberedItem) {
  std::vector<TextBlock> blocks = {
      paragraph("8. Request the General Secretariat to:"),
      paragraph("a) develop materials to raise awareness and to train security forces;"),
      paragraph("b) compile information on best practices."),
      paragraph("9. Establish a list of national points of contact."),
  };
  auto passages = segment_passages(blocks);
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_NE(passages[0].text.find("a) develop materials"), std::string::npos);
  EXPECT_NE(passages[0].text.find("b) compile information"), std::string::npos);
  EXPECT_EQ(passages[1].text.rfind("9. Establish", 0), 0u);
}

TEST(SegmentPassagesTest, ArticleKeepsItsContinuationParagraphs) {
  std::vector<TextBlock> blocks = {
      paragraph("Artículo 10.- Toda acción u omisión dolosa de una o varias personas para captar a una o varias "
                "personas con fines de explotación se le impondrá:", 3),
      paragraph("I. La esclavitud, de conformidad con el artículo 11 de la presente Ley;", 3),
      paragraph("II. La condición de siervo, de conformidad con el artículo 12 de la presente Ley;", 4),
      footnote("1 Reformado mediante decreto publicado el 19 de marzo de 2014.", 4),
      paragraph("a) cuando la víctima sea menor de dieciocho años;", 4),
      paragraph("Los delitos previstos en este artículo se perseguirán de oficio.", 4),
      paragraph("Artículo 11.- A quien tenga o mantenga a otra persona en una situación de esclavitud, será "
                "sancionado con 15 a 30 años de prisión.", 4),
  };
  auto passages = segment_passages(blocks);
  std::vector<const Passage*> articles;
  for (const auto& p : passages) {
    if (!p.footnote) articles.push_back(&p);
  }
  ASSERT_EQ(articles.size(), 2u) << dump(passages);
  const Passage& art10 = *articles[0];
  EXPECT_EQ(article_label(art10.text), "Artículo 10");
  EXPECT_EQ(art10.page, 3);
  EXPECT_NE(art10.text.find("I. La esclavitud"), std::string::npos);
  EXPECT_NE(art10.text.find("II. La condición de siervo"), std::string::npos);
  EXPECT_NE(art10.text.find("a) cuando la víctima"), std::string::npos);
  EXPECT_NE(art10.text.find("se perseguirán de oficio"), std::string::npos);
  EXPECT_EQ(art10.text.find("Reformado"), std::string::npos) << "the footnote is its own passage";
  EXPECT_EQ(article_label(articles[1]->text), "Artículo 11");
  // The footnote is a passage of its own, flagged and on its page.
  bool found_note = false;
  for (const auto& p : passages) {
    if (p.footnote) {
      found_note = true;
      EXPECT_EQ(p.page, 4);
      EXPECT_NE(p.text.find("Reformado"), std::string::npos);
    }
  }
  EXPECT_TRUE(found_note) << dump(passages);
}

TEST(SegmentPassagesTest, NumberedParagraphsInsideAnArticleStayWithIt) {
  std::vector<TextBlock> blocks = {
      paragraph("Article 5 Criminalization"),
      paragraph("1. Each State Party shall adopt such legislative and other measures as may be necessary to "
                "establish as criminal offences the conduct set forth in article 3 of this Protocol."),
      paragraph("2. Each State Party shall also adopt such legislative and other measures as may be necessary."),
      paragraph("Article 6 Assistance to and protection of victims of trafficking in persons"),
  };
  auto passages = segment_passages(blocks);
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_EQ(article_label(passages[0].text), "Article 5");
  EXPECT_NE(passages[0].text.find("2. Each State Party shall also"), std::string::npos);
  EXPECT_EQ(article_label(passages[1].text), "Article 6");
}

TEST(SegmentPassagesTest, LawStructureFormsTheHeadingPath) {
  std::vector<TextBlock> blocks = {
      heading("LIBRO PRIMERO", 1, 1),
      heading("TÍTULO PRIMERO", 1),
      heading("CAPÍTULO I", 1),
      paragraph("Artículo 1o.- La presente Ley es de orden público e interés social.", 1),
      paragraph("Artículo 2o.- Esta Ley tiene por objeto establecer competencias.", 1),
      heading("CAPÍTULO II", 2),
      paragraph("Artículo 10.- Toda acción u omisión dolosa para captar personas con fines de explotación.", 2),
      heading("TÍTULO SEGUNDO", 3),
      paragraph("Artículo 30.- Las víctimas tendrán derecho a un refugio seguro.", 3),
  };
  auto passages = segment_passages(blocks);
  ASSERT_EQ(passages.size(), 4u) << dump(passages);
  EXPECT_EQ(split_path(passages[0].heading),
            (std::vector<std::string>{"LIBRO PRIMERO", "TÍTULO PRIMERO", "CAPÍTULO I"}));
  EXPECT_EQ(passages[1].heading, passages[0].heading);
  EXPECT_EQ(split_path(passages[2].heading),
            (std::vector<std::string>{"LIBRO PRIMERO", "TÍTULO PRIMERO", "CAPÍTULO II"}));
  EXPECT_EQ(split_path(passages[3].heading), (std::vector<std::string>{"LIBRO PRIMERO", "TÍTULO SEGUNDO"}));
  EXPECT_EQ(passages[3].page, 3);
  EXPECT_EQ(article_label(passages[3].text), "Artículo 30");
}

// "CAPÍTULO I" then its name set as ordinary text: the name belongs to the heading, not to a passage.
TEST(SegmentPassagesTest, AChaptersNameSetAsTextNamesTheChapter) {
  std::vector<TextBlock> blocks = {
      heading("TÍTULO TERCERO"),
      paragraph("De la Protección y Asistencia a las Víctimas, Ofendidos y Testigos"),
      heading("CAPÍTULO I"),
      paragraph("Derechos de las Víctimas y Testigos Durante el Procedimiento Penal y Medidas de Protección a su Favor"),
      paragraph("Artículo 59. Para los efectos de esta ley, se considera víctima al titular del bien jurídico."),
      paragraph("Las víctimas tendrán derecho a la protección."),
      heading("CAPÍTULO II"),
      paragraph("Artículo 60. Las autoridades deberán proteger a las víctimas."),
  };
  auto passages = segment_passages(blocks);
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_EQ(split_path(passages[0].heading),
            (std::vector<std::string>{"TÍTULO TERCERO De la Protección y Asistencia a las Víctimas, Ofendidos y Testigos",
                                      "CAPÍTULO I Derechos de las Víctimas y Testigos Durante el Procedimiento Penal y "
                                      "Medidas de Protección a su Favor"}));
  EXPECT_NE(passages[0].text.find("tendrán derecho"), std::string::npos) << "a sentence after an article is its text";
  EXPECT_EQ(article_label(passages[1].text), "Artículo 60") << "an article right after a chapter is no name";

  // What follows a chapter and reads as text stays text: a quotation, a line ending in a note number,
  // a list item.
  for (const std::string text : {"The Secretary General said: “We will not rest.”",
                                 "Member States reported progress on the protection of victims 12",
                                 "a) the offence was committed against a child"}) {
    auto kept = segment_passages({heading("Chapter 2"), paragraph(text)});
    ASSERT_EQ(kept.size(), 1u) << text;
    EXPECT_EQ(kept[0].heading, "Chapter 2") << text;
  }
}

TEST(SegmentPassagesTest, ArticleLabelSetAsAHeadingOpensTheArticle) {
  std::vector<TextBlock> blocks = {
      heading("CAPÍTULO III"),
      heading("Artículo 5"),
      paragraph("Los Estados Parte adoptarán las medidas legislativas necesarias."),
      paragraph("Esas medidas incluirán la protección de las víctimas."),
  };
  auto passages = segment_passages(blocks);
  ASSERT_EQ(passages.size(), 1u) << dump(passages);
  EXPECT_EQ(article_label(passages[0].text), "Artículo 5");
  EXPECT_NE(passages[0].text.find("medidas legislativas"), std::string::npos);
  EXPECT_NE(passages[0].text.find("protección de las víctimas"), std::string::npos);
  EXPECT_EQ(passages[0].heading, "CAPÍTULO III");
}

TEST(SegmentPassagesTest, EventsKeepTheirDateAndPlace) {
  TextBlock e1;
  e1.kind = TextBlock::Kind::kEvent;
  e1.text = "Seminar in Santiago\nParticipants discussed regional cooperation.";
  e1.date = "2007-12-05";
  e1.place = "Santiago, Chile";
  TextBlock e2 = e1;
  e2.text = "Campaña Denuncia la Trata\nEl Centro lanzó la campaña.";
  e2.date = "2006-04-19";
  e2.place = "Global";
  auto passages = segment_passages({e1, e2});
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_EQ(passages[0].date, "2007-12-05");
  EXPECT_EQ(passages[0].place, "Santiago, Chile");
  EXPECT_EQ(passages[1].date, "2006-04-19");
  EXPECT_EQ(passages[1].text.rfind("Campaña", 0), 0u);
}

TEST(SegmentPassagesTest, OverLongPassagesAreSplitAtSentenceEnds) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Sentence number " + std::to_string(i) + " speaks of the victims. ";
  text.pop_back();
  SegmenterOptions options;
  options.max_passage_chars = 300;
  auto passages = segment_passages({paragraph(text, 7)}, options);
  ASSERT_GT(passages.size(), 3u);
  std::string joined;
  for (size_t i = 0; i < passages.size(); ++i) {
    const auto& p = passages[i];
    EXPECT_LE(p.text.size(), 300u);
    EXPECT_EQ(p.page, 7);
    EXPECT_EQ(p.n, static_cast<int>(i + 1));
    EXPECT_EQ(p.text.back(), '.') << "cut inside a sentence: " << p.text;
    if (!joined.empty()) joined += " ";
    joined += p.text;
  }
  EXPECT_EQ(joined, text) << "nothing lost or repeated";
}

// Each passage knows the article it belongs to by its caption: the label and the words that name the
// article, not the first words of its text.
struct CaptionCase {
  std::string first_block, caption;
};
class ArticleCaptionTest : public ::testing::TestWithParam<CaptionCase> {};
TEST_P(ArticleCaptionTest, Table) {
  auto passages = segment_passages({paragraph(GetParam().first_block), paragraph("(1) More text of the article.")});
  ASSERT_EQ(passages.size(), 1u) << dump(passages);
  EXPECT_EQ(passages[0].article, GetParam().caption);
}
INSTANTIATE_TEST_SUITE_P(
    Table, ArticleCaptionTest,
    ::testing::Values(CaptionCase{"§ 7101. Purposes and findings", "§ 7101. Purposes and findings"},
                      CaptionCase{"§ 1589. Forced labor (a) Whoever knowingly provides or obtains the labor",
                                  "§ 1589. Forced labor"},
                      CaptionCase{"§ 7102. Definitions In this chapter:", "§ 7102. Definitions"},
                      CaptionCase{"Article 2 Statement of purpose The purposes of this Protocol are:",
                                  "Article 2 Statement of purpose"},
                      CaptionCase{"Article 3 Use of terms For the purposes of this Protocol:", "Article 3 Use of terms"},
                      CaptionCase{"Article 9 Prevention of trafficking in persons 1. States Parties shall establish "
                                  "comprehensive policies.",
                                  "Article 9 Prevention of trafficking in persons"},
                      CaptionCase{"Article 1 Relation with the United Nations Convention against Transnational "
                                  "Organized Crime",
                                  "Article 1 Relation with the United Nations Convention against Transnational "
                                  "Organized Crime"},
                      CaptionCase{"279.01 Trafficking in persons (1) Every person who recruits", "279.01 Trafficking in persons"},
                      CaptionCase{"Artículo 10.- Toda acción u omisión dolosa de una o varias personas para captar, "
                                  "enganchar, transportar o alojar a una o varias personas con fines de explotación.",
                                  "Artículo 10"},
                      CaptionCase{"Artículo 65. La protección de las víctimas, ofendidos y testigos de los delitos "
                                  "contenidos en la presente Ley comprenderá los siguientes rubros:",
                                  "Artículo 65"},
                      CaptionCase{"Article 16 Signature, ratification, acceptance, approval and accession 1. This "
                                  "Protocol shall be open to all States for signature",
                                  "Article 16 Signature, ratification, acceptance, approval and accession"},
                      CaptionCase{"Artículo 12 — La protección de las víctimas, ofendidos y testigos comprenderá "
                                  "los siguientes rubros:",
                                  "Artículo 12"},
                      CaptionCase{"Article 7 Protection des victimes étrangères Chaque Partie adopte les mesures nécessaires.",
                                  "Article 7 Protection des victimes étrangères"},
                      CaptionCase{"Art. 149-A. Agenciar, aliciar, recrutar, transportar, transferir, comprar, alojar "
                                  "ou acolher pessoa, mediante grave ameaça, violência, coação, fraude ou abuso.",
                                  "Art. 149-A"}));

TEST(SubdivisionCaptionTest, TheTitleASubdivisionOpensWith) {
  EXPECT_EQ(subdivision_caption("(4) Training of Government personnel (A) In general Appropriate personnel of the "
                                "Department of State shall be trained in identifying victims."),
            "(4) Training of Government personnel");
  EXPECT_EQ(subdivision_caption("(2) Access to information Victims of severe forms of trafficking shall have access "
                                "to information about their rights."),
            "(2) Access to information");
  EXPECT_EQ(subdivision_caption("(B) Allocation of grant funds Of amounts made available for grants under this "
                                "paragraph, the Secretary shall allocate funds."),
            "(B) Allocation of grant funds");
  EXPECT_EQ(subdivision_caption("(a) Purposes\nThe purposes of this chapter are to combat trafficking in persons."),
            "(a) Purposes");
  EXPECT_EQ(subdivision_caption("(i) the number of persons who have been charged or convicted under one or more of "
                                "sections 1581, 1583 during the preceding fiscal year;"),
            "");
  EXPECT_EQ(subdivision_caption("1. Each State Party shall adopt such legislative measures."), "");
}

// An article too long for one passage goes on in passages whose heading ends with its caption, so a
// reader of "(8) Trafficking in persons is increasing..." sees it is one of the findings of § 7101.
TEST(SegmentPassagesTest, PassagesThatContinueAnArticleCarryItsCaption) {
  std::vector<TextBlock> blocks = {heading("CHAPTER 78— TRAFFICKING VICTIMS PROTECTION"),
                                   paragraph("§ 7101. Purposes and findings")};
  for (int i = 1; i <= 12; ++i) {
    blocks.push_back(paragraph("(" + std::to_string(i) + ") Trafficking in persons is a finding of Congress, "
                               "stated here at some length so that the article overflows its passage."));
  }
  blocks.push_back(paragraph("§ 7102. Definitions In this chapter:"));
  blocks.push_back(paragraph("(1) Coercion The term means threats of serious harm."));
  SegmenterOptions options;
  options.max_passage_chars = 400;
  auto passages = segment_passages(blocks, options);
  ASSERT_GT(passages.size(), 3u) << dump(passages);
  EXPECT_EQ(passages[0].heading, "CHAPTER 78— TRAFFICKING VICTIMS PROTECTION");
  EXPECT_EQ(passages[0].article, "§ 7101. Purposes and findings");
  for (size_t i = 1; i + 1 < passages.size(); ++i) {
    EXPECT_EQ(passages[i].text.rfind("(", 0), 0u) << dump(passages);
    EXPECT_EQ(passages[i].article, "§ 7101. Purposes and findings") << dump(passages);
    EXPECT_EQ(split_path(passages[i].heading), (std::vector<std::string>{"CHAPTER 78— TRAFFICKING VICTIMS PROTECTION",
                                                                         "§ 7101. Purposes and findings"}));
  }
  EXPECT_EQ(passages.back().article, "§ 7102. Definitions");
  EXPECT_EQ(passages.back().heading, "CHAPTER 78— TRAFFICKING VICTIMS PROTECTION");
}

// A treaty's recitals are its preamble, up to its first heading or article; the word may be glued to
// the next one in the extracted text ("PreambleThe States Parties").
TEST(SegmentPassagesTest, RecitalsBelongToThePreamble) {
  auto passages = segment_passages({
      heading("Supplementary Convention on the Abolition of Slavery"),
      paragraph("Supplementary Convention on the Abolition of Slavery PreambleThe States Parties to the present "
                "Convention, Considering that freedom is the birthright of every human being;"),
      paragraph("Recalling the Slavery Convention signed at Geneva on 25 September 1926;"),
      paragraph("Having decided that the Convention of 1926 should be augmented, Have agreed as follows:"),
      heading("SECTION I"),
      paragraph("Article 1 Each of the States Parties shall take all practicable measures."),
      paragraph("The States Parties shall cooperate."),
  });
  ASSERT_EQ(passages.size(), 4u) << dump(passages);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(passages[i].article, "Preamble") << dump(passages);
  EXPECT_EQ(passages[3].article, "Article 1");
  auto spanish = segment_passages({paragraph("Preámbulo Los Estados Parte en el presente Protocolo,"),
                                   paragraph("Artículo 1 Relación con la Convención")});
  ASSERT_EQ(spanish.size(), 2u);
  EXPECT_EQ(spanish[0].article, "Preámbulo");
}

// Without headings above it, a section's continuation passages are headed by its caption once.
TEST(SegmentPassagesTest, ContinuationsWithoutHeadingsAreHeadedByTheCaptionOnce) {
  std::vector<TextBlock> blocks = {paragraph("§ 7101. Purposes and findings")};
  for (int i = 1; i <= 12; ++i) {
    blocks.push_back(paragraph("(" + std::to_string(i) + ") A finding of Congress, stated at some length so that the "
                               "section overflows its passage more than once."));
  }
  SegmenterOptions options;
  options.max_passage_chars = 300;
  auto passages = segment_passages(blocks, options);
  ASSERT_GT(passages.size(), 3u) << dump(passages);
  EXPECT_EQ(passages[0].heading, "");
  for (size_t i = 1; i < passages.size(); ++i) EXPECT_EQ(passages[i].heading, "§ 7101. Purposes and findings");
}

// "PREAMBLE" set as a heading opens the preamble too; once articles have begun, a word "Preamble" in
// the text is only a word.
TEST(SegmentPassagesTest, APreambleHeadingOpensThePreambleAndOnlyBeforeTheArticles) {
  auto passages = segment_passages({heading("PREAMBLE"), paragraph("The States Parties, Considering that;"),
                                    paragraph("Article 1 Each Party shall act."),
                                    paragraph("Preamble recitals are not binding, the parties recall.")});
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_EQ(passages[0].article, "PREAMBLE");
  EXPECT_EQ(passages[1].article, "Article 1");
  auto later = segment_passages({paragraph("Article 1 Each Party shall act."), heading("Annex"),
                                 paragraph("Preamble recitals are not binding, the parties recall.")});
  ASSERT_EQ(later.size(), 2u) << dump(later);
  EXPECT_EQ(later[1].article, "");
}

// An amending law quotes the articles it inserts: each is a passage of its own, and the law's next
// numbered amendment, or its text after the closing quote, is not part of it.
TEST(SegmentPassagesTest, AnArticleAnAmendingLawInsertsIsItsOwnPassage) {
  auto passages = segment_passages({
      paragraph("Artículo segundo.- Introdúcense las siguientes modificaciones en el Código Procesal Penal:"),
      paragraph("1. Incorpórase, en el párrafo 2º del Título IV del Libro I, el siguiente artículo, nuevo:"),
      paragraph("\"Artículo 78 bis.- Protección de la integridad física y psicológica de las víctimas. El Ministerio "
                "Público adoptará las medidas necesarias."),
      paragraph("Cuando se trate de menores de dieciocho años, los servicios públicos facilitarán su acceso.\"."),
      paragraph("2. Reemplázase, en el inciso primero del artículo 198, la frase indicada."),
      paragraph("“Artículo 33 bis.- Las víctimas tendrán derecho a una residencia temporal.”."),
      paragraph("Habiéndose cumplido con lo establecido en la Constitución, promúlguese."),
  });
  ASSERT_EQ(passages.size(), 5u) << dump(passages);
  EXPECT_EQ(passages[0].article, "Artículo segundo");
  EXPECT_NE(passages[0].text.find("1. Incorpórase"), std::string::npos) << "the amending article's own instruction";
  EXPECT_EQ(passages[1].article, "Artículo 78 bis.- Protección de la integridad física y psicológica de las víctimas");
  EXPECT_NE(passages[1].text.find("menores de dieciocho"), std::string::npos) << "its own text stays with it";
  EXPECT_EQ(passages[2].text.rfind("2. Reemplázase", 0), 0u) << dump(passages);
  EXPECT_EQ(passages[3].article, "Artículo 33 bis");
  EXPECT_EQ(passages[4].text.rfind("Habiéndose", 0), 0u) << dump(passages);
}

TEST(SegmentPassagesTest, TextOutsideArticlesBelongsToNone) {
  auto passages = segment_passages({paragraph("Article 5 Criminalization"), paragraph("1. Each State Party shall act."),
                                    heading("Introduction"), paragraph("The General Secretariat reports.")});
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_EQ(passages[0].article, "Article 5 Criminalization");
  EXPECT_EQ(passages[1].article, "");
  EXPECT_EQ(passages[1].heading, "Introduction");
}

TEST(StructuralHeadingTest, TheWordsOfLawsInFourLanguagesGiveKindAndDepth) {
  struct Case {
    std::string text;
    std::string kind;
    int level;
  };
  for (const Case& c : std::vector<Case>{{"LIBRO PRIMERO", "book", 1},
                                         {"Livro II", "book", 1},
                                         {"PART I", "part", 1},
                                         {"Partie II", "part", 1},
                                         {"TÍTULO TERCERO De la Protección", "title", 2},
                                         {"Titre II", "title", 2},
                                         {"CAPÍTULO I", "chapter", 3},
                                         {"Chapter III Measures", "chapter", 3},
                                         {"Chapitre IV", "chapter", 3},
                                         {"Sección Segunda", "section", 4},
                                         {"SUBCHAPTER II", "subchapter", 4},
                                         {"TRANSITORIOS", "transitory", 1},
                                         {"Artículos Transitorios", "transitory", 1},
                                         {"Disposiciones transitorias", "transitory", 1},
                                         {"Trafficking in Persons", "", 0},
                                         {"Article 5", "", 0}}) {
    const StructuralHeading h = structural_heading(c.text);
    EXPECT_EQ(h.kind, c.kind) << c.text;
    EXPECT_EQ(h.level, c.level) << c.text;
  }
}

TEST(PathStepTest, AHeadingSplitsIntoItsLabelAndCaptionAsCited) {
  struct Case {
    std::string heading;
    PathStep step;
  };
  for (const Case& c : std::vector<Case>{
           {"CAPÍTULO II De la protección", {"chapter", "CAPÍTULO II", "De la protección"}},
           {"TÍTULO PRIMERO. Disposiciones Generales", {"title", "TÍTULO PRIMERO", "Disposiciones Generales"}},
           {"Chapter I. General provisions", {"chapter", "Chapter I", "General provisions"}},
           {"CHAPTER  IV", {"chapter", "CHAPTER  IV", ""}},
           {"Capítulo Único", {"chapter", "Capítulo Único", ""}},
           {"Chapter III Civil remedies", {"chapter", "Chapter III", "Civil remedies"}},  // "Civil" is no numeral
           {"Chapter 2 — Prevention", {"chapter", "Chapter 2", "Prevention"}},
           {"Sección 2 bis Víctimas", {"section", "Sección 2 bis", "Víctimas"}},
           {"TRANSITORIOS", {"transitory", "TRANSITORIOS", ""}},
           {"Artículos Transitorios", {"transitory", "Artículos Transitorios", ""}},
           {"Trafficking in Persons", {"heading", "", "Trafficking in Persons"}},
           {"CHAPTER 77—PEONAGE, SLAVERY, AND TRAFFICKING IN PERSONS",
            {"chapter", "CHAPTER 77", "PEONAGE, SLAVERY, AND TRAFFICKING IN PERSONS"}},
           {"SECTION II Offences", {"section", "SECTION II", "Offences"}},
       }) {
    EXPECT_EQ(path_step(c.heading), c.step) << c.heading << " -> {" << path_step(c.heading).kind << ", "
                                            << path_step(c.heading).label << ", " << path_step(c.heading).caption << "}";
  }
}

TEST(SegmentPassagesTest, EachPassageCarriesItsStructuredPath) {
  std::vector<TextBlock> blocks = {
      heading("TÍTULO PRIMERO", 1, 1),
      paragraph("Disposiciones Generales", 1),
      heading("CAPÍTULO I De la Competencia", 1),
      paragraph("Artículo 1o.- La presente Ley es de orden público e interés social.", 1),
      paragraph("Las disposiciones de esta Ley se aplicarán en todo el territorio.", 1),
      heading("TRANSITORIOS", 9),
      paragraph("Primero.- El presente Decreto entrará en vigor al día siguiente de su publicación.", 9),
  };
  auto passages = segment_passages(blocks);
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_EQ(passages[0].path, (std::vector<PathStep>{{"title", "TÍTULO PRIMERO", "Disposiciones Generales"},
                                                     {"chapter", "CAPÍTULO I", "De la Competencia"}}));
  EXPECT_EQ(passages[1].path, (std::vector<PathStep>{{"transitory", "TRANSITORIOS", ""}}))
      << "the transitory articles stand under no chapter";
}

// Captions as the laws of the legislation set print them (tests/data/law-structure.tsv has them all).
TEST(SegmentPassagesTest, CaptionsRunOnWithTheTextOrOnALineOfTheirOwn) {
  struct Case {
    std::string text;
    std::string article;
  };
  for (const Case& c : std::vector<Case>{
           {"Article 15 Other prevention measures\n1. Each State Party shall take measures.",
            "Article 15 Other prevention measures"},
           {"Article 7 Cooperation States Parties shall cooperate to the fullest extent possible.", "Article 7 Cooperation"},
           {"§ 1585. Seizure, detention, transportation or sale of slaves Whoever, being a citizen of the United "
            "States, seizes any other person.",
            "§ 1585. Seizure, detention, transportation or sale of slaves"},
           {"§ 1588. Transportation of slaves from United States Whoever, being the master of any vessel, receives "
            "any person.",
            "§ 1588. Transportation of slaves from United States"},
           {"Article 1 Each of the States Parties shall take all practicable measures.", "Article 1"},
           {"Artículo 129-Ñ.- El que obliga a una persona a trabajar en condiciones de esclavitud.", "Artículo 129-Ñ"},
           {"ART. 411 bis.- Tráfico de migrantes. El que con ánimo de lucro facilite la entrada ilegal.",
            "ART. 411 bis.- Tráfico de migrantes"},
       }) {
    auto passages = segment_passages({paragraph(c.text)});
    ASSERT_EQ(passages.size(), 1u) << c.text;
    EXPECT_EQ(passages[0].article, c.article) << c.text;
  }
  // The label and caption set as a heading, the text after it.
  auto set_apart = segment_passages({heading("Article 15 Other prevention measures"),
                                     paragraph("1. Each State Party shall take measures.")});
  ASSERT_EQ(set_apart.size(), 1u) << dump(set_apart);
  EXPECT_EQ(set_apart[0].article, "Article 15 Other prevention measures");
}

// A caption printed before its label: on the line before it (Brazil), at the end of the text before
// it after an opening quote (Peru), or alone before a section with a caption of its own, where it
// is a cross-heading (Canada).
TEST(SegmentPassagesTest, ACaptionPrintedBeforeItsLabelIsTheArticlesOrACrossHeading) {
  auto brazil = segment_passages({paragraph("Art. 146: Constranger alguém, mediante violência:"),
                                  paragraph("Pena- detenção, de três meses a um ano, ou multa. Ameaça"),
                                  paragraph("Art. 147: Ameaçar alguém, por palavra, escrito ou gesto.")});
  ASSERT_EQ(brazil.size(), 2u) << dump(brazil);
  EXPECT_EQ(split_article_caption(brazil[1].article).caption, "Ameaça");
  EXPECT_EQ(brazil[0].text.find("Ameaça"), std::string::npos) << "the caption left the text before it";
  EXPECT_NE(brazil[0].text.find("ou multa."), std::string::npos);

  auto peru = segment_passages(
      {paragraph("Artículo 129-A.- El que capta, transporta, traslada, acoge, recibe o retiene a otro será reprimido. "
                 "(*) Artículo modificado por la Ley N° 30251, publicada el 21 de octubre de 2014. "
                 "\xE2\x80\x9C" "Formas agravadas de la Trata de Personas"),
       paragraph("Artículo 129-B.- La pena será no menor de doce ni mayor de veinte años.")});
  ASSERT_EQ(peru.size(), 2u) << dump(peru);
  EXPECT_EQ(split_article_caption(peru[1].article).caption, "Formas agravadas de la Trata de Personas");
  EXPECT_EQ(peru[0].text.find("Formas agravadas"), std::string::npos);

  auto canada = segment_passages({heading("Criminal Code", 1, 1),
                                  paragraph("Kidnapping, Trafficking in Persons, Hostage Taking and Abduction"),
                                  paragraph("279.01 Trafficking in persons\n(1) Every person who recruits a person.")});
  ASSERT_EQ(canada.size(), 1u) << dump(canada);
  EXPECT_EQ(canada[0].path.back(), (PathStep{"heading", "", "Kidnapping, Trafficking in Persons, Hostage Taking and Abduction"}));
  EXPECT_EQ(split_article_caption(canada[0].article).caption, "Trafficking in persons");
}

// A treaty's chapters set as text ("I" + "General provisions"), a heading cut at a line end, and
// the Chilean code's "§ V bis." above its articles.
TEST(SegmentPassagesTest, ChaptersSetAsTextAndCaptionsCutAtALineEnd) {
  auto treaty = segment_passages({paragraph("I General provisions"), paragraph("Article 1 Relation with the Convention"),
                                  paragraph("This Protocol supplements the Convention."), paragraph("III"),
                                  paragraph("Prevention, cooperation and other measures"),
                                  paragraph("Article 9 Prevention of trafficking in persons\n1. States Parties shall act.")});
  ASSERT_EQ(treaty.size(), 2u) << dump(treaty);
  EXPECT_EQ(treaty[0].path.front(), (PathStep{"chapter", "I", "General provisions"}));
  EXPECT_EQ(treaty[1].path.front(), (PathStep{"chapter", "III", "Prevention, cooperation and other measures"}));

  auto cut = segment_passages({heading("CHAPTER V", 1, 2), heading("INVESTIGATION, PROSECUTION AND", 1, 1),
                               heading("PROCEDURAL LAW", 1, 1), paragraph("Article 27 Ex parte and ex officio applications")});
  ASSERT_EQ(cut.size(), 1u) << dump(cut);
  EXPECT_EQ(cut[0].path.front(), (PathStep{"chapter", "CHAPTER V", "INVESTIGATION, PROSECUTION AND PROCEDURAL LAW"}));

  auto chile = segment_passages({paragraph("§ V bis."), paragraph("De los delitos de tráfico ilícito de migrantes y trata de personas"),
                                 paragraph("ART. 411 bis.- Tráfico de migrantes. El que con ánimo de lucro facilite.")});
  ASSERT_EQ(chile.size(), 1u) << dump(chile);
  EXPECT_EQ(chile[0].path.front(),
            (PathStep{"section", "§ V bis", "De los delitos de tráfico ilícito de migrantes y trata de personas"}));
  EXPECT_EQ(split_article_caption(chile[0].article).label, "ART. 411 bis");
}

// Under "TRANSITORIOS" an ordinal opens an article: "Primero.-", "Décimo Cuarto.".
TEST(SegmentPassagesTest, TransitoryArticlesAreLabelledByTheirOrdinals) {
  auto passages = segment_passages({heading("TRANSITORIOS"), paragraph("Primero. La presente Ley entrará en vigor."),
                                    paragraph("Décimo Cuarto. Las procuradurías deberán crear fiscalías."),
                                    paragraph("Segundo lugar de la lista, sin punto")});
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_EQ(split_article_caption(passages[0].article).label, "Primero");
  EXPECT_EQ(split_article_caption(passages[1].article).label, "Décimo Cuarto");
  EXPECT_NE(passages[1].text.find("Segundo lugar"), std::string::npos) << "an ordinal without its stop is text";
  // Outside the transitory provisions an ordinal is a word like any other.
  auto plain = segment_passages({paragraph("Primero. Considerar el informe."), paragraph("Segundo. Aprobarlo.")});
  for (const auto& p : plain) EXPECT_TRUE(p.article.empty()) << p.text;
}

// Canada's Immigration and Refugee Protection Act numbers its sections without a word: "117 ...".
TEST(SegmentPassagesTest, SectionsNumberedWithoutAWordAreArticles) {
  auto passages = segment_passages(
      {paragraph("117 Organizing entry into Canada (1) No person shall organize the coming into Canada of persons."),
       paragraph("Penalties (2) A person who contravenes subsection (1) is guilty of an offence."),
       paragraph("118 Offence — trafficking in persons (1) No person shall knowingly organize the coming into Canada."),
       paragraph("119 Disembarking persons at sea A person shall not disembark a person at sea.")});
  ASSERT_EQ(passages.size(), 3u) << dump(passages);
  EXPECT_EQ(split_article_caption(passages[0].article).label, "117");
  EXPECT_EQ(split_article_caption(passages[0].article).caption, "Organizing entry into Canada");
  EXPECT_NE(passages[0].text.find("Penalties (2)"), std::string::npos) << "a subsection stays with its section";
  EXPECT_EQ(split_article_caption(passages[1].article).label, "118");
  EXPECT_EQ(split_article_caption(passages[2].article).label, "119");
  EXPECT_EQ(split_article_caption(passages[2].article).caption, "Disembarking persons at sea");
  // The caption on a line of its own, the subsection on the next.
  auto apart = segment_passages({paragraph("117 Entrée illégale"), paragraph("(1) Il est interdit à quiconque d’organiser."),
                                 paragraph("118 Trafic de personnes"), paragraph("(1) Commet une infraction quiconque.")});
  ASSERT_EQ(apart.size(), 2u) << dump(apart);
  EXPECT_EQ(split_article_caption(apart[1].article).label, "118");
  auto report = segment_passages({paragraph("12 Member States reported on the measures they took."),
                                  paragraph("13 Member States asked for training.")});
  for (const auto& p : report) EXPECT_TRUE(p.article.empty()) << "a number that follows no section is text: " << p.text;
  // "Article premier" is the first article of a French treaty.
  EXPECT_EQ(article_label("Article premier Les Gouvernements contractants"), "Article premier");
}

// A fraction or the rest of a sentence set in bold inside an article is text of the article, not a heading.
TEST(SegmentPassagesTest, BoldFractionsInsideAnArticleAreItsText) {
  auto passages = segment_passages({heading("CAPÍTULO II"), paragraph("Artículo 74. Las víctimas tendrán derecho a:"),
                                    paragraph("I. Ser informadas de sus derechos;"),
                                    heading("II. Comparecencia a través de Cámara de Gesell, y"),
                                    paragraph("III. Contar con asistencia."), heading("constituir el Fideicomiso denominado"),
                                    heading("CAPÍTULO III"), paragraph("Artículo 75. Las autoridades deberán actuar.")});
  ASSERT_EQ(passages.size(), 2u) << dump(passages);
  EXPECT_NE(passages[0].text.find("II. Comparecencia"), std::string::npos);
  EXPECT_NE(passages[0].text.find("III. Contar"), std::string::npos);
  EXPECT_NE(passages[0].text.find("constituir el Fideicomiso"), std::string::npos);
  EXPECT_EQ(passages[1].path.front(), (PathStep{"chapter", "CAPÍTULO III", ""}));
}

TEST(SegmentPassagesTest, NoBlocksNoPassages) { EXPECT_TRUE(segment_passages({}).empty()); }

}  // namespace
}  // namespace atip
