"""Real Celery worker processes, one per replica, grouped by tier."""
import os
import time

import child_process
import heavy_kernels
from platform_model import TIERS
from sandbox_celery import redis_db_url
from worker import Worker

PYTHON = "/usr/bin/python3"  # Debian's, which sees python3-celery
HERE = os.path.dirname(os.path.abspath(__file__))
WARM_SHUTDOWN_GRACE_SECONDS = 10.0
HEARTBEAT_TIMEOUT_SECONDS = 60.0
HEARTBEAT_POLL_SECONDS = 1.0


class WorkerPool:
    def __init__(self, redis_url, time_scale, log_dir, monitor, stall_dir="", kernels_dir=""):
        self._redis_url = redis_url
        self._kernels_dir = kernels_dir
        self._stall_dir = stall_dir
        self._time_scale = time_scale
        self._log_dir = log_dir
        self._monitor = monitor
        self._workers = {tier: [] for tier in TIERS}
        self._next_index = 1

    def workers(self, tier):
        return list(self._workers[tier])

    def all_workers(self):
        return [worker for tier in TIERS for worker in self._workers[tier]]

    def start_workers(self, tier, count):
        """Start `count` workers of the tier without waiting for them."""
        return [self._start_one(tier) for _ in range(count)]

    def wait_until_heard(self, workers, since):
        """Waits for each worker's first heartbeat; fails early if a worker process exits."""
        hostnames = [worker.hostname for worker in workers]
        deadline = time.monotonic() + HEARTBEAT_TIMEOUT_SECONDS
        while not self._monitor.wait_for_heartbeats(hostnames, since, HEARTBEAT_POLL_SECONDS):
            exited = [worker for worker in workers if worker.process.poll() is not None]
            if exited:
                raise RuntimeError(f"worker {exited[0].hostname} exited with status "
                                   f"{exited[0].process.returncode} before its first heartbeat; "
                                   f"see {self._log_path(exited[0].hostname)}")
            if time.monotonic() > deadline:
                silent = [name for name in hostnames if self._monitor.last_heartbeat(name) is None]
                raise RuntimeError(f"no heartbeat within {HEARTBEAT_TIMEOUT_SECONDS:.0f} s from "
                                   f"{', '.join(silent) or 'some workers'}; "
                                   f"see the worker logs in {self._log_dir}")

    def stop_newest(self, tier, count):
        """Warm shutdown (SIGTERM): the worker finishes and sends worker-offline."""
        stopped = [self._workers[tier].pop() for _ in range(count)]
        for worker in stopped:
            worker.process.terminate()
        for worker in stopped:
            child_process.stop(worker.process, WARM_SHUTDOWN_GRACE_SECONDS)
        return stopped

    def kill_newest(self, tier):
        """SIGKILL: no worker-offline event, the worker only stops sending heartbeats."""
        if not self._workers[tier]:
            raise ValueError(f"tier '{tier}' has no running worker to kill")
        worker = self._workers[tier].pop()
        child_process.kill(worker.process)
        return worker

    def stop_all(self, grace_seconds):
        workers = self.all_workers()
        for worker in workers:
            worker.process.terminate()
        for worker in workers:
            child_process.stop(worker.process, grace_seconds)
        self._workers = {tier: [] for tier in TIERS}

    def _start_one(self, tier_name):
        hostname = f"{tier_name}@sandbox-{self._next_index}"
        self._next_index += 1
        process = child_process.spawn(self._argv(TIERS[tier_name], hostname),
                                      self._log_path(hostname),
                                      env=self._env(tier_name), cwd=HERE)
        worker = Worker(tier_name, hostname, process)
        self._workers[tier_name].append(worker)
        return worker

    def _log_path(self, hostname):
        return os.path.join(self._log_dir, f"worker-{hostname}.log")

    @staticmethod
    def _argv(tier, hostname):
        app_module = "sandbox_heavy_tasks" if tier.name == "heavy" else "sandbox_tasks"
        argv = [PYTHON, "-m", "celery", "-A", app_module, "worker", "-E",
                f"--queues={','.join(tier.queues)}", f"--concurrency={tier.concurrency}",
                "--pool=threads", f"--hostname={hostname}", "--loglevel=INFO"]
        if tier.prefetch_multiplier is not None:
            argv.append(f"--prefetch-multiplier={tier.prefetch_multiplier}")
        return argv

    def _env(self, tier_name):
        env = dict(os.environ)
        env["E2I_SANDBOX_TIER"] = tier_name
        env["E2I_SANDBOX_STALL_DIR"] = self._stall_dir
        env["E2I_SANDBOX_REDIS_URL"] = self._redis_url
        env["E2I_SANDBOX_TIME_SCALE"] = str(self._time_scale)
        # The heavy tier's tasks read these, as the platform's workers do.
        env["CELERY_BROKER_URL"] = self._redis_url
        env["CELERY_RESULT_BACKEND"] = redis_db_url(self._redis_url, 1)
        kernels = heavy_kernels.python_path(self._kernels_dir) if tier_name == "heavy" else []
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [HERE, *kernels, env.get("PYTHONPATH")]))
        env.pop("PYTHONHOME", None)  # a pyenv interpreter's home would confuse Debian's python
        return env


