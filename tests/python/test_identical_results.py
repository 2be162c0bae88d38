"""CLI, module and console give bit-identical numbers for the same input (issue 19).

All three call the same library functions: `e2i-kernels shap` and the console's Explain tab
call shap::runShap (kernels/shap/ShapCommand.cpp, widgets/analysis/ExplainTab.cpp),
`e2i-kernels refute` and the Refute tab call causal::runRefutation, and the module calls both
(kernels/python). The CLI's and the console's outputs are text written in the shortest form
that reads back to the same double, so comparing bytes of float64 arrays here is exact.

The console path is run headless through the Explain tab itself (e2i-test-explain-export).
The tab computes interaction values for models of up to 32 features and shows each feature's
main effect as the sum of its row of the interaction matrix, in order (std::accumulate), so
its export is compared with the module's interaction values summed the same way
(np.add.accumulate is a strictly sequential sum). The Refute tab has no headless export path
in this test; it calls runRefutation as the CLI does.
"""
import json
import os
import subprocess
import tempfile
import unittest

import numpy as np

import e2i_kernels
from kernels_testing import (CAUSAL_DIR, EXPLAIN_EXPORT, model_groups, model_text, read_feature_rows,
                             read_interactions_csv, read_shap_csv, run_cli, same_bits, shap_fixture)

MODELS = ["reg_d3_missing", "multi_d4", "binary_d6_named", "cat_partition_d4"]


