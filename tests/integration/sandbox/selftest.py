#!/usr/bin/python3
"""Self-test of scripts/sandbox/e2i-sandbox against the real redis-server and Celery workers.

Runs a sandbox without load, drives it through `e2i-sandbox ctl`, and checks every effect
from the outside: with redis-py on the real redis, with HTTP requests on the endpoints,
and by pid. Prints `N passed, M failed` last and exits non-zero on any failure.
"""
import base64
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import redis

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SANDBOX = os.path.join(REPO, "scripts", "sandbox", "e2i-sandbox")
REFERENCE_COMPOSE = os.path.join(REPO, "resources", "platform", "docker-compose.yml")
TIME_SCALE = "0.01"  # heavy tasks sleep 5-30 s at scale 1; keep the test fast
READY_TIMEOUT_SECONDS = 90.0
DRAIN_TIMEOUT_SECONDS = 30.0
HEARTBEAT_TIMEOUT_SECONDS = 15.0
HANG_CLIENT_TIMEOUT_SECONDS = 1.0
CHILD_EXIT_TIMEOUT_SECONDS = 10.0
PRIORITY_SEPARATOR = "\x06\x16"
HEALTH_PATHS = {"API": ["/health", "/healthz", "/ready"], "MLFLOW": ["/health"],
                "BENTOML": ["/healthz"], "FEAST": ["/health"], "OPIK": ["/health"],
                "FRONTEND": ["/health"]}
REQUIRED_KEYS = ["E2I_SANDBOX_DIR", "E2I_SANDBOX_CONTROL", "E2I_REDIS_URL", "E2I_FALKORDB_URL",
                 "E2I_DOCKER_HOST", "E2I_COMPOSE_FILE", "E2I_AUTOSCALE_FILE",
                 "E2I_CONSOLE_CONFIG", "E2I_PORT_REDIS", "E2I_PORT_FALKORDB"] + \
                [f"E2I_PORT_{service}" for service in HEALTH_PATHS]


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


# -- talking to the sandbox --------------------------------------------------------------------

