"""Enqueues real Celery tasks onto the platform redis."""
import random
import threading

from platform_model import tasks_for_queue

SEED = 20260102
# Short names for `ctl enqueue --task`: the failing tasks of sandbox_tasks.py. Their
# kwargs carry a fake secret, so tests can check that it never reaches any output.
FAKE_SECRET = "sandbox-secret-do-not-print"
SHORT_TASKS = {
    "fail": ("e2i.sandbox.unstable", {"fail": True, "api_key": FAKE_SECRET}),
    "pass": ("e2i.sandbox.unstable", {"fail": False, "api_key": FAKE_SECRET}),
    "retry": ("e2i.sandbox.retrying", {"api_key": FAKE_SECRET}),
}


class TaskProducer:
    """Sends tasks through Celery's own producer, so messages are exactly what Celery writes."""

    def __init__(self, app, demo_jobs):
        self._app = app
        self._demo_jobs = demo_jobs
        self._rng = random.Random(SEED)
        self._lock = threading.Lock()

    def send(self, queue, priority, task_name=None):
        with self._lock:
            name, kwargs = SHORT_TASKS.get(task_name, (task_name, {}))
            name = name or self._rng.choice(tasks_for_queue(queue)).name
            kwargs = kwargs or self._demo_jobs.kwargs(name)
            # No retry: with the platform redis stopped on purpose, the caller should hear
            # at once rather than after kombu's connection retries.
            self._app.send_task(name, kwargs=kwargs, queue=queue, priority=priority, retry=False)

    def send_many(self, queue, count, priority, task_name=None):
        for _ in range(count):
            self.send(queue, priority, task_name)
