"""e2i_kernels.shap against XGBoost itself: the same values within XGBoost's float32
precision, in the layout of predict(pred_contribs=True) and predict(pred_interactions=True),
for every model fixture and for models trained here; and the same bits whatever the input
array's layout or the thread count."""
import tracemalloc
import unittest

import numpy as np
import xgboost

import e2i_kernels
from kernels_testing import (fixtures_with, model_groups, model_text, read_feature_rows, read_interactions_csv,
                             read_shap_csv, same_bits, shap_fixture)

# XGBoost sums SHAP values in float32, the kernels in double: values of order 1 differ by a
# few 1e-7 (tests/kernels/shap compare the same fixtures the same way).
XGBOOST_RTOL = 1e-5
XGBOOST_ATOL = 1e-5
# A call that reads X in place allocates (through numpy) far less than X: a few hundred bytes.
NO_COPY_FRACTION = 100


def traced_peak(call):
    """Peak bytes allocated through Python's and numpy's allocators during call()."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def trained_model(objective, rows=300, features=6, **params):
    """A small seeded model on data with missing values; (model JSON text, X)."""
    rng = np.random.default_rng(7)
    X = rng.normal(size=(rows, features))
    X[rng.random(X.shape) < 0.1] = np.nan
    y = (np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 1]) * np.nan_to_num(X[:, 2]) > 0).astype(float)
    if objective == "multi:softprob":
        y = y + (np.nan_to_num(X[:, 3]) > 0.5)
    booster = xgboost.train({"objective": objective, "max_depth": 4, "eta": 0.3, "seed": 0, "nthread": 1, **params},
                            xgboost.DMatrix(X, label=y), num_boost_round=15)
    return booster.save_raw("json").decode(), X, booster


class StoredXgboostOutput(unittest.TestCase):
    """The fixtures' pred_contribs / pred_interactions, written by XGBoost (tests/data/shap/README.md)."""

    def test_values_match_pred_contribs(self):
        for name in fixtures_with("contribs.csv"):
            with self.subTest(model=name):
                text = model_text(name)
                expected = read_shap_csv(shap_fixture(name, "contribs.csv"), model_groups(text))
                got = e2i_kernels.shap(text, read_feature_rows(name))
                self.assertEqual(got.shape, expected.shape)
                np.testing.assert_allclose(got, expected, rtol=XGBOOST_RTOL, atol=XGBOOST_ATOL)

    def test_interactions_match_pred_interactions(self):
        for name in fixtures_with("interactions.csv"):
            with self.subTest(model=name):
                text = model_text(name)
                X = read_feature_rows(name)
                expected = read_interactions_csv(shap_fixture(name, "interactions.csv"), model_groups(text),
                                                 X.shape[1] + 1)
                got = e2i_kernels.shap(text, X, interactions=True)
                self.assertEqual(got.shape, expected.shape)
                np.testing.assert_allclose(got, expected, rtol=XGBOOST_RTOL, atol=XGBOOST_ATOL)


class LiveXgboost(unittest.TestCase):
    """Models trained here, compared with the installed XGBoost's own predict."""

    def check(self, objective, **params):
        text, X, booster = trained_model(objective, **params)
        matrix = xgboost.DMatrix(X)
        for interactions, flag in ((False, "pred_contribs"), (True, "pred_interactions")):
            with self.subTest(objective=objective, interactions=interactions):
                expected = booster.predict(matrix, **{flag: True})
                got = e2i_kernels.shap(text, X, interactions=interactions)
                self.assertEqual(got.dtype, np.float64)
                self.assertEqual(got.shape, expected.shape)
                np.testing.assert_allclose(got, expected, rtol=XGBOOST_RTOL, atol=XGBOOST_ATOL)

    def test_regression(self):
        self.check("reg:squarederror")

    def test_binary(self):
        self.check("binary:logistic")

    def test_multiclass_has_a_class_axis(self):
        self.check("multi:softprob", num_class=3)


class InputLayouts(unittest.TestCase):
    """Every layout numpy can give is explained as its values: the same bits as the
    C-contiguous float64 array (read in place) of the same numbers."""

    @classmethod
    def setUpClass(cls):
        cls.text = model_text("multi_d4")
        cls.X = read_feature_rows("multi_d4")
        cls.expected = e2i_kernels.shap(cls.text, cls.X)

    def test_c_contiguous_float64(self):
        self.assertTrue(self.X.flags.c_contiguous)
        self.assertTrue(same_bits(e2i_kernels.shap(self.text, self.X), self.expected))

    def test_fortran_order(self):
        self.assertTrue(same_bits(e2i_kernels.shap(self.text, np.asfortranarray(self.X)), self.expected))

    def test_strided_view(self):
        wide = np.repeat(self.X, 2, axis=1)  # every column twice: [:, ::2] is a view with a stride
        self.assertTrue(same_bits(e2i_kernels.shap(self.text, wide[:, ::2]), self.expected))

    def test_list_of_lists(self):
        self.assertTrue(same_bits(e2i_kernels.shap(self.text, self.X.tolist()), self.expected))

    def test_float32_is_its_float64_value(self):
        X32 = self.X.astype(np.float32)
        self.assertTrue(same_bits(e2i_kernels.shap(self.text, X32),
                                  e2i_kernels.shap(self.text, X32.astype(np.float64))))

    def test_the_input_is_not_modified(self):
        before = self.X.copy()
        e2i_kernels.shap(self.text, self.X)
        self.assertTrue(same_bits(self.X, before))

    def test_thread_count_does_not_change_a_bit(self):
        for threads in (1, 2, 3):
            with self.subTest(threads=threads):
                self.assertTrue(same_bits(e2i_kernels.shap(self.text, self.X, threads=threads), self.expected))

    def test_no_copy_of_a_c_contiguous_float64_array(self):
        # numpy reports its data buffers to tracemalloc; the kernels' own buffers (and so the
        # returned values, which take one over) are not traced. A conversion of X would show
        # up as an X-sized peak, as it does for the Fortran-ordered copy of the same rows.
        # A single-output model: a multi-class result is re-laid out into a numpy array.
        text = model_text("reg_d3_missing")
        X = np.random.default_rng(0).normal(size=(20000, read_feature_rows("reg_d3_missing").shape[1]))
        self.assertGreaterEqual(traced_peak(lambda: e2i_kernels.shap(text, np.asfortranarray(X))), X.nbytes)
        self.assertLess(traced_peak(lambda: e2i_kernels.shap(text, X)), X.nbytes // NO_COPY_FRACTION)

    def test_single_output_values_are_writable_and_own_their_memory(self):
        values = e2i_kernels.shap(model_text("reg_d3_missing"), read_feature_rows("reg_d3_missing"))
        values[0, 0] += 1.0  # the array took over the kernel's buffer; it must stay valid and writable
        self.assertTrue(values.flags.c_contiguous)


if __name__ == "__main__":
    unittest.main()
