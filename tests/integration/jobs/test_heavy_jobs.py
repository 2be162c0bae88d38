#!/usr/bin/python3
"""Heavy jobs end to end on the sandbox platform (issue 19): the heavy tier runs the real
e2i_tasks over the e2i_kernels module of this build, and the platform's autoscaler
(`e2ictl autoscale`, started by the sandbox with --autoscaler) wakes it for them.

A real redis-server, real Celery 5.2 workers and the real autoscaler: the sandbox starts with
no worker at all; a chunked SHAP job, a refutation and a job with a bad input are sent as
Celery messages (with priorities) to the heavy queues; the autoscaler scales the heavy tier
0 -> 1, the worker runs them (the SHAP job as a chord of parts), and the tier goes back to 0.
The SHAP output is the bytes `e2i-kernels shap` writes and the numbers the module computes
in this process; the refutation report is the module's local report; the bad input fails with
the CLI's message.

Environment (set by CMake): E2I_CTL (e2ictl), E2I_KERNELS_CLI (e2i-kernels),
E2I_KERNELS_PYTHON (the build's python directory, also on PYTHONPATH), E2I_TEST_DATA_DIR.
"""
import gc
import json
import os
import re
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "python"))

import e2i_kernels  # noqa: E402
import numpy as np  # noqa: E402
from e2i_tasks.celery_app import create_app  # noqa: E402
from sandbox_process import Sandbox, wait_until  # noqa: E402
from kernels_testing import (CAUSAL_DIR, model_groups, model_text, read_feature_rows, read_shap_csv,  # noqa: E402
                             run_cli, same_bits, shap_fixture)

POLICY = os.path.join(HERE, "autoscale-policy.yml")
# Bounds for waits only, never measured figures.
SAMPLE_TIMEOUT_SECONDS = 30.0
JOB_TIMEOUT_SECONDS = 60.0
SCALE_DOWN_TIMEOUT_SECONDS = 45.0
SHAP_MODEL = "multi_d4"  # three classes: the rows x classes x (features + 1) layout
CHUNK_ROWS = 9
CAUSES = ["age_z", "income_z", "urban"]


def cli_error(*args):
    """The last line of e2i-kernels' standard error for a run that must fail, without its prefix."""
    try:
        run_cli(*args)
    except AssertionError as error:
        return re.sub(r"^e2i-kernels \w+: ", "", str(error).splitlines()[-1])
    raise AssertionError(f"e2i-kernels {' '.join(args)} succeeded")


def confounded_columns():
    data = np.genfromtxt(os.path.join(CAUSAL_DIR, "confounded_binary.csv"), delimiter=",", names=True)
    return {name: np.ascontiguousarray(data[name]) for name in data.dtype.names}


