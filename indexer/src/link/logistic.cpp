#include "link/logistic.h"

#include <algorithm>
#include <cmath>

namespace atip {
namespace {

double sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }

// Solves a x = b for a symmetric positive definite a (n × n, row-major) by Cholesky; false when it
// is not positive definite.
bool solve(std::vector<double> a, std::vector<double>& b, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (d <= 0) return false;
    a[j * n + j] = std::sqrt(d);
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / a[j * n + j];
    }
  }
  for (size_t i = 0; i < n; ++i) {  // L y = b
    for (size_t k = 0; k < i; ++k) b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {  // L^T x = y
    for (size_t k = i + 1; k < n; ++k) b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return true;
}

}  // namespace

double LogisticModel::probability(const std::vector<double>& x) const {
  double z = bias;
  for (size_t i = 0; i < weights.size() && i < x.size(); ++i) z += weights[i] * x[i];
  return sigmoid(z);
}

Result<LogisticModel> train_logistic(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                                     const LogisticOptions& options) {
  if (x.empty() || x.size() != y.size()) return invalid_argument("logistic regression needs examples, one label each");
  const size_t features = x.front().size();
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i].size() != features) return invalid_argument("every example needs the same number of features");
    if (y[i] != 0 && y[i] != 1) return invalid_argument("labels are 0 or 1");
  }
  // Parameters: the weights, then the bias (the last column of ones).
  const size_t n = features + 1;
  std::vector<double> theta(n, 0.0);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    std::vector<double> gradient(n, 0.0), hessian(n * n, 0.0);
    for (size_t i = 0; i < x.size(); ++i) {
      double z = theta[features];
      for (size_t j = 0; j < features; ++j) z += theta[j] * x[i][j];
      const double p = sigmoid(z);
      const double c = y[i] ? options.positive_weight : 1.0;
      const double r = c * (p - y[i]);
      const double w = c * std::max(p * (1 - p), 1e-12);
      auto value = [&](size_t j) { return j == features ? 1.0 : x[i][j]; };
      for (size_t j = 0; j < n; ++j) {
        const double vj = value(j);
        if (vj == 0) continue;
        gradient[j] += r * vj;
        for (size_t k = 0; k <= j; ++k) hessian[j * n + k] += w * vj * value(k);
      }
    }
    for (size_t j = 0; j < n; ++j) {
      for (size_t k = j + 1; k < n; ++k) hessian[j * n + k] = hessian[k * n + j];
    }
    for (size_t j = 0; j < features; ++j) {
      gradient[j] += options.l2 * theta[j];
      hessian[j * n + j] += options.l2;
    }
    hessian[features * n + features] += 1e-9;  // a bias the data cannot fix (all labels alike) stays finite
    if (!solve(hessian, gradient, n)) return Error{ErrorCode::kInternal, "logistic regression did not converge"};
    double largest = 0;
    for (size_t j = 0; j < n; ++j) {
      theta[j] -= gradient[j];
      largest = std::max(largest, std::abs(gradient[j]));
    }
    if (largest < options.tolerance) break;
  }
  LogisticModel model;
  model.weights.assign(theta.begin(), theta.begin() + static_cast<long>(features));
  model.bias = theta[features];
  return model;
}

}  // namespace atip
