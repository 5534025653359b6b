// The record codec: what the indexer stores is what the server and the archive read back, records
// written by earlier indexers still read, and damaged ones fail with a message instead of a crash.
#include <gtest/gtest.h>

#include <string>

#include "atip/records.h"

namespace atip::records {
namespace {

Passage full_passage() {
  Passage p;
  p.document = "mx-ley-trata-2012-es";
  p.n = 42;
  p.page = 7;
  p.heading = "TÍTULO SEGUNDO › CAPÍTULO II";
  p.article = "Artículo 10";
  p.caption = "De los delitos en materia de trata";
  p.path = {{"title", "TÍTULO SEGUNDO", ""}, {"chapter", "CAPÍTULO II", "De la protección"}, {"article", "Artículo 10", ""}};
  p.language = "es";
  p.date = "2012-06-14";
  p.place = "Ciudad de México";
  p.footnote = true;
  p.ocr = true;
  p.ocr_confidence = 91.25;
  p.text = "Toda acción u omisión dolosa \"entre comillas\"\n\tcon \\ barra y \u00e1cento \xF0\x9F\x98\x80";
  p.countries = {"MX", "GT"};
  p.orgs = {"OAS"};
  p.links = {{"mandate:3", 0, "concept", 0.625, "", {"trata de personas", "explotación"}},
             {"activity:37", 0, "reference", 1, "rejected", {}}};
  return p;
}

Document full_document() {
  Document d;
  d.id = "gs-report-2012-2014";
  d.title = "Report of the General Secretariat (Period 2012-2013)";
  d.type = "report";
  d.symbols = {"OEA/Ser.K/XXXIX", "RTP-III/doc.5/12"};
  d.language = "en";
  d.date = "2014-03-01";
  d.years = {2012, 2013};
  d.jurisdiction = "INT";
  d.source = "https://www.oas.org/x.pdf";
  d.note = "scanned";
  d.countries = {"US"};
  d.orgs = {"UNODC", "IOM"};
  d.pages = 31;
  d.ocr_pages = {3, 4};
  d.ocr_confidence = 88.5;
  d.file = {"/srv/corpus/oas/x.pdf", "x.pdf", "application/pdf", 5'000'000'000LL, "sha256:abc"};
  d.symbol_keys = {"oea/ser.k/xxxix", "rtp-iii/doc.5/12"};
  d.passages = {{1, 1, "I. Introduction", "", "", {}, "en", "", false, false, {"mandate:1"}},
                {2, 3, "II", "Art. 3", "Definitions", {{"part", "II", ""}, {"article", "Art. 3", "Definitions"}}, "en",
                 "2013-01-01", true, true, {}}};
  d.link_details = {{"mandate:1", 1, "section", 0.9, "confirmed", {"mandate 1"}}, {"activity:2", 2, "concept", 0.3, "rejected", {}}};
  d.cites = {{"AG/RES. 2551 (XL-O/10)", "ag/res.2551(xl-o/10)"}};
  return d;
}

TEST(RecordCodecTest, EveryRecordReadsBackAsItWasWritten) {
  const Passage passage = full_passage();
  auto p = decode_passage(encode(passage));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p.value(), passage);

  Passage earlier = passage;
  earlier.version = 3;
  auto v = decode_passage(encode(earlier));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value().version, 3);

  const Document document = full_document();
  auto d = decode_document(encode(document));
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d.value(), document);

  const WorkPlan plan{"workplan-2010-2014", "OEA/Ser.K/XXXIX.3",
                      {{"mandate:7", "mandate", 7, "general-secretariat", "Information", "To compile \"national\" legislation"},
                       {"activity:37", "activity", 37, "protection", "Shelters", "Establish shelters"}}};
  auto w = decode_workplan(encode(plan));
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(w.value(), plan);

  const Citations citations{{{"AG/RES. 2551 (XL-O/10)", "ag-res-2551"}, {"RTP-IV/doc.9", ""}}, {"gs-report-2012-2014", "workplan-2010-2014"}};
  auto c = decode_citations(encode(citations));
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c.value(), citations);
}

TEST(RecordCodecTest, EmptyOptionalFieldsAreNullAndNothingElseIsWritten) {
  Passage p;
  p.document = "d";
  p.n = 1;
  const std::string json = encode(p);
  EXPECT_NE(json.find("\"article\":null"), std::string::npos) << json;
  EXPECT_NE(json.find("\"date\":null"), std::string::npos) << json;
  EXPECT_EQ(json.find("version"), std::string::npos) << "a current passage has no version: " << json;
  EXPECT_EQ(json.find("ocr_confidence"), std::string::npos) << "only OCR pages have a confidence: " << json;
  auto back = decode_passage(json);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), p);
}