class HeavyJobsOnTheSandbox(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory(prefix="e2i-jobs-")
        cls.jobs = os.path.join(cls.temporary.name, "jobs")
        os.makedirs(cls.jobs)
        cls.sandbox = Sandbox(os.path.join(cls.temporary.name, "sandbox"), [
            "--heavy", "0", "--autoscaler", os.environ["E2I_CTL"], "--autoscale-policy", POLICY])
        broker = cls.sandbox.settings["E2I_REDIS_URL"]
        cls.app = create_app(broker, broker.rsplit("/", 1)[0] + "/1")

    @classmethod
    def tearDownClass(cls):
        # Results still referenced (a failure's traceback holds them) unsubscribe from the
        # result backend when collected: let that happen while its redis still runs.
        gc.collect()
        cls.sandbox.stop()
        cls.temporary.cleanup()

    def job_path(self, name):
        return os.path.join(self.jobs, name)

    def submit_jobs(self):
        """The three jobs, sent as the platform's producers send them; their results."""
        with open(shap_fixture(SHAP_MODEL, "data.csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        lines[5] = "oops," + lines[5].split(",", 1)[1]
        with open(self.job_path("bad.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        shap = self.app.send_task("e2i.shap.explain", priority=3, kwargs={
            "model": shap_fixture(SHAP_MODEL, "json"), "data": "file://" + shap_fixture(SHAP_MODEL, "data.csv"),
            "out": self.job_path("shap.csv"), "threads": 1, "chunk_rows": CHUNK_ROWS})
        refute = self.app.send_task("e2i.causal.refute", kwargs={
            "data": os.path.join(CAUSAL_DIR, "confounded_binary.csv"), "treatment": "treated", "outcome": "outcome",
            "common_causes": ",".join(CAUSES), "simulations": 30, "seed": 11, "threads": 1,
            "out": self.job_path("refute.json")})
        bad = self.app.send_task("e2i.shap.explain", kwargs={
            "model": shap_fixture(SHAP_MODEL, "json"), "data": self.job_path("bad.csv"),
            "out": self.job_path("bad-out.csv")})
        return shap, refute, bad

    def heavy_decisions(self):
        return [line for line in self.sandbox.autoscaler_log().splitlines() if " tier heavy: " in line]

    def test_jobs_wake_the_heavy_tier_run_the_kernels_and_let_it_scale_back(self):
        wait_until(lambda: any("queued=0 running=0 -> target 0" in line for line in self.heavy_decisions()),
                   SAMPLE_TIMEOUT_SECONDS, "the autoscaler's first decision on an idle heavy tier")
        self.assertEqual(self.sandbox.heavy_workers(), [])

        shap, refute, bad = self.submit_jobs()
        summary = shap.get(timeout=JOB_TIMEOUT_SECONDS)
        report = refute.get(timeout=JOB_TIMEOUT_SECONDS)
        with self.assertRaises(ValueError) as failure:
            bad.get(timeout=JOB_TIMEOUT_SECONDS)

        # Woken from 0 by the autoscaler at its first decision that saw the jobs.
        saw_work = [line for line in self.heavy_decisions() if re.search(r"queued=[1-9]", line)]
        self.assertTrue(saw_work, self.sandbox.autoscaler_log())
        self.assertIn("running=0 -> target 1 (activate", saw_work[0])
        self.assertIn("tier heavy: scale to 1 done", self.sandbox.autoscaler_log())

        self.check_shap(summary)
        self.check_refute(report)
        self.assertEqual(str(failure.exception),
                         cli_error("shap", "--model", shap_fixture(SHAP_MODEL, "json"), "--data",
                                   self.job_path("bad.csv")))
        self.assertFalse(os.path.exists(self.job_path("bad-out.csv")))

        wait_until(lambda: "tier heavy: scale to 0 done" in self.sandbox.autoscaler_log(), SCALE_DOWN_TIMEOUT_SECONDS,
                   "the autoscaler to scale the heavy tier back to 0")
        self.assertEqual(self.sandbox.heavy_workers(), [])

    def check_shap(self, summary):
        text = model_text(SHAP_MODEL)
        local = e2i_kernels.shap(text, read_feature_rows(SHAP_MODEL))
        rows = local.shape[0]
        self.assertEqual(summary["parts"], -(-rows // CHUNK_ROWS))
        self.assertGreater(summary["parts"], 1)
        self.assertEqual(summary["shape"], list(local.shape))
        self.assertNotIn("values", summary)  # the backend holds a summary, never the matrix
        run_cli("shap", "--model", shap_fixture(SHAP_MODEL, "json"), "--data", shap_fixture(SHAP_MODEL, "data.csv"),
                "--out", self.job_path("cli.csv"))
        with open(self.job_path("shap.csv"), "rb") as platform, open(self.job_path("cli.csv"), "rb") as cli:
            self.assertEqual(platform.read(), cli.read())
        self.assertTrue(same_bits(read_shap_csv(self.job_path("shap.csv"), model_groups(text)), local))
        self.assertEqual([name for name in os.listdir(self.jobs) if ".parts-" in name], [])

    def check_refute(self, result):
        local = e2i_kernels.refute(confounded_columns(), "treated", "outcome", CAUSES, simulations=30, seed=11)
        self.assertEqual(result["report"], local)
        with open(self.job_path("refute.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f), local)


if __name__ == "__main__":
    unittest.main()
