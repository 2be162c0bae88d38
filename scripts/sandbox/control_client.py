"""`e2i-sandbox ctl` and `e2i-sandbox down`: talk to a running supervisor."""
import json
import time
import urllib.error
import urllib.request

import ctl_commands
from platform_files import read_env_file

REQUEST_TIMEOUT_SECONDS = 180.0
SHUTDOWN_TIMEOUT_SECONDS = 60.0


class ControlClient:
    def __init__(self, sandbox_dir):
        try:
            self._settings = read_env_file(sandbox_dir)
        except FileNotFoundError:
            raise RuntimeError(f"{sandbox_dir}: no sandbox.env; is a sandbox running there?")
        if "E2I_SANDBOX_CONTROL" not in self._settings:
            raise RuntimeError(f"{sandbox_dir}/sandbox.env: missing E2I_SANDBOX_CONTROL")

    def run(self, argv):
        ctl_commands.parse(argv)  # reject bad commands before reaching the supervisor
        request = urllib.request.Request(
            self._settings["E2I_SANDBOX_CONTROL"] + "/command",
            data=json.dumps({"argv": argv}).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
                return json.loads(response.read())["result"]
        except urllib.error.HTTPError as error:
            raise RuntimeError(json.loads(error.read()).get("error", str(error)))
        except urllib.error.URLError as error:
            raise RuntimeError(f"cannot reach the sandbox control API at "
                               f"{self._settings['E2I_SANDBOX_CONTROL']}: {error.reason}")

    def shutdown(self):
        pid = int(self._settings["E2I_SANDBOX_PID"])
        self.run(["shutdown"])
        deadline = time.monotonic() + SHUTDOWN_TIMEOUT_SECONDS
        while process_exists(pid):
            if time.monotonic() > deadline:
                raise RuntimeError(f"supervisor pid {pid} still running after "
                                   f"{SHUTDOWN_TIMEOUT_SECONDS:.0f} s")
            time.sleep(0.1)
        return {"stopped": True, "pid": pid}


def process_exists(pid):
    """True while the pid is alive (a zombie counts as gone: it has finished)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
