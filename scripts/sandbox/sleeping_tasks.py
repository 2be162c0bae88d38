"""The sandbox's stand-in tasks: each sleeps for a duration typical of its kind, scaled by
E2I_SANDBOX_TIME_SCALE, so queue depths, active counts and heartbeats behave like the real
platform's; two more make failures on demand. Registered on whichever app a worker runs:
sandbox_tasks' (light and medium tiers) or e2i_tasks' (heavy tier, for the heavy kinds the
project has no real task for).

While `ctl stall TIER on` holds, every task of that tier's workers waits before it runs (a
task_prerun handler, so it holds for the real heavy tasks too): the workers keep
heartbeating but their `processed` counters stop moving, as with a wedged dependency.
"""
import itertools
import os
import random
import time

from celery.signals import task_prerun

from stall_flags import stall_flag

TIME_SCALE = float(os.environ.get("E2I_SANDBOX_TIME_SCALE", "1.0"))
TIER = os.environ.get("E2I_SANDBOX_TIER", "")
STALL_DIR = os.environ.get("E2I_SANDBOX_STALL_DIR", "")
STALL_POLL_SECONDS = 0.1
RETRY_COUNTDOWN_SECONDS = 0.2
_failures = itertools.count(1)


@task_prerun.connect
def _wait_while_stalled(**_task):
    while STALL_DIR and TIER and os.path.exists(stall_flag(STALL_DIR, TIER)):
        time.sleep(STALL_POLL_SECONDS)


def _register_sleeper(app, kind):
    def run(*args, **kwargs):
        seconds = random.uniform(kind.min_seconds, kind.max_seconds) * TIME_SCALE
        time.sleep(seconds)
        return {"task": kind.name, "slept_seconds": round(seconds, 3)}

    run.__name__ = kind.name.replace(".", "_")
    return app.task(name=kind.name)(run)


def register_sleepers(app, kinds):
    return {kind.name: _register_sleeper(app, kind) for kind in kinds}


def register_failing_tasks(app):
    @app.task(name="e2i.sandbox.unstable")
    def unstable(fail=False, **_secrets):
        """Fails with ValueError('boom N') when asked to; the kwargs stand for secrets."""
        time.sleep(0.05 * TIME_SCALE)
        if fail:
            raise ValueError(f"boom {next(_failures)}")
        return {"task": "e2i.sandbox.unstable", "ok": True}

    @app.task(name="e2i.sandbox.retrying", bind=True, max_retries=2)
    def retrying(self, **_secrets):
        """Retries twice (task-retried events), then fails for good."""
        error = RuntimeError(f"upstream unavailable (attempt {self.request.retries + 1})")
        raise self.retry(exc=error, countdown=RETRY_COUNTDOWN_SECONDS)

    return unstable, retrying
