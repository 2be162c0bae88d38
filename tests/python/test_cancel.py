"""The `cancel` callable of e2i_kernels.shap and refute (kernels/python/CancelWatch.h): polled
while the kernel runs, it stops a long run and makes it raise e2i_kernels.Cancelled (or its
own exception); a run it lets finish gives the same bits as a run without it."""
import time
import unittest

import numpy as np

import e2i_kernels
from kernels_testing import model_text, same_bits
from test_refute import CAUSES, confounded_columns

LONG_ROWS = 20000  # reg_d12 with interactions: minutes of work on two cores
CANCEL_AFTER_SECONDS = 0.5
# Far below the minutes the long run needs, far above the ~250 ms poll and one batch of rows.
STOP_BOUND_SECONDS = 10.0


class CallAfter:
    """A cancel callable that answers true from `seconds` after its first call; counts calls."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.calls = []

    def __call__(self):
        self.calls.append(time.monotonic())
        return self.calls[-1] - self.calls[0] >= self.seconds


class ShapCancel(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = model_text("reg_d12")
        cls.long_rows = np.random.default_rng(3).normal(size=(LONG_ROWS, 10))

    def test_answering_true_stops_a_long_run_with_cancelled(self):
        cancel = CallAfter(CANCEL_AFTER_SECONDS)
        began = time.monotonic()
        with self.assertRaises(e2i_kernels.Cancelled) as raised:
            e2i_kernels.shap(self.text, self.long_rows, interactions=True, threads=2, cancel=cancel)
        self.assertLess(time.monotonic() - began, STOP_BOUND_SECONDS)
        self.assertIn("cancelled: the cancel callable answered true", str(raised.exception))
        self.assertIsInstance(raised.exception, RuntimeError)
        self.assertGreater(len(cancel.calls), 1)  # polled while the kernel ran, not only before

    def test_an_exception_of_the_callable_stops_the_run_and_is_raised(self):
        def lost_connection():
            raise ConnectionError("the result backend is gone")

        began = time.monotonic()
        with self.assertRaisesRegex(ConnectionError, "the result backend is gone"):
            e2i_kernels.shap(self.text, self.long_rows, interactions=True, threads=2, cancel=lost_connection)
        self.assertLess(time.monotonic() - began, STOP_BOUND_SECONDS)

    def test_asked_before_the_work_starts(self):
        calls = []
        with self.assertRaises(e2i_kernels.Cancelled):
            e2i_kernels.shap(self.text, self.long_rows[:1], cancel=lambda: calls.append(1) or True)
        self.assertEqual(calls, [1])

    def test_values_are_unchanged_when_not_cancelled(self):
        X = self.long_rows[:200]  # long enough (several 250 ms polls) for the callable to run during the work
        calls = []
        polled = e2i_kernels.shap(self.text, X, interactions=True, threads=2, cancel=lambda: calls.append(1) and False)
        self.assertTrue(same_bits(polled, e2i_kernels.shap(self.text, X, interactions=True, threads=2)))
        self.assertGreaterEqual(len(calls), 1)

    def test_cancel_must_be_callable(self):
        with self.assertRaisesRegex(TypeError, "cancel must be None or a callable taking no arguments"):
            e2i_kernels.shap(self.text, self.long_rows[:1], cancel=3)


class RefuteCancel(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.columns = confounded_columns()

    def refute(self, **options):
        return e2i_kernels.refute(self.columns, "treated", "outcome", CAUSES, simulations=20, threads=1, **options)

    def test_answering_true_raises_cancelled(self):
        with self.assertRaises(e2i_kernels.Cancelled):
            self.refute(cancel=lambda: True)

    def test_report_is_unchanged_when_not_cancelled(self):
        calls = []
        self.assertEqual(self.refute(cancel=lambda: calls.append(1) and False), self.refute())
        self.assertGreaterEqual(len(calls), 1)


if __name__ == "__main__":
    unittest.main()
