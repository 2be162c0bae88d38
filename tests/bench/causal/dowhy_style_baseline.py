#!/usr/bin/python3
"""DoWhy-style refutation baseline: every simulation copies the data with pandas and refits
statsmodels OLS (outcome ~ const + treatment + common causes), as DoWhy's linear-regression
estimator and its placebo / random-common-cause / data-subset / bootstrap refuters do.

DoWhy itself is not installable here (no PyPI); this reproduces its per-simulation work.
It runs a few simulations per refuter on --rows rows, then scales the time per simulation
linearly in rows (OLS costs O(n p^2)) to --scale-rows and multiplies by --simulations.
Single process, as DoWhy's refuters run by default (n_jobs=1).

    /usr/bin/python3 dowhy_style_baseline.py --rows 20000 --scale-rows 1000000 --simulations 100
"""
import argparse
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm


def make_data(rows, common_causes, rng):
    x = rng.normal(size=(rows, common_causes))
    drive = x[:, ::3].sum(axis=1) * 0.2
    t = (drive + rng.normal(size=rows) > 0).astype(float)
    y = t + (x * (0.1 * (np.arange(common_causes) % 5))).sum(axis=1) + rng.normal(size=rows)
    df = pd.DataFrame(x, columns=[f"x{j}" for j in range(common_causes)])
    df["t"] = t
    df["y"] = y
    return df


def fit_effect(df, treatment, common_causes):
    design = sm.add_constant(df[[treatment] + common_causes], has_constant="add")
    return sm.OLS(df["y"], design).fit().params[treatment]


def placebo(df, causes, rng):
    new = df.copy()
    new["t"] = rng.permutation(new["t"].values)
    return fit_effect(new, "t", causes)


def random_common_cause(df, causes, rng):
    new = df.copy()
    new["w_random"] = rng.normal(size=len(new))
    return fit_effect(new, "t", causes + ["w_random"])


def subset(df, causes, rng):
    return fit_effect(df.sample(frac=0.8, random_state=rng.integers(2**31)), "t", causes)


def bootstrap(df, causes, rng):
    new = df.sample(n=len(df), replace=True, random_state=rng.integers(2**31))
    for c in causes:
        new[c] = new[c] + rng.normal(0.0, 0.1 * new[c].std(), size=len(new))
    return fit_effect(new, "t", causes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--common-causes", type=int, default=20)
    parser.add_argument("--scale-rows", type=int, default=1000000)
    parser.add_argument("--simulations", type=int, default=100)
    parser.add_argument("--measured-simulations", type=int, default=10)
    args = parser.parse_args()

    rng = np.random.default_rng(2026)
    df = make_data(args.rows, args.common_causes, rng)
    causes = [f"x{j}" for j in range(args.common_causes)]
    scale = args.scale_rows / args.rows

    start, cpu_start = time.perf_counter(), time.process_time()
    fit_effect(df, "t", causes)
    total = (time.perf_counter() - start) * scale
    total_cpu = (time.process_time() - cpu_start) * scale
    print(f"  baseline estimate              {total:9.2f} s projected")
    for name, refuter in [("placebo", placebo), ("random_common_cause", random_common_cause),
                          ("subset", subset), ("bootstrap", bootstrap)]:
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(args.measured_simulations):
            refuter(df, causes, rng)
        per_sim = (time.perf_counter() - start) / args.measured_simulations
        per_sim_cpu = (time.process_time() - cpu_start) / args.measured_simulations
        projected = per_sim * scale * args.simulations
        total += projected
        total_cpu += per_sim_cpu * scale * args.simulations
        print(f"  baseline {name:20s} {per_sim * 1e3:8.2f} ms/sim at {args.rows} rows -> {projected:9.2f} s projected")
    print(f"SECONDS_PER_FULL_RUN {total:.3f} {total_cpu:.3f}")


if __name__ == "__main__":
    main()
