#!/usr/bin/python3
"""Regenerates the categorical XGBoost fixtures for tests/kernels/shap (see README.md).

Run with Debian's interpreter, which sees python3-xgboost 1.7.4:
    /usr/bin/python3 tests/data/shap/make_categorical_fixtures.py
Models are trained on pandas category columns (enable_categorical=True, tree_method=hist);
the test rows hold the category codes XGBoost saw, plus missing cells, codes the model never
saw and a negative code, to pin down where XGBoost sends each of them.
"""
import os

import numpy as np
import pandas as pd
import xgboost as xgb

from make_fixtures import HERE, TEST_ROWS, contribution_rows, interaction_rows, write_csv

NAMES = ["colour", "x_0", "shape", "x_1"]
TYPES = ["c", "q", "c", "q"]
LEVELS = {"colour": 8, "shape": 4}


def make_frame(rng, rows, missing_rate, unseen):
    """Codes 0..levels-1; with `unseen`, some cells get codes past the last level or -1."""
    cols = {}
    for name in NAMES:
        if name in LEVELS:
            v = rng.integers(0, LEVELS[name], rows).astype(np.float32)
            if unseen:
                pick = rng.random(rows)
                v[pick < 0.08] = LEVELS[name] + rng.integers(0, 3, rows)[pick < 0.08]
                v[(pick >= 0.08) & (pick < 0.11)] = -1.0
        else:
            v = rng.normal(size=rows).astype(np.float32)
            v = np.round(v, 1)
        v[rng.random(rows) < missing_rate] = np.nan
        if unseen and name in LEVELS:
            # Every case at least once, whatever the draws: missing, unseen codes, -1.
            first = 3 * list(LEVELS).index(name)
            v[first:first + 4] = [np.nan, LEVELS[name], LEVELS[name] + 2, -1.0]
        cols[name] = v
    return pd.DataFrame(cols)[NAMES]


def make_target(rng, X, binary):
    c = np.nan_to_num(X["colour"].to_numpy(), nan=0.0)
    s = np.nan_to_num(X["shape"].to_numpy(), nan=0.0)
    x0 = np.nan_to_num(X["x_0"].to_numpy())
    x1 = np.nan_to_num(X["x_1"].to_numpy())
    signal = np.where(np.isin(c, [1, 3, 4, 6]), 1.5, -1.0) + np.where(s == 2, 1.0, 0.0) + x0 - 0.5 * x1 * (c == 5)
    if binary:
        return (signal + rng.normal(scale=0.5, size=len(X)) > 0).astype(np.float32)
    return signal + rng.normal(scale=0.3, size=len(X))


def build(name, binary, max_cat_to_onehot, depth, rounds, seed):
    rng = np.random.default_rng(seed)
    X = make_frame(rng, 1200, 0.05, unseen=False)
    y = make_target(rng, X, binary)
    for col in LEVELS:
        X[col] = pd.Categorical(X[col], categories=[float(k) for k in range(LEVELS[col])])
    params = {"max_depth": depth, "eta": 0.3, "seed": seed, "tree_method": "hist", "nthread": 1,
              "base_score": 0.5, "max_cat_to_onehot": max_cat_to_onehot,
              "objective": "binary:logistic" if binary else "reg:squarederror"}
    booster = xgb.train(params, xgb.DMatrix(X, label=y, enable_categorical=True), num_boost_round=rounds)
    booster.save_model(os.path.join(HERE, f"{name}.json"))

    # Test rows go in as a plain float matrix with feature_types, as the CSV holds them: a
    # pandas category column could not carry the unseen or negative codes.
    Xt = make_frame(rng, TEST_ROWS, 0.1, unseen=True).to_numpy(dtype=np.float32)
    write_csv(os.path.join(HERE, f"{name}.data.csv"), NAMES, Xt)
    test = xgb.DMatrix(Xt, feature_names=NAMES, feature_types=TYPES, enable_categorical=True, missing=np.nan)
    margin = booster.predict(test, output_margin=True)
    write_csv(os.path.join(HERE, f"{name}.margin.csv"), ["margin"], [[m] for m in margin])
    contribs = booster.predict(test, pred_contribs=True, approx_contribs=False)
    write_csv(os.path.join(HERE, f"{name}.contribs.csv"), NAMES + ["bias"], contribution_rows(contribs, 1))
    inter = booster.predict(test, pred_interactions=True, approx_contribs=False)
    write_csv(os.path.join(HERE, f"{name}.interactions.csv"), ["row", "feature"] + NAMES + ["bias"],
              interaction_rows(inter, 1))


def main():
    # max_cat_to_onehot 1: every categorical split partitions the levels into two sets.
    build("cat_partition_d4", False, 1, 4, 12, 21)
    # max_cat_to_onehot 16 (more than either column's levels): one level against the rest.
    build("cat_onehot_d3", True, 16, 3, 10, 22)


if __name__ == "__main__":
    main()
