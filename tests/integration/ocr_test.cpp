// Scanned pages made in the test from a Spanish law of ../shared/corpus-src/legislation (pdftoppm, then
// img2pdf): a scanned page is found by a Spanish query and says it was read by OCR; a PDF of text pages
// and a scanned page is read page by page. Skipped when the law or the tools are not there.
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <cstdlib>

#include "server_fixture.h"
#include "../shared_data.h"

namespace atip::testing {
namespace {

namespace fs = std::filesystem;
using Poco::JSON::Array;
using Poco::JSON::Object;

fs::path spanish_law() { return source_dir() / ".." / "shared" / "corpus-src" / "legislation" / "cl-ley-20507-es.pdf"; }

bool run(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }
std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

class OcrServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(spanish_law()) || !run("command -v pdftoppm") || !run("command -v img2pdf") ||
        !run("command -v pdfseparate") || !run("command -v pdfunite")) {
      return;
    }
    root_ = make_temp_dir("ocr");
    const fs::path work = root_ / "work", corpus = root_ / "corpus";
    fs::create_directories(work);
    fs::create_directories(corpus);
    // Page 2 of the law as a 200 dpi grey scan, the way a photocopier makes one.
    ASSERT_TRUE(run("pdftoppm -r 200 -gray -png -f 2 -l 2 -singlefile " + quoted(spanish_law()) + " " +
                    quoted(work / "page2")));
    ASSERT_TRUE(run("img2pdf " + quoted(work / "page2.png") + " -o " + quoted(corpus / "ley-escaneada.pdf")));
    // Pages 1 and 3 with their text layer around the scan of page 2.
    ASSERT_TRUE(run("pdfseparate -f 1 -l 3 " + quoted(spanish_law()) + " " + quoted(work / "page-%d.pdf")));
    ASSERT_TRUE(run("pdfunite " + quoted(work / "page-1.pdf") + " " + quoted(corpus / "ley-escaneada.pdf") + " " +
                    quoted(work / "page-3.pdf") + " " + quoted(corpus / "ley-mixta.pdf")));
    index_and_serve(corpus, root_, server_, port_, &report_);
  }
  static void TearDownTestSuite() {
    server_.reset();
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }
  void SetUp() override {
    if (!server_) ATIP_SKIP_OR_FAIL_WITHOUT_SHARED("the Spanish law of ../shared, pdftoppm, pdfseparate, pdfunite or img2pdf");
  }
  static Object::Ptr get_json(const std::string& uri) {
    auto r = http_request(port_, "GET", uri);
    EXPECT_EQ(r.status, 200) << uri << ": " << r.body;
    return r.json();
  }

  static inline fs::path root_;
  static inline std::unique_ptr<HttpServer> server_;
  static inline int port_ = 0;
  static inline IndexReport report_;
};

TEST_F(OcrServerTest, ScannedSpanishPageIsFoundByASpanishQueryAndSaysItWasReadByOcr) {
  EXPECT_EQ(report_.ocr_pages, 2) << "the scan, and page 2 of the mixed PDF";
  std::string q;
  Poco::URI::encode("cooperación eficaz del imputado", "&=+?#%/ \"", q);
  auto result = get_json("/api/v1/search?group=passage&size=20&language=es&q=" + q);
  Array::Ptr hits = result->getArray("hits");
  Object::Ptr scanned;
  for (size_t i = 0; hits && i < hits->size(); ++i) {
    Object::Ptr hit = hits->getObject(static_cast<unsigned>(i));
    if (hit->getValue<std::string>("id") == "ley-escaneada") {
      scanned = hit;
      break;
    }
  }
  ASSERT_TRUE(scanned) << result->getValue<long long>("total") << " hits, none of the scan";
  EXPECT_EQ(scanned->getValue<std::string>("language"), "es") << "found on the page, not in a sidecar";
  EXPECT_TRUE(scanned->getValue<bool>("ocr"));
  Object::Ptr passage = scanned->getObject("passage");
  EXPECT_TRUE(passage->getValue<bool>("ocr"));
  const double confidence = passage->getValue<double>("ocr_confidence");
  EXPECT_GT(confidence, 80);
  EXPECT_LE(confidence, 100);

  auto detail = get_json("/api/v1/documents/ley-escaneada/passages/" + std::to_string(passage->getValue<int>("n")));
  EXPECT_TRUE(detail->getValue<bool>("ocr"));
  EXPECT_NE(detail->getValue<std::string>("text").find("eficaz"), std::string::npos);
}

TEST_F(OcrServerTest, MixedPdfIsReadPageByPage) {
  auto document = get_json("/api/v1/documents/ley-mixta");
  EXPECT_TRUE(document->getValue<bool>("ocr"));
  EXPECT_EQ(document->getValue<int>("pages"), 3);
  Array::Ptr passages = document->getArray("passages");
  ASSERT_TRUE(passages);
  std::map<int, std::set<bool>> ocr_by_page;
  for (size_t i = 0; i < passages->size(); ++i) {
    Object::Ptr p = passages->getObject(static_cast<unsigned>(i));
    ocr_by_page[p->getValue<int>("page")].insert(p->getValue<bool>("ocr"));
  }
  EXPECT_EQ(ocr_by_page[1], std::set<bool>{false});
  EXPECT_EQ(ocr_by_page[2], std::set<bool>{true});
  EXPECT_EQ(ocr_by_page[3], std::set<bool>{false});
  // The scanned page's articles are passages of the document like the others.
  auto found = get_json("/api/v1/search?group=passage&size=20&q=%22cooperador%20eficaz%22");
  bool on_page_two = false;
  Array::Ptr hits = found->getArray("hits");
  for (size_t i = 0; hits && i < hits->size(); ++i) {
    Object::Ptr hit = hits->getObject(static_cast<unsigned>(i));
    if (hit->getValue<std::string>("id") == "ley-mixta") on_page_two |= hit->getObject("passage")->getValue<int>("page") == 2;
  }
  EXPECT_TRUE(on_page_two);
}

}  // namespace
}  // namespace atip::testing
