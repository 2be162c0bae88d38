"""Enqueues real Celery tasks onto the platform redis."""
import random
import threading

from platform_model import tasks_for_queue

SEED = 20260102


class TaskProducer:
    """Sends tasks through Celery's own producer, so messages are exactly what Celery writes."""

    def __init__(self, app):
        self._app = app
        self._rng = random.Random(SEED)
        self._lock = threading.Lock()

    def send(self, queue, priority, task_name=None):
        with self._lock:
            name = task_name or self._rng.choice(tasks_for_queue(queue)).name
            # No retry: with the platform redis stopped on purpose, the caller should hear
            # at once rather than after kombu's connection retries.
            self._app.send_task(name, queue=queue, priority=priority, retry=False)

    def send_many(self, queue, count, priority, task_name=None):
        for _ in range(count):
            self.send(queue, priority, task_name)