def write_rows_csv(path, X, names):
    """X as a CSV the CLI reads back exactly: repr() is the shortest round-trip text; NaN is empty."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(names) + "\n")
        for row in X:
            f.write(",".join("" if np.isnan(v) else repr(float(v)) for v in row) + "\n")


def feature_header(text, X):
    names = json.loads(text)["learner"].get("feature_names", [])
    return names or [f"f{i}" for i in range(X.shape[1])]


def sequential_row_sums(interactions):
    """Each row of each interaction matrix summed left to right, as the Explain tab does."""
    return np.add.accumulate(interactions, axis=-1)[..., -1]


class ShapCliAndModule(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def cli(self, name, *extra):
        out = os.path.join(self.dir.name, "out.csv")
        run_cli("shap", "--model", shap_fixture(name, "json"), "--data", shap_fixture(name, "data.csv"),
                "--out", out, "--threads", "2", *extra)
        return out

    def test_values(self):
        for name in MODELS:
            with self.subTest(model=name):
                text = model_text(name)
                cli = read_shap_csv(self.cli(name), model_groups(text))
                self.assertTrue(same_bits(e2i_kernels.shap(text, read_feature_rows(name)), cli))

    def test_interactions(self):
        for name in MODELS:
            with self.subTest(model=name):
                text = model_text(name)
                X = read_feature_rows(name)
                cli = read_interactions_csv(self.cli(name, "--interactions"), model_groups(text), X.shape[1] + 1)
                self.assertTrue(same_bits(e2i_kernels.shap(text, X, interactions=True), cli))

    def test_interventional_with_a_background(self):
        for name in MODELS:
            with self.subTest(model=name):
                text = model_text(name)
                X = read_feature_rows(name)
                background = X[::3]
                path = os.path.join(self.dir.name, "background.csv")
                write_rows_csv(path, background, feature_header(text, X))
                cli = read_shap_csv(self.cli(name, "--background", path), model_groups(text))
                self.assertTrue(same_bits(e2i_kernels.shap(text, X, background=background), cli))

    def test_float32_input_equals_the_cli_on_its_values(self):
        # A float32 array is explained as its float64 values; written as such, the CLI agrees.
        name = "binary_d6_named"
        text = model_text(name)
        X32 = read_feature_rows(name).astype(np.float32)
        data = os.path.join(self.dir.name, "data.csv")
        write_rows_csv(data, X32.astype(np.float64), feature_header(text, X32))
        out = os.path.join(self.dir.name, "out.csv")
        run_cli("shap", "--model", shap_fixture(name, "json"), "--data", data, "--out", out)
        self.assertTrue(same_bits(e2i_kernels.shap(text, X32), read_shap_csv(out, 1)))


@unittest.skipUnless(EXPLAIN_EXPORT, "E2I_EXPLAIN_EXPORT (the headless Explain tab) is not set")
class ShapConsoleAndModule(unittest.TestCase):
    def test_explain_tab_export(self):
        for name in MODELS:
            with self.subTest(model=name), tempfile.TemporaryDirectory() as out:
                done = subprocess.run([EXPLAIN_EXPORT, shap_fixture(name, "json"), shap_fixture(name, "data.csv"), out],
                                      capture_output=True, text=True, check=False)
                self.assertEqual(done.returncode, 0, done.stderr)
                text = model_text(name)
                console = read_shap_csv(os.path.join(out, "shap-values.csv"), model_groups(text))
                interactions = e2i_kernels.shap(text, read_feature_rows(name), interactions=True)
                self.assertTrue(same_bits(sequential_row_sums(interactions), console))


class RefuteCliAndModule(unittest.TestCase):
    """The CLI's --json report and the module's dict: the same content, every double exact."""

    SIMULATIONS = "20"  # enough for every refuter's test to run; the content, not the statistics, is compared

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        data = np.genfromtxt(os.path.join(CAUSAL_DIR, "confounded_binary.csv"), delimiter=",", names=True)
        self.columns = {name: np.ascontiguousarray(data[name]) for name in data.dtype.names}

    def cli(self, csv_path, causes, *extra):
        out = os.path.join(self.dir.name, "report.json")
        run_cli("refute", "--data", csv_path, "--treatment", "treated", "--outcome", "outcome", "--common-causes",
                ",".join(causes), "--simulations", self.SIMULATIONS, "--seed", "7", "--threads", "2", "--json",
                "--out", out, *extra)
        with open(out, encoding="utf-8") as f:
            return json.load(f)

    def module(self, data, causes, **extra):
        return e2i_kernels.refute(data, "treated", "outcome", causes, simulations=int(self.SIMULATIONS), seed=7,
                                  threads=1, **extra)

    def test_every_estimator(self):
        csv_path = os.path.join(CAUSAL_DIR, "confounded_binary.csv")
        causes = ["age_z", "income_z", "urban"]
        for estimator in ("linear", "ipw", "aipw"):
            with self.subTest(estimator=estimator):
                self.assertEqual(self.module(self.columns, causes, estimator=estimator, categorical=["urban"]),
                                 self.cli(csv_path, causes, "--estimator", estimator, "--categorical", "urban"))

    def test_text_column_is_categorical_as_in_a_csv(self):
        columns = dict(self.columns)
        columns["urban"] = np.where(columns["urban"] == 1, "city", "rural")
        csv_path = os.path.join(self.dir.name, "text.csv")
        with open(csv_path, "w", encoding="utf-8") as f:
            f.write("treated,outcome,age_z,urban\n")
            for t, y, a, u in zip(columns["treated"], columns["outcome"], columns["age_z"], columns["urban"]):
                f.write(f"{float(t)!r},{float(y)!r},{float(a)!r},{u}\n")
        causes = ["age_z", "urban"]
        self.assertEqual(self.module(columns, causes), self.cli(csv_path, causes))

    def test_selected_refuters_and_placebo_type(self):
        csv_path = os.path.join(CAUSAL_DIR, "confounded_binary.csv")
        causes = ["age_z", "income_z"]
        self.assertEqual(self.module(self.columns, causes, refuters=["placebo", "bootstrap"], placebo_type="random"),
                         self.cli(csv_path, causes, "--refuters", "placebo,bootstrap", "--placebo-type", "random"))


if __name__ == "__main__":
    unittest.main()
