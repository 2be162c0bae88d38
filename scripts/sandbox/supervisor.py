"""The foreground process that owns every sandbox part and executes control commands.

Control commands arrive on HTTP threads but run on the main thread: children are
spawned with PR_SET_PDEATHSIG, which fires when the *forking thread* exits, so a
worker started from a short-lived request thread would be killed with that thread.
"""
import os
import queue
import random
import shutil
import signal
import sys
import time
import urllib.request
from concurrent.futures import Future

import kombu.exceptions

import child_process
import ctl_commands
import heavy_kernels
import platform_files
from control_server import ControlServer
from demo_jobs import DemoJobs
from health_endpoint import HealthEndpoint
from heartbeat_monitor import HeartbeatMonitor
from load_generator import LoadGenerator
from platform_model import HEALTH_SERVICES, TIERS
from redis_server import RedisServer
from sandbox_celery import create_app
from stall_flags import stall_flag
from task_producer import TaskProducer
from worker_pool import WorkerPool

JOB_POLL_SECONDS = 0.2
BURST_PRIORITY_SEED = 7
SHUTDOWN_GRACE_SECONDS = 5.0
HEALTH_PROBE_TIMEOUT_SECONDS = 5.0


class StartupInterrupted(Exception):
    pass


class Supervisor:
    def __init__(self, options, sandbox_dir, owns_dir):
        self._options = options
        self._dir = sandbox_dir
        self._owns_dir = owns_dir
        self._log_dir = os.path.join(sandbox_dir, "logs")
        self._jobs = queue.Queue()
        self._started = False
        self._stopping = False
        self._faults = {service: "ok" for service in list(HEALTH_SERVICES) + ["falkordb"]}
        self._burst_rng = random.Random(BURST_PRIORITY_SEED)
        self.redis = self.falkordb = self.monitor = self.pool = None
        self.control = self.load = self.producer = self.autoscaler = None
        self._kernels_dir = heavy_kernels.kernels_dir(options.kernels_python)
        self.endpoints = {}

    def run(self):
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        try:
            self._start()
            self._announce()
            self._serve_commands()
            return 0
        except StartupInterrupted:
            return 0
        except (RuntimeError, ValueError, OSError) as error:
            print(f"e2i-sandbox: error: {error}", file=sys.stderr, flush=True)
            return 1
        finally:
            self._shutdown()

    def _on_signal(self, signum, _frame):
        self._stopping = True
        if not self._started:
            raise StartupInterrupted(signal.Signals(signum).name)

    # -- start-up -------------------------------------------------------------------------

    def _start(self):
        os.makedirs(self._log_dir, exist_ok=True)
        # A reused --dir may hold a previous run's env file; clients must not find it.
        self._remove_stale_env_file()
        self.redis = RedisServer("redis", os.path.join(self._dir, "redis"), self._log_dir)
        self.redis.start_on_free_port()
        self.falkordb = RedisServer("falkordb", os.path.join(self._dir, "falkordb"),
                                    self._log_dir)
        self.falkordb.start_on_free_port()
        self._start_endpoints()
        self.monitor = HeartbeatMonitor(self.redis.port)
        self.monitor.start()
        if not heavy_kernels.module_built(self._kernels_dir):
            print(heavy_kernels.not_built_warning(self._kernels_dir), file=sys.stderr, flush=True)
        self.producer = TaskProducer(create_app(self.redis.url), DemoJobs(self._dir))
        self._stall_dir = os.path.join(self._dir, "stall")
        os.makedirs(self._stall_dir, exist_ok=True)
        for tier in TIERS:  # a reused --dir must not start stalled
            self._set_stall(tier, False)
        self.pool = WorkerPool(self.redis.url, self._options.time_scale, self._log_dir,
                               self.monitor, self._stall_dir, self._kernels_dir)
        self._start_initial_workers()
        self.control = ControlServer(self._submit)
        self.control.start()
        self.load = LoadGenerator(self.producer)
        self.load.start(enabled=not self._options.no_load)
        self._started = True

    def _remove_stale_env_file(self):
        try:
            os.remove(os.path.join(self._dir, "sandbox.env"))
        except FileNotFoundError:
            pass

    def _start_endpoints(self):
        for service, paths in HEALTH_SERVICES.items():
            endpoint = HealthEndpoint(service, paths)
            endpoint.start()
            self.endpoints[service] = endpoint
        for endpoint in self.endpoints.values():
            self._probe(endpoint)

    @staticmethod
    def _probe(endpoint):
        for path in endpoint.paths:
            url = f"http://127.0.0.1:{endpoint.port}{path}"
            with urllib.request.urlopen(url, timeout=HEALTH_PROBE_TIMEOUT_SECONDS) as response:
                if response.status != 200:
                    raise RuntimeError(f"{endpoint.service}: {url} answered {response.status}")

    def _start_initial_workers(self):
        replicas = {"light": self._options.light, "medium": self._options.medium,
                    "heavy": self._options.heavy}
        since = time.monotonic()
        started = [worker for tier, count in replicas.items()
                   for worker in self.pool.start_workers(tier, count)]
        self.pool.wait_until_heard(started, since)

    def _host_port_by_service(self):
        ports = {service: endpoint.port for service, endpoint in self.endpoints.items()}
        ports["redis"] = self.redis.port
        ports["falkordb"] = self.falkordb.port
        return ports

    def _announce(self):
        settings = platform_files.write_all(
            self._dir, self.control.url, self.redis.url, self.falkordb.url,
            self._host_port_by_service(), os.getpid())
        self._start_autoscaler()  # reads the files just written; running once READY is printed
        sys.stdout.write(platform_files.settings_env_text(settings))
        sys.stdout.write("READY\n")
        sys.stdout.flush()

    def _start_autoscaler(self):
        """With --autoscaler E2ICTL: the platform's autoscaler loop (`e2ictl autoscale`), applying
        its decisions here through `e2i-sandbox ctl scale` (AutoscaleLoop's sandbox hook), as the
        platform's autoscaler service applies them through docker compose."""
        if not self._options.autoscaler:
            return
        argv = [self._options.autoscaler, "autoscale", "--sandbox-dir", self._dir,
                "--sandbox-script", os.path.join(heavy_kernels.HERE, "e2i-sandbox")]
        if self._options.autoscale_policy:
            argv += ["--autoscale", os.path.abspath(self._options.autoscale_policy)]
        self.autoscaler = child_process.spawn(argv, os.path.join(self._log_dir, "autoscaler.log"))

    # -- commands -------------------------------------------------------------------------

    def _submit(self, argv):
        """Called on a control API thread; waits for the main thread to run the command."""
        command = ctl_commands.parse(argv)
        if command.command == "shutdown":
            self._stopping = True
            return {"shutting_down": True}
        job = Future()
        self._jobs.put((command, job))
        return job.result()

    def _serve_commands(self):
        while not self._stopping:
            try:
                command, job = self._jobs.get(timeout=JOB_POLL_SECONDS)
            except queue.Empty:
                continue
            try:
                job.set_result(self._execute(command))
            except (RuntimeError, ValueError, OSError) as error:
                job.set_exception(RuntimeError(f"{command.command}: {error}"))
            except kombu.exceptions.OperationalError as error:
                job.set_exception(RuntimeError(
                    f"{command.command}: the platform redis on port {self.redis.port} is not "
                    f"reachable ({error})"))
            except Exception as error:  # keep the supervisor alive; report to the caller
                job.set_exception(RuntimeError(f"{command.command}: unexpected {error!r}"))

    def _execute(self, command):
        handlers = {
            "scale": lambda: self._scale(command.tier, command.replicas),
            "kill-worker": lambda: self._kill_worker(command.tier),
            "fault": lambda: self._set_fault(command.service, command.mode),
            "redis": lambda: self._redis(command.action),
            "load": lambda: self._set_load(command.state == "on"),
            "burst": lambda: self._burst(command.queue, command.count),
            "enqueue": lambda: self._enqueue(command),
            "stall": lambda: self._set_stall(command.tier, command.state == "on"),
            "status": self.status,
        }
        return handlers[command.command]()

    def _scale(self, tier, replicas):
        current = len(self.pool.workers(tier))
        started, stopped = [], []
        if replicas > current:
            since = time.monotonic()
            started = self.pool.start_workers(tier, replicas - current)
            self.pool.wait_until_heard(started, since)
        elif replicas < current:
            stopped = self.pool.stop_newest(tier, current - replicas)
        return {"tier": tier, "replicas": replicas,
                "started": [worker.hostname for worker in started],
                "stopped": [worker.hostname for worker in stopped]}

    def _kill_worker(self, tier):
        worker = self.pool.kill_newest(tier)
        return {"tier": tier, "killed": worker.hostname, "pid": worker.pid}

    def _set_fault(self, service, mode):
        if service == "falkordb":
            if mode == "refuse":
                self.falkordb.stop()
            else:
                self.falkordb.start()
        else:
            self.endpoints[service].set_fault(mode)
        self._faults[service] = mode
        return {"service": service, "fault": mode}

    def _redis(self, action):
        if action == "stop":
            self.redis.stop()
        else:
            self.redis.start()
        return {"redis": "stopped" if action == "stop" else "running", "port": self.redis.port}

    def _set_load(self, enabled):
        self.load.set_enabled(enabled)
        return {"load": "on" if enabled else "off"}

    def _burst(self, queue_name, count):
        priority = self._burst_rng.randint(0, 9)
        self.producer.send_many(queue_name, count, priority)
        return {"queue": queue_name, "count": count, "priority": priority}

    def _enqueue(self, command):
        self.producer.send_many(command.queue, command.count, command.priority, command.task)
        return {"queue": command.queue, "count": command.count, "priority": command.priority,
                "task": command.task}

    def _set_stall(self, tier, stalled):
        """Workers of the tier keep heartbeating; their tasks wait while the flag exists."""
        flag = stall_flag(self._stall_dir, tier)
        if stalled:
            with open(flag, "w", encoding="utf-8") as file:
                file.write("stalled by e2i-sandbox ctl\n")
        elif os.path.exists(flag):
            os.remove(flag)
        return {"tier": tier, "stall": "on" if stalled else "off"}

    def _stalled_tiers(self):
        return [tier for tier in TIERS if os.path.exists(stall_flag(self._stall_dir, tier))]

    def status(self):
        workers = {tier: [{"hostname": worker.hostname, "pid": worker.pid}
                          for worker in self.pool.workers(tier)] for tier in TIERS}
        return {
            "pid": os.getpid(),
            "workers": workers,
            "faults": dict(self._faults),
            "load": "on" if self.load.enabled else "off",
            "stalled": self._stalled_tiers(),
            "redis": {"port": self.redis.port, "pid": self.redis.process.pid,
                      "running": self.redis.running},
            "kernels": {"python_dir": self._kernels_dir,
                        "built": heavy_kernels.module_built(self._kernels_dir)},
            "autoscaler": {"pid": self.autoscaler.pid if self.autoscaler else None,
                           "running": bool(self.autoscaler and self.autoscaler.poll() is None)},
            "falkordb": {"port": self.falkordb.port, "pid": self.falkordb.process.pid,
                         "running": self.falkordb.running},
        }

    # -- shutdown -------------------------------------------------------------------------

    def _shutdown(self):
        self._started = True  # from here on a signal must not interrupt the clean-up
        self._stopping = True
        self._fail_pending_jobs()
        if self.autoscaler is not None:  # first: it must not scale what is being stopped
            child_process.stop(self.autoscaler, SHUTDOWN_GRACE_SECONDS)
        for part in (self.load, self.control):
            if part is not None:
                part.stop()
        if self.pool is not None:
            self.pool.stop_all(SHUTDOWN_GRACE_SECONDS)
        if self.monitor is not None:
            self.monitor.stop()
        for endpoint in self.endpoints.values():
            endpoint.stop()
        for server in (self.redis, self.falkordb):
            if server is not None:
                server.stop()
        if self._owns_dir:
            shutil.rmtree(self._dir, ignore_errors=True)

    def _fail_pending_jobs(self):
        while True:
            try:
                _command, job = self._jobs.get_nowait()
            except queue.Empty:
                return
            job.set_exception(RuntimeError("the sandbox is shutting down"))
