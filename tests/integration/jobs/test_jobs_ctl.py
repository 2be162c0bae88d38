#!/usr/bin/python3
"""`e2ictl jobs` against the sandbox platform (issue 19): the C++ client's messages are real
Celery protocol 2 task messages that the heavy workers (e2i_tasks over this build's module)
run, with their priority; `--wait` reads the result backend; `list` shows queued and finished
jobs; `cancel` takes a queued job off its queue and marks it REVOKED, stops a part running on
the heavy worker's threads pool within a bounded time, and leaves nothing beside the CSV.

The sandbox starts with no heavy worker, so submitted jobs stay queued until the test scales
the tier to 1 itself (the autoscaler's part is test_heavy_jobs).
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))

import e2i_kernels  # noqa: E402
import numpy as np  # noqa: E402
import redis  # noqa: E402
from e2i_tasks.celery_app import create_app  # noqa: E402
from kernels_testing import CAUSAL_DIR, run_cli, shap_fixture  # noqa: E402
from sandbox_process import Sandbox, wait_until  # noqa: E402

SEPARATOR = "\x06\x16"
WAIT_TIMEOUT = "90s"
CAUSES = ["age_z", "income_z", "urban"]
CANCEL_SETTLE_SECONDS = 3.0  # longer than one part of the cancelled job takes
# reg_d12's interaction values, one thread per part: ~5 ms a row on an idle core, so a part of
# LONG_PART_ROWS runs for tens of seconds, the whole job (three parts) for over a minute.
LONG_PART_ROWS = 4000
# Well above the kernels' 250 ms cancel poll plus a batch of rows; far below a part's run.
PART_STOP_BOUND_SECONDS = 10.0
IDLE_CPU_SECONDS = 0.5  # a worker's own CPU over IDLE_SAMPLE_SECONDS when no task runs
IDLE_SAMPLE_SECONDS = 2.0


class JobsFromE2ictl(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory(prefix="e2i-jobs-ctl-")
        cls.jobs = cls.temporary.name
        cls.sandbox = Sandbox(os.path.join(cls.temporary.name, "sandbox"), ["--heavy", "0"])
        cls.redis = redis.Redis(port=int(cls.sandbox.settings["E2I_PORT_REDIS"]), socket_timeout=5.0)

    @classmethod
    def tearDownClass(cls):
        cls.redis.close()
        cls.sandbox.stop()
        cls.temporary.cleanup()

    def e2ictl(self, *argv, expect=0):
        done = subprocess.run([os.environ["E2I_CTL"], "jobs", *argv, "--config",
                               self.sandbox.settings["E2I_CONSOLE_CONFIG"]],
                              capture_output=True, text=True, timeout=180, check=False)
        self.assertEqual(done.returncode, expect, done.stderr)
        return done

    def jobs_json(self, *argv, expect=0):
        return json.loads(self.e2ictl(*argv, "--json", expect=expect).stdout)

    def path(self, name):
        return os.path.join(self.jobs, name)

    def test_1_queued_job_carries_its_priority_and_is_cancelled(self):
        sent = self.jobs_json("submit", "shap", "--model", shap_fixture("reg_d3_missing", "json"),
                              "--data", shap_fixture("reg_d3_missing", "data.csv"), "--out", self.path("never.csv"),
                              "--priority", "7")
        self.assertEqual(self.redis.llen(f"shap{SEPARATOR}6"), 1)  # priority 7 -> the step-6 sub-queue
        message = json.loads(self.redis.lindex(f"shap{SEPARATOR}6", 0))
        self.assertEqual(message["headers"]["task"], "e2i.shap.explain")
        self.assertEqual(message["headers"]["id"], sent["id"])
        self.assertEqual(message["properties"]["priority"], 7)
        listed = {job["id"]: job for job in self.jobs_json("list")}
        self.assertEqual(listed[sent["id"]]["state"], "QUEUED")
        self.assertEqual(listed[sent["id"]]["queue"], "shap")

        cancelled = self.jobs_json("cancel", sent["id"])
        self.assertTrue(cancelled["removed_from_queue"])
        self.assertEqual(self.redis.llen(f"shap{SEPARATOR}6"), 0)
        self.assertEqual({job["id"]: job for job in self.jobs_json("list")}[sent["id"]]["state"], "REVOKED")

    def test_2_jobs_run_on_the_heavy_worker_as_the_local_run(self):
        self.sandbox.ctl("scale", "heavy", "1")
        name = "binary_d6_named"
        shap = self.jobs_json("submit", "shap", "--model", shap_fixture(name, "json"), "--data",
                              shap_fixture(name, "data.csv"), "--out", self.path("shap.csv"), "--chunk-rows", "11",
                              "--threads", "1", "--priority", "3", "--wait", "--timeout", WAIT_TIMEOUT)
        self.assertEqual(shap["state"], "SUCCESS")
        self.assertEqual(shap["result"]["parts"], 4)
        run_cli("shap", "--model", shap_fixture(name, "json"), "--data", shap_fixture(name, "data.csv"),
                "--out", self.path("cli.csv"))
        with open(self.path("shap.csv"), "rb") as platform, open(self.path("cli.csv"), "rb") as cli:
            self.assertEqual(platform.read(), cli.read())

        self.check_chunked_like_the_cli("multi_d4", "--interactions")
        self.check_chunked_like_the_cli(name, "--background", shap_fixture(name, "data.csv"))

        data = os.path.join(CAUSAL_DIR, "confounded_binary.csv")
        refute = self.jobs_json("submit", "refute", "--data", data, "--treatment", "treated", "--outcome", "outcome",
                                "--common-causes", ",".join(CAUSES), "--simulations", "25", "--seed", "5",
                                "--wait", "--timeout", WAIT_TIMEOUT)
        columns = np.genfromtxt(data, delimiter=",", names=True)
        local = e2i_kernels.refute({n: np.ascontiguousarray(columns[n]) for n in columns.dtype.names}, "treated",
                                   "outcome", CAUSES, simulations=25, seed=5)
        self.assertEqual(refute["result"]["report"], local)
        # Without --json the platform's report reads as the CLI prints it locally.
        arguments = ["--data", data, "--treatment", "treated", "--outcome", "outcome", "--common-causes",
                     ",".join(CAUSES), "--simulations", "25", "--seed", "5"]
        printed = self.e2ictl("submit", "refute", *arguments, "--wait", "--timeout", WAIT_TIMEOUT).stdout
        first_line, _, report_text = printed.partition("\n\n")
        self.assertRegex(first_line, r"^job \S+ succeeded$")
        self.assertEqual(report_text, run_cli("refute", *arguments))
        listed = {job["id"]: job for job in self.jobs_json("list")}
        refute_listed = listed[refute["id"]]
        self.assertEqual((refute_listed["state"], refute_listed["task"]), ("SUCCESS", "e2i.causal.refute"))
        self.assertEqual(listed[shap["id"]]["state"], "SUCCESS")

        bad = self.e2ictl("submit", "shap", "--model", shap_fixture(name, "json"), "--data", self.path("missing.csv"),
                          "--out", self.path("bad.csv"), "--wait", "--timeout", WAIT_TIMEOUT, expect=1)
        self.assertIn(f"FAILURE: ValueError: {self.path('missing.csv')}:0: cannot open", bad.stderr)

    def test_3_failed_part_is_named_with_the_kernels_message(self):
        self.sandbox.ctl("scale", "heavy", "1")
        name = "binary_d6_named"
        # The explain task hands threads to its parts unread: every part fails in the module.
        failed = self.e2ictl("submit", "shap", "--model", shap_fixture(name, "json"), "--data",
                             shap_fixture(name, "data.csv"), "--out", self.path("failed.csv"), "--chunk-rows", "20",
                             "--threads", "-1", "--wait", "--timeout", WAIT_TIMEOUT, expect=1)
        self.assertRegex(failed.stderr, r"FAILURE: part [12] of 2 failed: ValueError: threads")
        self.assertNotIn("ChordError", failed.stderr)
        self.assertNotIn("Dependency", failed.stderr)
        job_id = failed.stderr.split("job ", 1)[1].split(" ", 1)[0]
        listed = {job["id"]: job for job in self.jobs_json("list")}[job_id]
        self.assertEqual((listed["task"], len(listed["parts"])), ("e2i.shap.explain", 2))
        self.assertRegex(listed["error"], r"^part [12] of 2 failed: ValueError: threads")
        self.assertEqual(self.leftovers("failed.csv"), [])  # the join's error callback removed the parts folder

    def test_4_cancel_revokes_the_parts_that_wait(self):
        self.sandbox.ctl("scale", "heavy", "1")
        rows = self.many_rows(6000)
        sent = self.jobs_json("submit", "shap", "--model", shap_fixture("binary_d6_named", "json"), "--data", rows,
                              "--out", self.path("cancelled.npy"), "--chunk-rows", "100", "--interactions",
                              "--threads", "1")
        parts_key = f"e2i-job-parts-{sent['id']}"
        results = redis.Redis(port=self.redis.connection_pool.connection_kwargs["port"], db=1, socket_timeout=5.0)
        self.addCleanup(results.close)
        wait_until(lambda: results.exists(parts_key), 90, "the job to split into parts")
        parts = json.loads(results.get(parts_key))
        self.assertEqual(len(parts), 60)
        listed = {job["id"]: job for job in self.jobs_json("list")}[sent["id"]]
        self.assertEqual((listed["task"], listed["state"], len(listed["parts"])), ("e2i.shap.explain", "STARTED", 60))

        self.jobs_json("cancel", sent["id"])
        succeeded = lambda: sum(results.get(f"celery-task-meta-{part}") is not None
                                and json.loads(results.get(f"celery-task-meta-{part}"))["status"] == "SUCCESS"
                                for part in parts)
        time.sleep(CANCEL_SETTLE_SECONDS)  # a part the worker had in hand ends
        after_cancel = succeeded()
        self.assertLess(after_cancel, len(parts), "every part ran: the cancel revoked nothing")
        time.sleep(CANCEL_SETTLE_SECONDS)
        self.assertEqual(succeeded(), after_cancel)  # the parts that waited never run
        self.assertEqual(sum(self.redis.llen(queue) for queue in ("shap", f"shap{SEPARATOR}3", f"shap{SEPARATOR}6",
                                                                  f"shap{SEPARATOR}9")), 0)
        job = {job["id"]: job for job in self.jobs_json("list")}[sent["id"]]
        self.assertEqual(job["state"], "REVOKED")
        wait_until(lambda: not self.leftovers("cancelled.npy"), 10, "the cancelled job's parts folder to go")

    def test_5_cancel_stops_the_running_parts_and_leaves_nothing_beside_the_csv(self):
        self.sandbox.ctl("scale", "heavy", "1")
        directory = self.path("long")
        os.mkdir(directory)
        rows = self.many_rows(3 * LONG_PART_ROWS, os.path.join(directory, "rows.csv"), features=10)
        sent = self.jobs_json("submit", "shap", "--model", shap_fixture("reg_d12", "json"), "--data", rows,
                              "--out", os.path.join(directory, "values.npy"), "--chunk-rows", str(LONG_PART_ROWS),
                              "--interactions", "--threads", "1")
        parts_key = f"e2i-job-parts-{sent['id']}"
        wait_until(lambda: self.results().exists(parts_key), 90, "the job to split into parts")
        parts = json.loads(self.results().get(parts_key))
        running = self.wait_for_running(parts, 2)  # the worker's two threads; the third part waits
        worker_pid = self.sandbox.ctl("status")["workers"]["heavy"][0]["pid"]

        cancelled_at = time.monotonic()
        self.jobs_json("cancel", sent["id"])
        wait_until(lambda: all(self.state(part) == "REVOKED" for part in running), PART_STOP_BOUND_SECONDS,
                   "the running parts to stop as REVOKED")
        print(f"running parts REVOKED {time.monotonic() - cancelled_at:.2f} s after the cancel", file=sys.stderr)
        self.assertLess(self.cpu_seconds(worker_pid, IDLE_SAMPLE_SECONDS), IDLE_CPU_SECONDS,
                        "the worker still computes after its parts were cancelled")
        self.assertNotIn("SUCCESS", [self.state(part) for part in parts])
        job = {job["id"]: job for job in self.jobs_json("list")}[sent["id"]]
        self.assertEqual(job["state"], "REVOKED")
        wait_until(lambda: os.listdir(directory) == ["rows.csv"], 10, "nothing but the CSV in the job's directory")

    def test_6_cancel_stops_the_running_part_on_the_solo_and_prefork_pools(self):
        self.sandbox.ctl("scale", "heavy", "0")
        for pool in ("solo", "prefork"):
            with self.subTest(pool=pool):
                worker, log_path = self.start_worker(pool)
                directory = self.path(f"long-{pool}")
                os.mkdir(directory)
                rows = self.many_rows(2 * LONG_PART_ROWS, os.path.join(directory, "rows.csv"), features=10)
                sent = self.jobs_json("submit", "shap", "--model", shap_fixture("reg_d12", "json"), "--data", rows,
                                      "--out", os.path.join(directory, "values.npy"), "--chunk-rows",
                                      str(LONG_PART_ROWS), "--interactions", "--threads", "1")
                # A solo worker answers no remote control while it computes: its log says when a part began.
                wait_until(lambda: "e2i.shap.part[" in self.read(log_path), 60, "a part to reach the worker")
                part = self.read(log_path).split("e2i.shap.part[", 1)[1].split("]", 1)[0]
                self.assertTrue(os.path.isdir(os.path.join(directory, f"values.npy.parts-{sent['id']}")))
                self.jobs_json("cancel", sent["id"])
                wait_until(lambda: self.state(part) == "REVOKED", PART_STOP_BOUND_SECONDS, "the running part to stop")
                wait_until(lambda: os.listdir(directory) == ["rows.csv"], 10, "nothing but the CSV")
                self.assertEqual({job["id"]: job for job in self.jobs_json("list")}[sent["id"]]["state"], "REVOKED")
                worker.terminate()
                worker.wait(timeout=30)

    def start_worker(self, pool, queues="shap", name=None):
        """A heavy worker of `pool` (the sandbox's run --pool=threads) on the sandbox's Redis."""
        broker = self.sandbox.settings["E2I_REDIS_URL"]
        name = name or pool
        log_path = self.path(f"worker-{name}.log")
        env = dict(os.environ, CELERY_BROKER_URL=broker, CELERY_RESULT_BACKEND=broker.rsplit("/", 1)[0] + "/1")
        worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "e2i_tasks", "worker", "-E", f"--queues={queues}",
                                   f"--pool={pool}", "--concurrency=1", f"--hostname=heavy-{name}@%h",
                                   f"--logfile={log_path}", "--loglevel=INFO"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: worker.poll() is not None or (worker.kill(), worker.wait()))
        return worker, log_path

    def test_7_cancel_after_the_last_part_ended_while_the_first_waits(self):
        """Workers take parts out of order: here the job's last part has ended and its first
        still waits when the job is cancelled. The waiting part is the one left on the queue for
        a worker to discard (the work directory goes with it), and although Celery then counts
        it as the chord's last, failed, part, the job ends REVOKED, not FAILURE."""
        self.sandbox.ctl("scale", "heavy", "0")
        directory = self.path("out-of-order")
        os.mkdir(directory)
        rows = self.many_rows(200, os.path.join(directory, "rows.csv"))
        # One worker, at first on the queue the test sends the job to and on one the test moves
        # the last part to; the parts themselves go to `shap`, which nobody consumes yet.
        worker, log_path = self.start_worker("threads", queues="split,shap_moved", name="out-of-order")
        broker = self.sandbox.settings["E2I_REDIS_URL"]
        app = create_app(broker, broker.rsplit("/", 1)[0] + "/1")
        self.addCleanup(app.close)
        job_id = str(uuid.uuid4())
        app.send_task("e2i.shap.explain", task_id=job_id, queue="split",
                      kwargs={"model": shap_fixture("binary_d6_named", "json"), "data": rows,
                              "out": os.path.join(directory, "values.npy"), "chunk_rows": 100, "threads": 1})
        wait_until(lambda: self.results().exists(f"e2i-job-parts-{job_id}") and self.redis.llen("shap") == 2, 90,
                   "the job to split into two waiting parts")
        first, last = json.loads(self.results().get(f"e2i-job-parts-{job_id}"))
        moved = [message for message in self.redis.lrange("shap", 0, -1) if json.loads(message)["headers"]["id"] == last]
        self.assertEqual(len(moved), 1)
        self.redis.lrem("shap", 1, moved[0])
        self.redis.lpush("shap_moved", moved[0])
        wait_until(lambda: self.state(last) == "SUCCESS", 60, "the last part to run first")

        self.jobs_json("cancel", job_id)
        self.assertEqual(self.redis.llen("shap"), 1, "the waiting part was not left for a worker to discard")
        # Now the worker takes `shap` too: it holds the revoke, so it discards the part.
        answered = []  # the worker's full hostname, once it answers a ping (a busy machine may drop one)

        def pinged():
            answered.extend(name for reply in app.control.ping(timeout=2.0) for name in reply
                            if name.startswith("heavy-out-of-order@"))
            return bool(answered)
        wait_until(pinged, 30, "the worker to answer ping")
        app.control.add_consumer("shap", destination=answered[:1], reply=True, timeout=5.0)
        wait_until(lambda: self.state(first) == "REVOKED", 60, "the waiting part to be discarded")
        self.assertIn(f"Discarding revoked task: e2i.shap.part[{first}]", self.read(log_path))
        wait_until(lambda: os.listdir(directory) == ["rows.csv"], 10, "nothing but the CSV")
        wait_until(lambda: self.state(job_id) == "REVOKED", 10, "the job to end REVOKED")
        self.assertEqual({job["id"]: job for job in self.jobs_json("list")}[job_id]["state"], "REVOKED")
        worker.terminate()
        worker.wait(timeout=30)

    def state(self, task_id):
        meta = self.results().get(f"celery-task-meta-{task_id}")
        return json.loads(meta)["status"] if meta else "PENDING"

    def results(self):
        if not hasattr(self, "_results"):
            self._results = redis.Redis(port=self.redis.connection_pool.connection_kwargs["port"], db=1,
                                        socket_timeout=5.0)
            self.addCleanup(self._results.close)
        return self._results

    @staticmethod
    def read(path):
        if not os.path.exists(path):
            return ""
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_for_running(self, parts, count):
        """The ids of `count` parts the heavy workers report active (Celery's inspect)."""
        broker = self.sandbox.settings["E2I_REDIS_URL"]
        app = create_app(broker, broker.rsplit("/", 1)[0] + "/1")
        self.addCleanup(app.close)

        def active():
            replies = app.control.inspect(timeout=2.0).active() or {}
            return [task["id"] for tasks in replies.values() for task in tasks if task["id"] in parts]

        wait_until(lambda: len(active()) >= count, 60, f"{count} parts to run")
        return active()

    @staticmethod
    def cpu_seconds(pid, seconds):
        """The process's CPU time (user + system, all threads) over the next `seconds`."""
        def ticks():
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        before = ticks()
        time.sleep(seconds)
        return (ticks() - before) / os.sysconf("SC_CLK_TCK")

    def leftovers(self, output_name):
        """What a job writing `output_name` left beside it: its parts folder, temporary files."""
        return [name for name in os.listdir(self.jobs)
                if name.startswith(f"{output_name}.parts-") or name.startswith(f".{output_name}.")]

    def many_rows(self, rows, path=None, features=8):
        generator = np.random.default_rng(20261207)
        path = path or self.path("many.csv")
        np.savetxt(path, generator.normal(size=(rows, features)), delimiter=",", fmt="%.6g",
                   header=",".join(f"x_{f}" for f in range(features)), comments="")
        return path

    def check_chunked_like_the_cli(self, name, *options):
        """A chunked job with these e2i-kernels options writes what the CLI writes."""
        done = self.jobs_json("submit", "shap", "--model", shap_fixture(name, "json"),
                              "--data", shap_fixture(name, "data.csv"), "--out", self.path(f"{name}.csv"),
                              "--chunk-rows", "9", *options, "--wait", "--timeout", WAIT_TIMEOUT)
        self.assertGreater(done["result"]["parts"], 1)
        run_cli("shap", "--model", shap_fixture(name, "json"), "--data", shap_fixture(name, "data.csv"),
                "--out", self.path(f"{name}.cli.csv"), *options)
        with open(self.path(f"{name}.csv"), "rb") as platform, open(self.path(f"{name}.cli.csv"), "rb") as cli:
            self.assertEqual(platform.read(), cli.read(), options)


if __name__ == "__main__":
    unittest.main()