class Sandbox:
    def __init__(self, extra_args):
        self.process = subprocess.Popen(
            [SANDBOX, "up", "--no-load", "--time-scale", TIME_SCALE] + extra_args,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.settings = self._read_settings()
        self.dir = self.settings["E2I_SANDBOX_DIR"]

    def _read_settings(self):
        settings = {}
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        for line in self.process.stdout:
            line = line.strip()
            if line == "READY":
                return settings
            key, _, value = line.partition("=")
            settings[key] = value
            if time.monotonic() > deadline:
                break
        self.process.kill()
        raise CheckFailed(f"no READY line; stderr: {self.process.stderr.read()}")

    def ctl(self, *argv):
        result = subprocess.run([SANDBOX, "ctl", "--dir", self.dir] + list(argv),
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise CheckFailed(f"ctl {' '.join(argv)} failed: {result.stderr.strip()}")
        return json.loads(result.stdout)

    def port(self, service):
        return int(self.settings[f"E2I_PORT_{service}"])

    def redis(self):
        return redis.Redis(port=self.port("REDIS"), socket_timeout=5.0)


def http_get(port, path, timeout=5.0):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def decode_event(raw):
    envelope = json.loads(raw)
    return json.loads(base64.b64decode(envelope["body"]))


def wait_for_worker_event(pubsub, event_type, hostname_prefix, timeout_seconds):
    """Hostname of the first `event_type` event from a matching worker, or None."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        message = pubsub.get_message(timeout=0.5)
        if message is None or message["type"] != "pmessage":
            continue
        event = decode_event(message["data"])
        if isinstance(event, dict) and event.get("type") == event_type \
                and event.get("hostname", "").startswith(hostname_prefix):
            return event["hostname"]
    return None


def wait_for_heartbeat(pubsub, hostname_prefix, timeout_seconds):
    return wait_for_worker_event(pubsub, "worker-heartbeat", hostname_prefix, timeout_seconds)


def queue_depth(client, queue):
    keys = [queue] + [f"{queue}{PRIORITY_SEPARATOR}{step}" for step in (3, 6, 9)]
    return sum(client.llen(key) for key in keys)


def process_alive(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_until_gone(pids, timeout_seconds):
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if process_alive(pid)]
        if not alive:
            return []
        time.sleep(0.1)
    return alive


def child_pids(status):
    pids = [worker["pid"] for tier in status["workers"].values() for worker in tier]
    return pids + [status["redis"]["pid"], status["falkordb"]["pid"]]


# -- checks ---------------------------------------------------------------------------------

def check_settings(sandbox):
    missing = [key for key in REQUIRED_KEYS if key not in sandbox.settings]
    expect(not missing, f"settings lack {missing}")
    with open(os.path.join(sandbox.dir, "sandbox.env"), encoding="utf-8") as env_file:
        written = dict(line.rstrip("\n").split("=", 1) for line in env_file if "=" in line)
    expect(written == sandbox.settings, "sandbox.env differs from what was printed")
    with open(os.path.join(sandbox.dir, "sandbox.json"), encoding="utf-8") as json_file:
        expect(json.load(json_file) == sandbox.settings, "sandbox.json differs from sandbox.env")


def check_compose_rewrite(sandbox):
    host_ports = {"6379:6379": "REDIS", "6381:6379": "FALKORDB", "5000:5000": "MLFLOW",
                  "3000:3000": "BENTOML", "6566:6566": "FEAST", "5173:5173": "OPIK",
                  "8000:8000": "API", "8080:80": "FRONTEND"}
    with open(REFERENCE_COMPOSE, encoding="utf-8") as reference:
        expected = reference.read()
    for mapping, service in host_ports.items():
        container = mapping.split(":")[1]
        expected = expected.replace(f'"{mapping}"', f'"{sandbox.port(service)}:{container}"')
    with open(sandbox.settings["E2I_COMPOSE_FILE"], encoding="utf-8") as written:
        expect(written.read() == expected, "compose file differs beyond the host ports")
    with open(sandbox.settings["E2I_AUTOSCALE_FILE"], encoding="utf-8") as autoscale:
        text = autoscale.read()
    expect(f"redis_url: redis://127.0.0.1:{sandbox.port('REDIS')}/0\n" in text,
           "autoscale.yml redis_url not rewritten")


def check_services_healthy(sandbox):
    for service, paths in HEALTH_PATHS.items():
        for path in paths:
            status = http_get(sandbox.port(service), path)
            expect(status == 200, f"{service} {path} answered {status}")
    expect(sandbox.redis().ping(), "platform redis does not answer PING")
    expect(redis.Redis(port=sandbox.port("FALKORDB"), socket_timeout=5.0).ping(),
           "falkordb stand-in does not answer PING")


def check_priority_queues(sandbox):
    sandbox.ctl("enqueue", "shap", "5", "--priority", "0")
    sandbox.ctl("enqueue", "shap", "3", "--priority", "7")
    client = sandbox.redis()
    expect(client.llen("shap") == 5, f"LLEN shap = {client.llen('shap')}, expected 5")
    sub_queue = f"shap{PRIORITY_SEPARATOR}6"
    expect(client.llen(sub_queue) == 3, f"LLEN shap\\x06\\x166 = {client.llen(sub_queue)}, "
                                        f"expected 3")


def check_heavy_worker_drains_shap(sandbox):
    pubsub = sandbox.redis().pubsub()
    pubsub.psubscribe("/0.celeryev/*")
    result = sandbox.ctl("scale", "heavy", "1")
    expect(len(result["started"]) == 1, f"scale heavy 1 started {result['started']}")
    heard = wait_for_heartbeat(pubsub, "heavy@sandbox-", HEARTBEAT_TIMEOUT_SECONDS)
    pubsub.close()
    expect(heard == result["started"][0], f"heartbeat from {heard}, expected "
                                          f"{result['started'][0]}")
    deadline = time.monotonic() + DRAIN_TIMEOUT_SECONDS
    while queue_depth(sandbox.redis(), "shap") > 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    expect(queue_depth(sandbox.redis(), "shap") == 0, "shap did not drain")


def check_scale_down_sends_offline(sandbox):
    pubsub = sandbox.redis().pubsub()
    pubsub.psubscribe("/0.celeryev/*")
    result = sandbox.ctl("scale", "heavy", "0")
    expect(len(result["stopped"]) == 1, f"scale heavy 0 stopped {result['stopped']}")
    heard = wait_for_worker_event(pubsub, "worker-offline", result["stopped"][0],
                                  HEARTBEAT_TIMEOUT_SECONDS)
    pubsub.close()
    expect(heard == result["stopped"][0], f"no worker-offline from {result['stopped'][0]}")
    expect(sandbox.ctl("status")["workers"]["heavy"] == [], "heavy tier not empty")


def check_http_faults(sandbox):
    port = sandbox.port("MLFLOW")
    sandbox.ctl("fault", "mlflow", "503")
    expect(http_get(port, "/health") == 503, "503 fault not visible")
    sandbox.ctl("fault", "mlflow", "hang")
    try:
        status = http_get(port, "/health", timeout=HANG_CLIENT_TIMEOUT_SECONDS)
        raise CheckFailed(f"hang fault answered {status}")
    except TimeoutError:
        pass
    sandbox.ctl("fault", "mlflow", "refuse")
    try:
        status = http_get(port, "/health")
        raise CheckFailed(f"refuse fault answered {status}")
    except ConnectionRefusedError:
        pass
    sandbox.ctl("fault", "mlflow", "ok")
    expect(http_get(port, "/health") == 200, "ok did not restore 200 on the same port")


def check_every_service_fault(sandbox):
    for service in HEALTH_PATHS:
        path = HEALTH_PATHS[service][0]
        sandbox.ctl("fault", service.lower(), "503")
        expect(http_get(sandbox.port(service), path) == 503, f"{service}: 503 not visible")
        sandbox.ctl("fault", service.lower(), "ok")
        expect(http_get(sandbox.port(service), path) == 200, f"{service}: not restored")


def check_falkordb_fault(sandbox):
    client = redis.Redis(port=sandbox.port("FALKORDB"), socket_timeout=2.0)
    sandbox.ctl("fault", "falkordb", "refuse")
    try:
        client.ping()
        raise CheckFailed("falkordb still answers after refuse")
    except redis.ConnectionError:
        pass
    sandbox.ctl("fault", "falkordb", "ok")
    expect(client.ping(), "falkordb not back after ok")


def check_redis_stop_start(sandbox):
    sandbox.ctl("redis", "stop")
    try:
        sandbox.redis().ping()
        raise CheckFailed("platform redis still answers after stop")
    except redis.ConnectionError:
        pass
    refused = subprocess.run([SANDBOX, "ctl", "--dir", sandbox.dir, "enqueue", "quick", "1"],
                             capture_output=True, text=True, timeout=60)
    expect(refused.returncode != 0 and "not reachable" in refused.stderr,
           f"enqueue with redis stopped: status {refused.returncode}, {refused.stderr.strip()}")
    sandbox.ctl("redis", "start")
    expect(sandbox.redis().ping(), "platform redis not back after start")
    pubsub = sandbox.redis().pubsub()
    pubsub.psubscribe("/0.celeryev/*")
    heard = wait_for_heartbeat(pubsub, "light@sandbox-", HEARTBEAT_TIMEOUT_SECONDS)
    pubsub.close()
    expect(heard is not None, "workers did not reconnect to the restarted redis")


def check_kill_worker(sandbox):
    before = sandbox.ctl("status")["workers"]["light"]
    result = sandbox.ctl("kill-worker", "light")
    after = sandbox.ctl("status")["workers"]["light"]
    expect(len(after) == len(before) - 1, f"light workers {len(before)} -> {len(after)}")
    expect(not process_alive(result["pid"]), f"killed worker pid {result['pid']} alive")


def check_bad_command_rejected(sandbox):
    result = subprocess.run([SANDBOX, "ctl", "--dir", sandbox.dir, "scale", "gigantic", "2"],
                            capture_output=True, text=True, timeout=30)
    expect(result.returncode != 0, "bad tier accepted")
    expect("gigantic" in result.stderr, f"unclear message: {result.stderr.strip()}")


def check_down_cleans_up(sandbox):
    pids = child_pids(sandbox.ctl("status"))
    subprocess.run([SANDBOX, "down", "--dir", sandbox.dir], check=True, timeout=90,
                   capture_output=True)
    expect(sandbox.process.wait(timeout=30) == 0, "supervisor exit code not 0")
    alive = wait_until_gone(pids, CHILD_EXIT_TIMEOUT_SECONDS)
    expect(not alive, f"children still alive after down: {alive}")
    expect(not os.path.exists(sandbox.dir), f"temp dir {sandbox.dir} left behind")


def check_children_die_with_sigkilled_supervisor(work_dir):
    sandbox = Sandbox(["--dir", work_dir, "--light", "1", "--medium", "0"])
    pids = child_pids(sandbox.ctl("status"))
    sandbox.process.send_signal(signal.SIGKILL)
    sandbox.process.wait(timeout=10)
    alive = wait_until_gone(pids, CHILD_EXIT_TIMEOUT_SECONDS)
    expect(not alive, f"children survived SIGKILL of the supervisor: {alive}")
    expect(os.path.exists(os.path.join(work_dir, "sandbox.env")), "--dir files not kept")


def run_checks(checks, *args):
    passed = failed = 0
    for check in checks:
        started = time.monotonic()
        try:
            check(*args)
            passed += 1
            outcome = "PASS"
        except (CheckFailed, redis.RedisError, OSError, subprocess.SubprocessError,
                ValueError, KeyError) as error:
            failed += 1
            outcome = f"FAIL: {error}"
        print(f"{check.__name__:<45} {time.monotonic() - started:6.2f} s  {outcome}",
              flush=True)
    return passed, failed


def main():
    passed = failed = 0
    try:
        sandbox = Sandbox([])
        passed += 1
    except CheckFailed as error:
        print(f"FAIL start-up: {error}")
        print("0 passed, 1 failed")
        return 1
    try:
        checks = [check_settings, check_compose_rewrite, check_services_healthy,
                  check_priority_queues, check_heavy_worker_drains_shap,
                  check_scale_down_sends_offline, check_http_faults,
                  check_every_service_fault, check_falkordb_fault, check_redis_stop_start,
                  check_kill_worker, check_bad_command_rejected, check_down_cleans_up]
        ok, bad = run_checks(checks, sandbox)
        passed, failed = passed + ok, failed + bad
    finally:
        if sandbox.process.poll() is None:
            sandbox.process.terminate()
            sandbox.process.wait(timeout=60)
    with tempfile.TemporaryDirectory(prefix="e2i-sandbox-selftest-") as work_dir:
        ok, bad = run_checks([check_children_die_with_sigkilled_supervisor], work_dir)
        passed, failed = passed + ok, failed + bad
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
