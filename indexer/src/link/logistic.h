// Logistic regression on a few dense features, trained by Newton's method with an L2 penalty: how
// the linker weighs its kinds of evidence, learned from labelled links instead of set by hand.
#pragma once

#include <string>
#include <vector>

#include "atip/result.h"

namespace atip {

struct LogisticModel {
  std::vector<double> weights;  // one per feature
  double bias = 0;

  // The probability that an example with these features is positive.
  double probability(const std::vector<double>& x) const;
};

struct LogisticOptions {
  double l2 = 1.0;            // penalty on the weights (not the bias), in units of examples
  double positive_weight = 1; // how much a positive example counts against a negative one
  int max_iterations = 50;
  double tolerance = 1e-8;    // on the largest change of a weight in one step
};

// x[i] are the features of example i (all of one length), y[i] its label (0 or 1). Fails on no
// examples, ragged rows or labels other than 0 and 1.
Result<LogisticModel> train_logistic(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                                     const LogisticOptions& options = {});

}  // namespace atip
