"""Celery module the sandbox workers load (`celery -A sandbox_tasks worker`).

Every task sleeps for a duration typical of its kind, scaled by E2I_SANDBOX_TIME_SCALE,
so queue depths, active counts and heartbeats behave like the real platform's.
"""
import os
import random
import time

from platform_model import TASK_KINDS
from sandbox_celery import create_app

app = create_app(os.environ["E2I_SANDBOX_REDIS_URL"])
TIME_SCALE = float(os.environ.get("E2I_SANDBOX_TIME_SCALE", "1.0"))


def _register(kind):
    def run(*args, **kwargs):
        seconds = random.uniform(kind.min_seconds, kind.max_seconds) * TIME_SCALE
        time.sleep(seconds)
        return {"task": kind.name, "slept_seconds": round(seconds, 3)}

    run.__name__ = kind.name.replace(".", "_")
    return app.task(name=kind.name)(run)


TASKS = {kind.name: _register(kind) for kind in TASK_KINDS}
