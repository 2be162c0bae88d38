"""e2i_tasks run in this process (Celery's apply(), no broker): the task reads its inputs as
`e2i-kernels` does and writes the CLI's output byte for byte; bad input fails with the
kernels' or the CLI's message. The same tasks on real workers: tests/integration/jobs."""
import json
import os
import tempfile
import unittest

import numpy as np

import e2i_kernels
from e2i_tasks.refute_task import refute
from e2i_tasks.shap_csv import shortest_text
from e2i_tasks.shap_tasks import explain
from kernels_testing import CAUSAL_DIR, model_text, read_feature_rows, run_cli, same_bits, shap_fixture

MODELS = ["reg_d3_missing", "multi_d4", "binary_d6_named", "cat_partition_d4"]


def run_task(task, **kwargs):
    """The task's return value, or its exception raised here."""
    return task.apply(kwargs=kwargs, throw=True).get()


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class ShapTaskLocally(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def cli(self, name, *extra):
        run_cli("shap", "--model", shap_fixture(name, "json"), "--data", shap_fixture(name, "data.csv"),
                "--out", self.path("cli.csv"), "--threads", "2", *extra)
        return read_bytes(self.path("cli.csv"))

    def test_csv_output_is_the_cli_output(self):
        for name in MODELS:
            for interactions in (False, True):
                with self.subTest(model=name, interactions=interactions):
                    run_task(explain, model=shap_fixture(name, "json"), data="file://" + shap_fixture(name, "data.csv"),
                             out=self.path("task.csv"), threads=2, interactions=interactions)
                    self.assertEqual(read_bytes(self.path("task.csv")),
                                     self.cli(name, *(["--interactions"] if interactions else [])))

    def test_background_csv_is_the_cli_output(self):
        name = "binary_d6_named"
        result = run_task(explain, model=shap_fixture(name, "json"), data=shap_fixture(name, "data.csv"),
                          background=shap_fixture(name, "data.csv"), out=self.path("task.csv"), threads=2)
        cli = self.cli(name, "--background", shap_fixture(name, "data.csv"))
        self.assertEqual(read_bytes(self.path("task.csv")), cli)
        self.assertEqual(result["parts"], 1)

    def test_npy_output_and_summary_are_the_module_values(self):
        name = "multi_d4"
        result = run_task(explain, model=shap_fixture(name, "json"), data=shap_fixture(name, "data.csv"),
                          out=self.path("task.npy"), threads=1)
        local = e2i_kernels.shap(model_text(name), read_feature_rows(name), threads=1)
        self.assertTrue(same_bits(np.load(self.path("task.npy")), local))
        self.assertEqual(result["shape"], list(local.shape))
        self.assertEqual(result["format"], "npy")
        self.assertEqual(list(result["mean_abs"].values()),
                         np.abs(local).reshape(-1, local.shape[-1]).mean(axis=0).tolist())

    def test_bad_cell_fails_with_file_line_and_column(self):
        with open(shap_fixture("reg_d3_missing", "data.csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        lines[3] = "abc" + lines[3][lines[3].index(","):]
        with open(self.path("bad.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        with self.assertRaisesRegex(ValueError, r"bad\.csv:4: column 'c0': 'abc' is not a number"):
            run_task(explain, model=shap_fixture("reg_d3_missing", "json"), data=self.path("bad.csv"),
                     out=self.path("out.csv"))
        self.assertFalse(os.path.exists(self.path("out.csv")))

    def test_broken_model_fails_with_the_kernels_message(self):
        with open(self.path("model.json"), "w", encoding="utf-8") as f:
            f.write('{"learner": {}}')
        with self.assertRaisesRegex(ValueError, r"model\.json: learner/learner_model_param: missing"):
            run_task(explain, model=self.path("model.json"), data=shap_fixture("reg_d3_missing", "data.csv"),
                     out=self.path("out.csv"))

    def test_value_infinite_as_float32_fails_with_the_cli_message(self):
        with open(self.path("inf.csv"), "w", encoding="utf-8") as f:
            f.write("c0,c1,c2,c3,c4\n1,2,3,4,5\n0,1e39,2,3,4\n")
        try:
            run_cli("shap", "--model", shap_fixture("reg_d3_missing", "json"), "--data", self.path("inf.csv"))
        except AssertionError as error:
            cli_error = str(error).splitlines()[-1].removeprefix("e2i-kernels shap: ")
        self.assertIn("inf.csv:3: column 'c1': value is infinite as a float32", cli_error)
        with self.assertRaises(ValueError) as raised:
            run_task(explain, model=shap_fixture("reg_d3_missing", "json"), data=self.path("inf.csv"),
                     out=self.path("out.csv"))
        self.assertEqual(str(raised.exception), cli_error)

    def test_locations_other_than_files_are_refused(self):
        with self.assertRaisesRegex(ValueError, "data: 'https://' locations are not supported"):
            run_task(explain, model=shap_fixture("reg_d1", "json"), data="https://example.invalid/x.csv",
                     out=self.path("out.csv"))
        with self.assertRaisesRegex(ValueError, "out: directory .*nowhere does not exist"):
            run_task(explain, model=shap_fixture("reg_d1", "json"), data=shap_fixture("reg_d1", "data.csv"),
                     out=self.path("nowhere/out.csv"))


class RefuteTaskLocally(unittest.TestCase):
    def test_report_is_the_cli_json(self):
        data = os.path.join(CAUSAL_DIR, "confounded_binary.csv")
        with tempfile.TemporaryDirectory() as directory:
            out = os.path.join(directory, "report.json")
            result = run_task(refute, data=data, treatment="treated", outcome="outcome",
                              common_causes="age_z,income_z,urban", simulations=20, seed=7, out=out, threads=1)
            cli = json.loads(run_cli("refute", "--data", data, "--treatment", "treated", "--outcome", "outcome",
                                     "--common-causes", "age_z,income_z,urban", "--simulations", "20", "--seed", "7",
                                     "--json", "--threads", "1"))
            with open(out, encoding="utf-8") as f:
                self.assertEqual(json.load(f), cli)
        self.assertEqual(result["report"], cli)

    def test_kernel_error_names_the_file(self):
        data = os.path.join(CAUSAL_DIR, "constant_treatment.csv")
        cli_error = None
        try:
            run_cli("refute", "--data", data, "--treatment", "treated", "--outcome", "outcome",
                    "--common-causes", "age_z")
        except AssertionError as error:
            cli_error = str(error).splitlines()[-1].removeprefix("e2i-kernels refute: ")
        self.assertIsNotNone(cli_error)
        with self.assertRaises(ValueError) as raised:
            run_task(refute, data=data, treatment="treated", outcome="outcome", common_causes=["age_z"])
        self.assertEqual(str(raised.exception), cli_error)


class ShortestText(unittest.TestCase):
    def test_as_std_to_chars(self):
        # std::to_chars picks the shorter of fixed and scientific, fixed on a tie.
        cases = [(0.0, "0"), (-0.0, "-0"), (1.0, "1"), (100000.0, "1e+05"), (123456.0, "123456"), (0.0001, "1e-04"),
                 (0.001, "0.001"), (1.5e16, "1.5e+16"), (1200.0, "1200"), (1e15, "1e+15"), (0.000123, "0.000123"),
                 (5e-324, "5e-324"), (-2.5, "-2.5")]
        for value, text in cases:
            self.assertEqual(shortest_text(value), text, repr(value))


if __name__ == "__main__":
    unittest.main()
