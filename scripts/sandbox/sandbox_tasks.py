"""Celery module the sandbox's light and medium workers load (`celery -A sandbox_tasks
worker`): every task kind sleeps (sleeping_tasks.py). The heavy workers load
sandbox_heavy_tasks instead, which runs the real heavy tasks."""
import os

from platform_model import TASK_KINDS
from sandbox_celery import create_app
from sleeping_tasks import register_failing_tasks, register_sleepers

app = create_app(os.environ["E2I_SANDBOX_REDIS_URL"])
TASKS = register_sleepers(app, TASK_KINDS)
register_failing_tasks(app)
