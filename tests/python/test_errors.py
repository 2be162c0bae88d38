"""Errors come back as Python exceptions with the kernels' messages, and Ctrl-C stops a run."""
import os
import signal
import subprocess
import sys
import unittest

import numpy as np

import e2i_kernels
from kernels_testing import CAUSAL_DIR, model_text, read_feature_rows

# How long a cancelled run may take to end: the kernels stop within one batch of rows, which
# takes milliseconds; the bound is only there so that a hang fails instead of blocking ctest.
INTERRUPT_DEADLINE_S = 30


class ShapInputErrors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = model_text("reg_d3_missing")
        cls.X = read_feature_rows("reg_d3_missing")

    def assertValueError(self, expected_text, call):
        with self.assertRaises(ValueError) as caught:
            call()
        self.assertIn(expected_text, str(caught.exception))

    def test_model_that_is_not_json(self):
        self.assertValueError("model_json: not valid JSON", lambda: e2i_kernels.shap("{", self.X))

    def test_model_without_trees_names_the_field(self):
        # The kernel's ModelError: "model_json: FIELD: reason".
        self.assertValueError("model_json: learner", lambda: e2i_kernels.shap('{"learner": {}}', self.X))

    def test_wrong_feature_count(self):
        self.assertValueError(f"the data has 2 features but the model has {self.X.shape[1]}",
                              lambda: e2i_kernels.shap(self.text, self.X[:, :2]))

    def test_rows_must_be_2d(self):
        self.assertValueError("X must be 2-D", lambda: e2i_kernels.shap(self.text, self.X[0]))
        self.assertValueError("X must be 2-D", lambda: e2i_kernels.shap(self.text, self.X[None]))

    def test_text_is_not_a_number(self):
        self.assertValueError("X must be a 2-D array of numbers", lambda: e2i_kernels.shap(self.text, [["a", "b"]]))

    def test_infinite_value_named_by_position(self):
        X = self.X.copy()
        X[3, 1] = np.inf
        self.assertValueError("X[3, 1] is infinite as a float32", lambda: e2i_kernels.shap(self.text, X))

    def test_background_with_interactions(self):
        self.assertValueError("path-dependent only",
                              lambda: e2i_kernels.shap(self.text, self.X, interactions=True, background=self.X))

    def test_background_too_large(self):
        background = np.zeros((1001, self.X.shape[1]))
        self.assertValueError("between 1 and 1000", lambda: e2i_kernels.shap(self.text, self.X, background=background))

    def test_threads_out_of_range(self):
        self.assertValueError("threads must be a whole number from 1 to 1024",
                              lambda: e2i_kernels.shap(self.text, self.X, threads=0))


class RefuteInputErrors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        data = np.genfromtxt(os.path.join(CAUSAL_DIR, "confounded_binary.csv"), delimiter=",", names=True)
        cls.columns = {name: np.ascontiguousarray(data[name]) for name in data.dtype.names}

    def refute(self, columns=None, causes=("age_z",), **options):
        return e2i_kernels.refute(self.columns if columns is None else columns, "treated", "outcome", list(causes),
                                  simulations=10, **options)

    def test_missing_columns_are_all_named(self):
        with self.assertRaisesRegex(ValueError, "no column named 'nope', 'zz'"):
            self.refute(causes=("nope", "zz"))

    def test_missing_value_names_line_and_column(self):
        columns = dict(self.columns, age_z=self.columns["age_z"].copy())
        columns["age_z"][3] = np.nan
        with self.assertRaisesRegex(ValueError, r"data:5: column 'age_z': missing or non-finite value"):
            self.refute(columns)

    def test_columns_of_different_lengths(self):
        with self.assertRaisesRegex(ValueError, "column 'outcome' has 299 values"):
            self.refute(dict(self.columns, outcome=self.columns["outcome"][1:]))

    def test_unknown_estimator_and_refuter(self):
        with self.assertRaisesRegex(ValueError, "unknown estimator 'ols'"):
            self.refute(estimator="ols")
        with self.assertRaisesRegex(ValueError, "unknown refuter 'nope'"):
            self.refute(refuters=["nope"])

    def test_simulations_out_of_range(self):
        with self.assertRaisesRegex(ValueError, "simulations must be a whole number from 2 to 100000"):
            e2i_kernels.refute(self.columns, "treated", "outcome", ["age_z"], simulations=1)

    def test_constant_treatment(self):
        with self.assertRaisesRegex(ValueError, "treatment is constant"):
            self.refute(dict(self.columns, treated=np.ones(len(self.columns["treated"]))))


class KeyboardInterruptStopsTheKernel(unittest.TestCase):
    def test_sigint_during_shap_raises_keyboard_interrupt(self):
        child = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "interrupt_child.py")],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 cwd=os.path.dirname(os.path.abspath(__file__)))
        try:
            self.assertEqual(child.stdout.readline().strip(), "started")
            child.send_signal(signal.SIGINT)
            out, err = child.communicate(timeout=INTERRUPT_DEADLINE_S)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
        self.assertNotIn("finished", out)
        self.assertIn("KeyboardInterrupt", err)
        # Raised from inside the module's call, not from the Python lines around it.
        self.assertIn("e2i_kernels.shap(", err)
        self.assertNotEqual(child.returncode, 0)


if __name__ == "__main__":
    unittest.main()
