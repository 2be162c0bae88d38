#!/usr/bin/python3
"""Side-by-side TreeSHAP throughput: XGBoost's own pred_contribs against `e2i-kernels shap`
(fast and classic), same model, same rows, same thread count, in one run.

    /usr/bin/python3 tests/bench/shap/bench_vs_xgboost.py BUILD_DIR [--depths 4 8 12]
        [--rows 20000] [--xgb-rows 2000] [--classic-rows 20000] [--threads 2]

Models (500 trees, 20 features, trained on 20,000 rows) are made once by make_bench_model.py
into BUILD_DIR/shap-bench. XGBoost 1.7 manages ~95 rows/s at depth 8 on 2 threads, so by default
it explains the first --xgb-rows rows only, and our classic algorithm (as slow) the first
--classic-rows; rows/s is what is compared. Our figures are wall
time of the whole command (model load, CSV read, output write included).
"""
import argparse
import os
import resource
import subprocess
import sys
import time

import numpy as np
import xgboost as xgb

HERE = os.path.dirname(os.path.abspath(__file__))


def ensure_model(out, depth):
    """The model is trained on 20,000 rows, kept in bench_rows.csv."""
    model = os.path.join(out, f"bench_d{depth}.json")
    all_rows = os.path.join(out, "bench_rows.csv")
    if not (os.path.exists(model) and os.path.exists(all_rows)):
        subprocess.run([sys.executable, os.path.join(HERE, "make_bench_model.py"), out, str(depth)], check=True)
    return model


def first_rows(out, rows):
    """A CSV of the first `rows` training rows."""
    all_rows = os.path.join(out, "bench_rows.csv")
    data = os.path.join(out, f"rows_{rows}.csv")
    with open(all_rows) as source, open(data, "w") as target:
        for _ in range(rows + 1):
            target.write(source.readline())
    return data


def cpu_seconds(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def xgboost_rows_per_second(model, data, rows, threads):
    """(rows per wall second, rows per CPU second)"""
    booster = xgb.Booster(model_file=model)
    booster.set_param({"nthread": threads})
    X = np.loadtxt(data, delimiter=",", skiprows=1, dtype=np.float32, max_rows=rows)
    matrix = xgb.DMatrix(X, nthread=threads)
    cpu, start = cpu_seconds(resource.RUSAGE_SELF), time.perf_counter()
    booster.predict(matrix, pred_contribs=True)
    return len(X) / (time.perf_counter() - start), len(X) / (cpu_seconds(resource.RUSAGE_SELF) - cpu)


def ours_rows_per_second(binary, model, data, rows, threads, algorithm):
    """(rows per wall second, rows per CPU second) of the whole command"""
    cpu, start = cpu_seconds(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([binary, "shap", "--model", model, "--data", data, "--out", os.devnull, "--threads", str(threads),
                    "--algorithm", algorithm], check=True)
    return rows / (time.perf_counter() - start), rows / (cpu_seconds(resource.RUSAGE_CHILDREN) - cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--depths", type=int, nargs="+", default=[4, 8, 12])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--xgb-rows", type=int, default=2000)
    parser.add_argument("--classic-rows", type=int, default=20000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    binary = os.path.join(args.build, "kernels", "cli", "e2i-kernels")
    out = os.path.join(args.build, "shap-bench")
    # CPU-second figures stay comparable when other work shares the machine; wall figures do not.
    print(f"| depth | XGBoost {xgb.__version__} rows/s (per CPU s) | classic rows/s (per CPU s) | "
          "fast rows/s (per CPU s) | fast / XGBoost wall (CPU) |")
    print("|---|---|---|---|---|")
    for depth in args.depths:
        model = ensure_model(out, depth)
        theirs = xgboost_rows_per_second(model, first_rows(out, args.xgb_rows), args.xgb_rows, args.threads)
        classic_rows = min(args.classic_rows, args.rows)
        classic = ours_rows_per_second(binary, model, first_rows(out, classic_rows), classic_rows, args.threads,
                                       "classic")
        fast = ours_rows_per_second(binary, model, first_rows(out, args.rows), args.rows, args.threads, "fast")
        print(f"| {depth} | {theirs[0]:.0f} ({theirs[1]:.0f}) | {classic[0]:.0f} ({classic[1]:.0f}) | "
              f"{fast[0]:.0f} ({fast[1]:.0f}) | {fast[0] / theirs[0]:.1f}x ({fast[1] / theirs[1]:.1f}x) |", flush=True)


if __name__ == "__main__":
    main()