// A record as the indexer of pipeline version 6 wrote it (JsonWriter, an earlier version spliced in
// front): indexes written then are read without a re-index.
TEST(RecordCodecTest, RecordsWrittenByEarlierIndexersStillRead) {
  const std::string passage =
      R"({"version":2,"doc":"pe-ley","n":5,"page":2,"heading":"Título I","article":"Artículo 2","caption":null,)"
      R"("path":[{"kind":"title","label":"TÍTULO I","caption":null},{"kind":"article","label":"Artículo 2","caption":null}],)"
      R"("language":"es","date":null,"place":"","footnote":false,"ocr":false,"text":"Definiciones\u00e1",)"
      R"("countries":["PE"],"orgs":[],"links":[{"item":"mandate:2","method":"concept","score":0.5,"status":"","basis":["trata"]}]})";
  auto p = decode_passage(passage);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p.value().version, 2);
  EXPECT_EQ(p.value().document, "pe-ley");
  EXPECT_EQ(p.value().caption, "");
  EXPECT_EQ(p.value().path.size(), 2u);
  EXPECT_EQ(p.value().text, "Definiciones\xC3\xA1");
  ASSERT_EQ(p.value().links.size(), 1u);
  EXPECT_EQ(p.value().links[0].basis, std::vector<std::string>{"trata"});

  // Before OCR and structure: no ocr_pages, no path, no symbol_keys, an integer score.
  const std::string document =
      R"({"id":"a","title":"T","type":"law","symbols":[],"language":"en","date":"2010","years":[2010],)"
      R"("jurisdiction":"US","source":"","note":"","countries":[],"orgs":[],"pages":3,)"
      R"("file":{"path":"/c/a.pdf","name":"a.pdf","content_type":"application/pdf","size":1234,"hash":"h"},)"
      R"("passages":[{"n":1,"page":1,"heading":"","links":["mandate:1"]}],)"
      R"("link_details":[{"item":"mandate:1","passage":1,"method":"reference","score":1,"status":"","basis":[]}],"cites":[]})";
  auto d = decode_document(document);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d.value().file.size, 1234);
  EXPECT_TRUE(d.value().ocr_pages.empty());
  ASSERT_EQ(d.value().passages.size(), 1u);
  EXPECT_TRUE(d.value().passages[0].path.empty());
  EXPECT_DOUBLE_EQ(d.value().link_details[0].score, 1.0);
}

TEST(RecordCodecTest, BytesThatAreNoUtf8BecomeReplacementCharacters) {
  Passage p;
  p.document = "d";
  p.text = std::string("caf\xE9 ok \xC3\xA9 \xFF");  // Latin-1 é, UTF-8 é, a stray byte
  const std::string json = encode(p);
  auto back = decode_passage(json);
  ASSERT_TRUE(back.ok()) << back.error().message << "\n" << json;
  EXPECT_EQ(back.value().text, "caf\xEF\xBF\xBD ok \xC3\xA9 \xEF\xBF\xBD");
}

struct Damaged {
  const char* what;
  std::string json;
};

TEST(RecordCodecTest, DamagedRecordsFailWithAMessage) {
  const Damaged cases[] = {
      {"empty", ""},
      {"truncated", R"({"doc":"a","n":1,"text":"abc)"},
      {"not an object", R"(["a","b"])"},
      {"a number where text is", R"({"doc":"a","n":"five"})"},
      {"links that are not objects", R"({"doc":"a","links":["mandate:1"]})"},
      {"a path that is a string", R"({"doc":"a","path":"chapter"})"},
      {"binary", std::string("\x00\x01\x02", 3)},
  };
  for (const auto& c : cases) {
    auto p = decode_passage(c.json);
    ASSERT_FALSE(p.ok()) << c.what;
    EXPECT_EQ(p.error().code, ErrorCode::kInternal) << c.what;
    EXPECT_NE(p.error().message.find("damaged passage data"), std::string::npos) << c.what << ": " << p.error().message;
  }
  auto d = decode_document(R"({"id":"a","file":"not an object"})");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("damaged document record"), std::string::npos) << d.error().message;
  EXPECT_FALSE(decode_workplan(R"({"items":[1,2]})").ok());
  EXPECT_FALSE(decode_citations("{").ok());
}

}  // namespace
}  // namespace atip::records
