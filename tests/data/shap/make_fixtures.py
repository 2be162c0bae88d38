#!/usr/bin/python3
"""Regenerates the XGBoost fixtures for tests/kernels/shap (see README.md).

Run with Debian's interpreter, which sees python3-xgboost 1.7.4:
    /usr/bin/python3 tests/data/shap/make_fixtures.py
Every model, data set and expected value comes from fixed seeds, so a rerun with the same
XGBoost version rewrites identical files.
"""
import os

import numpy as np
import xgboost as xgb

HERE = os.path.dirname(os.path.abspath(__file__))
TEST_ROWS = 40


def make_data(rng, rows, features, missing_rate):
    X = rng.normal(size=(rows, features)).astype(np.float32)
    # A few repeated values put rows exactly on split thresholds, where < versus <= matters.
    X[:, 0] = np.round(X[:, 0], 1)
    if missing_rate:
        X[rng.random(X.shape) < missing_rate] = np.nan
    return X


def make_target(rng, X, kind, classes=3):
    Z = np.nan_to_num(X)
    signal = Z[:, 0] * 1.5 - Z[:, 1] + 0.8 * Z[:, 0] * Z[:, 2] + np.sin(Z[:, -1])
    if kind == "regression":
        return signal + rng.normal(scale=0.3, size=len(X))
    if kind == "binary":
        return (signal + rng.normal(scale=0.5, size=len(X)) > 0).astype(np.float32)
    if kind == "count":
        return rng.poisson(np.exp(np.clip(signal * 0.4, -3, 3)))
    return np.digitize(signal, np.quantile(signal, np.linspace(0, 1, classes + 1)[1:-1]))


def write_csv(path, header, rows, fmt="%.9g"):
    with open(path, "w") as out:
        out.write(",".join(header) + "\n")
        for row in rows:
            out.write(",".join("" if np.isnan(v) else fmt % v for v in row) + "\n")


def contribution_rows(contribs, groups):
    """(rows, [groups,] cols) -> list of rows, one per (row, group), rows first."""
    if groups == 1:
        return [list(r) for r in contribs]
    return [[g] + list(contribs[r, g]) for r in range(contribs.shape[0]) for g in range(groups)]


def interaction_rows(inter, groups):
    """(rows, [groups,] cols, cols) -> one line per (row, group, feature): row, [class,] feature, values."""
    if groups == 1:
        inter = inter[:, None, :, :]
    out = []
    for r in range(inter.shape[0]):
        for g in range(inter.shape[1]):
            for i in range(inter.shape[2]):
                prefix = [r, g, i] if groups > 1 else [r, i]
                out.append(prefix + list(inter[r, g, i]))
    return out


def build(name, kind, features, depth, rounds, train_rows, missing_rate, named, interactions, seed, extra=None):
    rng = np.random.default_rng(seed)
    X = make_data(rng, train_rows, features, missing_rate)
    y = make_target(rng, X, kind)
    names = [f"x_{i}" for i in range(features)] if named else None
    params = {"max_depth": depth, "eta": 0.3, "seed": seed, "tree_method": "exact", "nthread": 1,
              "base_score": 0.5 if kind != "count" else 1.7}
    params["objective"] = {"regression": "reg:squarederror", "binary": "binary:logistic",
                           "count": "count:poisson", "multi": "multi:softprob"}[kind]
    if kind == "multi":
        params["num_class"] = 3
    params.update(extra or {})
    train = xgb.DMatrix(X, label=y, feature_names=names, missing=np.nan)
    booster = xgb.train(params, train, num_boost_round=rounds)
    booster.save_model(os.path.join(HERE, f"{name}.json"))

    Xt = make_data(rng, TEST_ROWS, features, missing_rate)
    header = names or [f"c{i}" for i in range(features)]
    write_csv(os.path.join(HERE, f"{name}.data.csv"), header, Xt)
    test = xgb.DMatrix(Xt, feature_names=names, missing=np.nan)
    groups = 3 if kind == "multi" else 1
    margin = booster.predict(test, output_margin=True)
    write_csv(os.path.join(HERE, f"{name}.margin.csv"),
              ["class", "margin"] if groups > 1 else ["margin"],
              [[g, margin[r, g]] for r in range(TEST_ROWS) for g in range(groups)] if groups > 1
              else [[m] for m in margin])
    contribs = booster.predict(test, pred_contribs=True)
    out_header = (["class"] if groups > 1 else []) + header + ["bias"]
    write_csv(os.path.join(HERE, f"{name}.contribs.csv"), out_header, contribution_rows(contribs, groups))
    if interactions:
        inter = booster.predict(test, pred_interactions=True)
        write_csv(os.path.join(HERE, f"{name}.interactions.csv"),
                  ["row"] + (["class"] if groups > 1 else []) + ["feature"] + header + ["bias"],
                  interaction_rows(inter, groups))


def main():
    build("reg_d1", "regression", 4, 1, 40, 400, 0.0, False, True, 11)
    build("reg_d3_missing", "regression", 5, 3, 20, 400, 0.15, False, True, 12)
    build("binary_d6_named", "binary", 8, 6, 25, 1500, 0.1, True, True, 13)
    build("multi_d4", "multi", 6, 4, 8, 900, 0.05, True, True, 14)
    build("poisson_d4", "count", 5, 4, 10, 800, 0.0, False, False, 15)
    build("reg_d12", "regression", 10, 12, 6, 6000, 0.05, False, False, 16, {"min_child_weight": 0})
    # binary:logitraw keeps base_score as a raw margin (no logit): 0.3 tells the two apart.
    build("logitraw_d3", "binary", 4, 3, 12, 600, 0.05, False, True, 17,
          {"objective": "binary:logitraw", "base_score": 0.3})


if __name__ == "__main__":
    main()
