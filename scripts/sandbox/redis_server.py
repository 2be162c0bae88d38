"""A foreground redis-server on loopback, restartable on the same port."""
import os
import time

import redis

import child_process
from free_port import find_free_port

START_ATTEMPTS = 5
PING_TIMEOUT_SECONDS = 10.0
STOP_GRACE_SECONDS = 5.0


class RedisServer:
    def __init__(self, name, data_dir, log_dir):
        self.name = name
        self.data_dir = data_dir
        self.log_path = os.path.join(log_dir, f"{name}.log")
        self.port = None
        self.process = None
        os.makedirs(data_dir, exist_ok=True)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def start_on_free_port(self):
        # Probing a port and binding it later can race with another sandbox; retry then.
        for _ in range(START_ATTEMPTS):
            self.port = find_free_port()
            if self._start_and_wait():
                return
        raise RuntimeError(f"{self.name}: redis-server did not start, see {self.log_path}")

    def start(self):
        """Start again on the port it had before."""
        if self.running:
            return
        if not self._start_and_wait():
            raise RuntimeError(f"{self.name}: redis-server did not restart on port {self.port}, "
                               f"see {self.log_path}")

    def stop(self):
        if self.process is not None:
            child_process.stop(self.process, STOP_GRACE_SECONDS)

    def ping(self):
        try:
            return redis.Redis(port=self.port, socket_timeout=1.0).ping()
        except redis.RedisError:
            return False

    def _start_and_wait(self):
        self.process = child_process.spawn(self._argv(), self.log_path)
        deadline = time.monotonic() + PING_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if self.ping():
                return True
            time.sleep(0.05)
        child_process.kill(self.process)
        return False

    def _argv(self):
        return ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port),
                "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", self.data_dir]
