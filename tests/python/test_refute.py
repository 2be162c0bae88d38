"""e2i_kernels.refute: what it accepts as data and what its report holds."""
import os
import unittest

import numpy as np

import e2i_kernels
from kernels_testing import CAUSAL_DIR

try:
    import pandas
except ImportError:  # optional: the module never imports it, it only reads what it is given
    pandas = None

CAUSES = ["age_z", "income_z", "urban"]


def confounded_columns():
    data = np.genfromtxt(os.path.join(CAUSAL_DIR, "confounded_binary.csv"), delimiter=",", names=True)
    return {name: np.ascontiguousarray(data[name]) for name in data.dtype.names}


class RefuteReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.columns = confounded_columns()
        cls.report = e2i_kernels.refute(cls.columns, "treated", "outcome", CAUSES, simulations=20, threads=1)

    def test_report_has_the_cli_json_sections(self):
        self.assertEqual(set(self.report), {"estimate", "refutations", "sensitivity", "warnings"})
        self.assertEqual(self.report["estimate"]["estimator"], "linear")
        self.assertEqual(self.report["estimate"]["n"], len(self.columns["treated"]))
        self.assertEqual([r["refuter"] for r in self.report["refutations"]],
                         ["placebo", "random_common_cause", "subset", "bootstrap", "dummy_outcome", "unobserved"])

    def test_thread_count_does_not_change_the_report(self):
        self.assertEqual(e2i_kernels.refute(self.columns, "treated", "outcome", CAUSES, simulations=20, threads=3),
                         self.report)

    def test_columns_as_lists_strided_views_and_other_dtypes(self):
        columns = {
            "treated": self.columns["treated"].astype(np.int64),
            "outcome": self.columns["outcome"].tolist(),
            "age_z": np.repeat(self.columns["age_z"], 2)[::2],
            "income_z": self.columns["income_z"],
            "urban": self.columns["urban"].astype(bool),
        }
        self.assertEqual(e2i_kernels.refute(columns, "treated", "outcome", CAUSES, simulations=20, threads=1),
                         self.report)

    def test_unused_columns_are_not_read(self):
        columns = dict(self.columns, notes=np.array([object()] * len(self.columns["treated"])))
        self.assertEqual(e2i_kernels.refute(columns, "treated", "outcome", CAUSES, simulations=20, threads=1),
                         self.report)

    def test_text_and_numbers_mixed_is_an_error(self):
        urban = self.columns["urban"].astype(object)
        urban[4] = "city"
        with self.assertRaisesRegex(ValueError, "column 'urban' is neither numbers nor text"):
            e2i_kernels.refute(dict(self.columns, urban=urban), "treated", "outcome", CAUSES, simulations=20)

    @unittest.skipIf(pandas is None, "pandas is not installed (optional)")
    def test_pandas_data_frame(self):
        frame = pandas.DataFrame(self.columns)
        self.assertEqual(e2i_kernels.refute(frame, "treated", "outcome", CAUSES, simulations=20, threads=1),
                         self.report)


if __name__ == "__main__":
    unittest.main()
