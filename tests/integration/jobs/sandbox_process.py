"""The sandbox platform for the jobs tests, started on free ports in a directory of the test's."""
import json
import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SANDBOX = os.path.join(REPO, "scripts", "sandbox", "e2i-sandbox")
READY_TIMEOUT_SECONDS = 90.0


class Sandbox:
    """`e2i-sandbox up` without load or light and medium workers, heavy workers running the
    build's e2i_tasks; `extra` adds options (--heavy N, --autoscaler ...)."""

    def __init__(self, directory, extra):
        self.dir = directory
        self.process = subprocess.Popen(
            [SANDBOX, "up", "--dir", directory, "--no-load", "--light", "0", "--medium", "0",
             "--kernels-python", os.environ["E2I_KERNELS_PYTHON"], *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.settings = self._read_settings()

    def _read_settings(self):
        settings = {}
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        for line in self.process.stdout:
            if line.strip() == "READY":
                return settings
            key, _, value = line.strip().partition("=")
            settings[key] = value
            if time.monotonic() > deadline:
                break
        self.process.kill()
        raise RuntimeError(f"the sandbox did not start: {self.process.stderr.read()}")

    def ctl(self, *argv):
        done = subprocess.run([SANDBOX, "ctl", "--dir", self.dir, *argv], capture_output=True, text=True,
                              timeout=120, check=True)
        return json.loads(done.stdout)

    def heavy_workers(self):
        return [worker["hostname"] for worker in self.ctl("status")["workers"]["heavy"]]

    def autoscaler_log(self):
        with open(os.path.join(self.dir, "logs", "autoscaler.log"), encoding="utf-8") as f:
            return f.read()

    def stop(self):
        subprocess.run([SANDBOX, "down", "--dir", self.dir], capture_output=True, timeout=60, check=False)
        self.process.wait(timeout=60)
        self.process.stdout.close()
        self.process.stderr.close()


def wait_until(condition, timeout_seconds, what):
    deadline = time.monotonic() + timeout_seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_seconds:.0f} s waiting for {what}")
        time.sleep(0.25)
