#!/usr/bin/python3
"""Regenerates the causal fixtures: a confounded data set and statsmodels' OLS results for it.

Run with Debian's Python (it sees python3-statsmodels):  /usr/bin/python3 make_fixtures.py
"""
import json
import numpy as np
import statsmodels.api as sm

rng = np.random.default_rng(20261123)
n = 300
x = rng.normal(size=(n, 3))
x[:, 2] = (x[:, 2] > 0.3).astype(float)          # one binary common cause
logit = 0.6 * x[:, 0] - 0.5 * x[:, 1] + 0.4 * x[:, 2]
t = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-logit))).astype(float)
y = 1.5 * t + 1.0 * x[:, 0] + 0.7 * x[:, 1] - 0.8 * x[:, 2] + rng.normal(scale=1.3, size=n)

with open("confounded_binary.csv", "w") as f:
    f.write("treated,outcome,age_z,income_z,urban\n")
    for i in range(n):
        f.write(f"{t[i]:.0f},{y[i]!r},{x[i, 0]!r},{x[i, 1]!r},{x[i, 2]:.0f}\n")

design = sm.add_constant(np.column_stack([t, x]))
fit = sm.OLS(y, design).fit()
ci = fit.conf_int(0.05)[1]
expected = {
    "effect": fit.params[1],
    "std_error": fit.bse[1],
    "t_statistic": fit.tvalues[1],
    "p_value": fit.pvalues[1],
    "ci_low": ci[0],
    "ci_high": ci[1],
    "df_resid": fit.df_resid,
    "statsmodels": sm.__version__ if hasattr(sm, "__version__") else __import__("statsmodels").__version__,
}
with open("confounded_binary.statsmodels.json", "w") as f:
    json.dump(expected, f, indent=2)
    f.write("\n")
