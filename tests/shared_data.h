// Tests that read ../shared (the larger sets that are not committed: corpus-src, seeds, eval): on a
// developer's machine without it they are skipped; under CI (the CI variable set, as .ci/run sets it)
// a missing ../shared is a broken set-up, and they fail.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>

#define ATIP_SKIP_OR_FAIL_WITHOUT_SHARED(what)                                              \
  do {                                                                                      \
    if (std::getenv("CI")) GTEST_FAIL() << (what) << " is missing, and CI runs every test"; \
    GTEST_SKIP() << (what) << " is absent: skipped";                                        \
  } while (false)
