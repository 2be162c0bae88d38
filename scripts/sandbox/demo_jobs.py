"""Real inputs for the heavy jobs the load generator and `ctl enqueue` send: the heavy tier
runs the real e2i.shap.explain and e2i.causal.refute, which need a model, data and an output
location. Small fixtures of the test data are copied into DIR/jobs/inputs; every job writes
its own DIR/jobs/results/<kind>-<n>.csv|json."""
import itertools
import os
import shutil

from platform_files import reference_path

SHAP_MODEL = "tests/data/shap/binary_d6_named.json"
SHAP_DATA = "tests/data/shap/binary_d6_named.data.csv"
CAUSAL_DATA = "tests/data/causal/confounded_binary.csv"


class DemoJobs:
    def __init__(self, sandbox_dir):
        self._inputs = os.path.join(sandbox_dir, "jobs", "inputs")
        self._results = os.path.join(sandbox_dir, "jobs", "results")
        os.makedirs(self._inputs, exist_ok=True)
        os.makedirs(self._results, exist_ok=True)
        for fixture in (SHAP_MODEL, SHAP_DATA, CAUSAL_DATA):
            shutil.copy(reference_path(fixture), self._inputs)
        self._numbers = itertools.count(1)

    def _input(self, fixture):
        return os.path.join(self._inputs, os.path.basename(fixture))

    def kwargs(self, task_name):
        """The job's arguments for a real heavy task; {} for the sleeping ones."""
        if task_name == "e2i.shap.explain":
            return {"model": self._input(SHAP_MODEL), "data": self._input(SHAP_DATA), "threads": 1,
                    "out": os.path.join(self._results, f"shap-{next(self._numbers)}.csv")}
        if task_name == "e2i.causal.refute":
            return {"data": self._input(CAUSAL_DATA), "treatment": "treated", "outcome": "outcome",
                    "common_causes": ["age_z", "income_z", "urban"], "simulations": 20, "threads": 1,
                    "out": os.path.join(self._results, f"refute-{next(self._numbers)}.json")}
        return {}
