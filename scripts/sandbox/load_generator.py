"""Background load: real Celery tasks on every queue at a rate that drifts over time.

Model: each queue has a base rate (tasks/s). The rate follows a slow sine,
    rate(t) = base * (1 + SINE_DEPTH * sin(2*pi*t / SINE_PERIOD_SECONDS + phase)),
and each one-second tick enqueues Poisson(rate) tasks. Priorities are drawn from 0-9,
mostly low. Now and then shap or causal receive a burst of tens of tasks at once,
the way a dashboard refresh fans out SHAP explanations and refutations.
"""
import math
import random
import threading
import time

import kombu.exceptions
import redis

from platform_model import ALL_QUEUES

TICK_SECONDS = 1.0
SINE_PERIOD_SECONDS = 600.0
SINE_DEPTH = 0.6
SEED = 20260101
BASE_RATE_PER_SECOND = {
    "default": 0.5, "quick": 1.5, "api": 1.0,
    "analytics": 0.15, "reports": 0.08,
    "shap": 0.02, "causal": 0.01, "ml": 0.005, "twins": 0.005,
}
BURST_QUEUES = ("shap", "causal")
BURST_PROBABILITY_PER_TICK = 1.0 / 180.0
BURST_SIZE_RANGE = (20, 60)
PRIORITY_WEIGHTS = (30, 10, 10, 15, 8, 7, 8, 5, 4, 3)  # priority 0..9


def poisson(rng, mean):
    """Knuth's method; the means here are small."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


class LoadGenerator:
    def __init__(self, producer):
        self._producer = producer
        self._rng = random.Random(SEED)
        self._enabled = threading.Event()
        self._stopping = threading.Event()
        self._phase = {queue: self._rng.uniform(0, 2 * math.pi) for queue in ALL_QUEUES}
        self._started_at = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="load-generator", daemon=True)

    @property
    def enabled(self):
        return self._enabled.is_set()

    def start(self, enabled):
        self.set_enabled(enabled)
        self._thread.start()

    def set_enabled(self, enabled):
        if enabled:
            self._enabled.set()
        else:
            self._enabled.clear()

    def stop(self):
        self._stopping.set()
        self._thread.join(timeout=10.0)

    def rate(self, queue, elapsed_seconds):
        swing = math.sin(2 * math.pi * elapsed_seconds / SINE_PERIOD_SECONDS + self._phase[queue])
        return BASE_RATE_PER_SECOND[queue] * (1 + SINE_DEPTH * swing)

    def _run(self):
        while not self._stopping.wait(TICK_SECONDS):
            if not self._enabled.is_set():
                continue
            try:
                self._tick(time.monotonic() - self._started_at)
            except (redis.RedisError, kombu.exceptions.OperationalError, OSError):
                pass  # the platform redis is down on purpose; keep generating once it is back

    def _tick(self, elapsed_seconds):
        for queue in ALL_QUEUES:
            for _ in range(poisson(self._rng, self.rate(queue, elapsed_seconds))):
                self._producer.send(queue, self.random_priority())
        if self._rng.random() < BURST_PROBABILITY_PER_TICK:
            queue = self._rng.choice(BURST_QUEUES)
            self._producer.send_many(queue, self._rng.randint(*BURST_SIZE_RANGE),
                                     self.random_priority())

    def random_priority(self):
        return self._rng.choices(range(10), weights=PRIORITY_WEIGHTS)[0]
