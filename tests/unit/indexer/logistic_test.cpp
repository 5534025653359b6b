// Logistic regression: it recovers the weights that made the data, and refuses what is no training set.
#include "link/logistic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace atip {
namespace {

TEST(LogisticTest, RecoversTheWeightsThatMadeTheData) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> feature(-2, 2), chance(0, 1);
  const double true_weights[] = {1.5, -2.0, 0.0};
  const double true_bias = 0.5;
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (int i = 0; i < 20000; ++i) {
    std::vector<double> row = {feature(random), feature(random), feature(random)};
    double z = true_bias;
    for (size_t j = 0; j < row.size(); ++j) z += true_weights[j] * row[j];
    y.push_back(chance(random) < 1 / (1 + std::exp(-z)));
    x.push_back(std::move(row));
  }
  LogisticOptions options;
  options.l2 = 0.01;
  auto model = train_logistic(x, y, options);
  ASSERT_TRUE(model.ok()) << model.error().message;
  for (size_t j = 0; j < 3; ++j) EXPECT_NEAR(model.value().weights[j], true_weights[j], 0.1) << "weight " << j;
  EXPECT_NEAR(model.value().bias, true_bias, 0.1);
  EXPECT_GT(model.value().probability({2, -2, 0}), 0.99);
  EXPECT_LT(model.value().probability({-2, 2, 0}), 0.01);
}

TEST(LogisticTest, APenaltyKeepsSeparableDataFinite) {
  // One feature separates the labels exactly: without the penalty its weight would grow without end.
  std::vector<std::vector<double>> x = {{0}, {0}, {0}, {1}, {1}};
  std::vector<int> y = {0, 0, 0, 1, 1};
  auto model = train_logistic(x, y);
  ASSERT_TRUE(model.ok()) << model.error().message;
  EXPECT_TRUE(std::isfinite(model.value().weights[0]));
  EXPECT_GT(model.value().probability({1}), model.value().probability({0}));
}

TEST(LogisticTest, WhatIsNoTrainingSetIsRefused) {
  EXPECT_FALSE(train_logistic({}, {}).ok());
  EXPECT_FALSE(train_logistic({{1, 2}, {1}}, {0, 1}).ok()) << "ragged rows";
  EXPECT_FALSE(train_logistic({{1}, {2}}, {0, 2}).ok()) << "a label other than 0 and 1";
  EXPECT_FALSE(train_logistic({{1}}, {0, 1}).ok()) << "labels and examples differ in number";
}

}  // namespace
}  // namespace atip
