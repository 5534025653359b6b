# Every third-party dependency is found here once and exposed as an IMPORTED target.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Debian's xapian-config.cmake only sets variables; pkg-config gives a proper target.
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core>=1.4.22)
add_library(atip::xapian ALIAS PkgConfig::XAPIAN)

pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp>=22.0)
add_library(atip::poppler ALIAS PkgConfig::POPPLER_CPP)

# OCR of scanned pages: Tesseract (LSTM) reads what Poppler renders; Leptonica is its image library.
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract>=5.0 lept)
add_library(atip::tesseract ALIAS PkgConfig::TESSERACT)

pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
add_library(atip::gumbo ALIAS PkgConfig::GUMBO)

pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
add_library(atip::xxhash ALIAS PkgConfig::XXHASH)

# Response compression: gzip (zlib) and Brotli.
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
add_library(atip::zlib ALIAS PkgConfig::ZLIB)
pkg_check_modules(BROTLIENC REQUIRED IMPORTED_TARGET libbrotlienc)
add_library(atip::brotlienc ALIAS PkgConfig::BROTLIENC)
pkg_check_modules(BROTLIDEC REQUIRED IMPORTED_TARGET libbrotlidec)  # tests read what the server compressed
add_library(atip::brotlidec ALIAS PkgConfig::BROTLIDEC)

find_package(Poco 1.11 REQUIRED COMPONENTS Foundation Net Util JSON)
find_package(pugixml 1.11 REQUIRED CONFIG)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)

# CLD2 ships neither pkg-config nor CMake files; libcld2.so holds code and tables.
find_path(CLD2_INCLUDE_DIR NAMES public/compact_lang_det.h PATH_SUFFIXES cld2 REQUIRED)
find_library(CLD2_LIBRARY NAMES cld2 REQUIRED)
add_library(atip::cld2 UNKNOWN IMPORTED)
set_target_properties(atip::cld2 PROPERTIES
  IMPORTED_LOCATION "${CLD2_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")

if(ATIP_BUILD_TESTS)
  find_package(GTest 1.12 REQUIRED CONFIG)
  include(GoogleTest)
endif()
