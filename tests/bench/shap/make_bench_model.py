#!/usr/bin/python3
"""Writes the TreeSHAP benchmark inputs: an XGBoost model of 500 trees of depth DEPTH on 20
features and 20,000 rows to explain. Usage: make_bench_model.py OUTDIR DEPTH [TREES] [ROWS]"""
import os
import sys

import numpy as np
import xgboost as xgb


def main():
    out, depth = sys.argv[1], int(sys.argv[2])
    trees = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
    rng = np.random.default_rng(2026)
    X = rng.normal(size=(rows, 20)).astype(np.float32)
    y = X[:, 0] * 2 - X[:, 1] + X[:, 2] * X[:, 3] + np.sin(3 * X[:, 4]) + rng.normal(scale=0.5, size=rows)
    params = {"max_depth": depth, "eta": 0.05, "tree_method": "hist", "seed": 1, "nthread": 2,
              "min_child_weight": 0, "subsample": 0.8, "colsample_bytree": 0.8}
    booster = xgb.train(params, xgb.DMatrix(X, label=y), num_boost_round=trees)
    os.makedirs(out, exist_ok=True)
    booster.save_model(os.path.join(out, f"bench_d{depth}.json"))
    np.savetxt(os.path.join(out, "bench_rows.csv"), X, delimiter=",", fmt="%.9g",
               header=",".join(f"f{i}" for i in range(20)), comments="")


if __name__ == "__main__":
    main()
