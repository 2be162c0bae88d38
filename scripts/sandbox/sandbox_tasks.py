"""Celery module the sandbox workers load (`celery -A sandbox_tasks worker`).

Every task sleeps for a duration typical of its kind, scaled by E2I_SANDBOX_TIME_SCALE,
so queue depths, active counts and heartbeats behave like the real platform's.

Two more tasks make failures on demand (`ctl enqueue QUEUE N --task fail|pass|retry`):
`e2i.sandbox.unstable` raises ValueError when called with fail=True, and
`e2i.sandbox.retrying` retries twice and then fails. While `ctl stall TIER on` holds, every
task of that tier's workers waits before it runs: the workers keep heartbeating but their
`processed` counters stop moving, as with a wedged dependency.
"""
import itertools
import os
import random
import time

from platform_model import TASK_KINDS
from sandbox_celery import create_app
from stall_flags import stall_flag

app = create_app(os.environ["E2I_SANDBOX_REDIS_URL"])
TIME_SCALE = float(os.environ.get("E2I_SANDBOX_TIME_SCALE", "1.0"))
TIER = os.environ.get("E2I_SANDBOX_TIER", "")
STALL_DIR = os.environ.get("E2I_SANDBOX_STALL_DIR", "")
STALL_POLL_SECONDS = 0.1
RETRY_COUNTDOWN_SECONDS = 0.2
_failures = itertools.count(1)


def _wait_while_stalled():
    while STALL_DIR and TIER and os.path.exists(stall_flag(STALL_DIR, TIER)):
        time.sleep(STALL_POLL_SECONDS)


def _register(kind):
    def run(*args, **kwargs):
        _wait_while_stalled()
        seconds = random.uniform(kind.min_seconds, kind.max_seconds) * TIME_SCALE
        time.sleep(seconds)
        return {"task": kind.name, "slept_seconds": round(seconds, 3)}

    run.__name__ = kind.name.replace(".", "_")
    return app.task(name=kind.name)(run)


TASKS = {kind.name: _register(kind) for kind in TASK_KINDS}


@app.task(name="e2i.sandbox.unstable")
def unstable(fail=False, **_secrets):
    """Fails with ValueError('boom N') when asked to; the kwargs stand for secrets."""
    _wait_while_stalled()
    time.sleep(0.05 * TIME_SCALE)
    if fail:
        raise ValueError(f"boom {next(_failures)}")
    return {"task": "e2i.sandbox.unstable", "ok": True}


@app.task(name="e2i.sandbox.retrying", bind=True, max_retries=2)
def retrying(self, **_secrets):
    """Retries twice (task-retried events), then fails for good."""
    _wait_while_stalled()
    error = RuntimeError(f"upstream unavailable (attempt {self.request.retries + 1})")
    raise self.retry(exc=error, countdown=RETRY_COUNTDOWN_SECONDS)
