"""Follows Celery's worker events on the platform redis: when each worker was last heard."""
import base64
import json
import threading
import time

import redis

EVENT_PATTERN = "/0.celeryev/*"
RECONNECT_DELAY_SECONDS = 0.5


def decode_event(raw):
    """Kombu envelope -> event body (a dict, or a list for task.multi)."""
    envelope = json.loads(raw)
    body = envelope.get("body", "")
    if envelope.get("properties", {}).get("body_encoding") == "base64":
        body = base64.b64decode(body)
    return json.loads(body)


class HeartbeatMonitor:
    def __init__(self, redis_port):
        self._redis_port = redis_port
        self._last_heartbeat = {}
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._subscribed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat-monitor", daemon=True)

    def start(self):
        """Returns once subscribed, so no heartbeat sent afterwards is missed."""
        self._thread.start()
        self._subscribed.wait(timeout=10.0)

    def stop(self):
        self._stopping.set()
        self._thread.join(timeout=5.0)

    def last_heartbeat(self, hostname):
        with self._changed:
            return self._last_heartbeat.get(hostname)

    def wait_for_heartbeats(self, hostnames, since, timeout_seconds):
        """True once every hostname has sent a heartbeat after `since` (monotonic)."""
        def all_heard():
            return all(self._last_heartbeat.get(name, -1.0) >= since for name in hostnames)

        with self._changed:
            return self._changed.wait_for(all_heard, timeout=timeout_seconds)

    def _run(self):
        while not self._stopping.is_set():
            try:
                self._listen()
            except (redis.RedisError, OSError):
                # The platform redis may be stopped on purpose (`ctl redis stop`).
                time.sleep(RECONNECT_DELAY_SECONDS)

    def _listen(self):
        client = redis.Redis(port=self._redis_port, socket_timeout=5.0)
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        pubsub.psubscribe(EVENT_PATTERN)
        self._subscribed.set()
        try:
            while not self._stopping.is_set():
                message = pubsub.get_message(timeout=0.5)
                if message is not None:
                    self._record(message["data"])
        finally:
            pubsub.close()

    def _record(self, raw):
        try:
            event = decode_event(raw)
        except (ValueError, TypeError):
            return
        if isinstance(event, dict) and event.get("type") == "worker-heartbeat":
            with self._changed:
                self._last_heartbeat[event.get("hostname")] = time.monotonic()
                self._changed.notify_all()
