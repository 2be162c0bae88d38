"""Celery module the sandbox's heavy workers load (`celery -A sandbox_heavy_tasks worker`):
the platform's real heavy tasks, e2i_tasks (e2i.shap.explain, e2i.causal.refute, computed by
the e2i_kernels module of the build tree), configured from CELERY_BROKER_URL and
CELERY_RESULT_BACKEND as on the platform; the heavy kinds the project has no task for
(e2i.causal.estimate, e2i.ml.train, e2i.twins.generate) still sleep."""
from e2i_tasks import app
from platform_model import TASK_KINDS, TIERS
from sleeping_tasks import register_failing_tasks, register_sleepers

SLEEPING_KINDS = [kind for kind in TASK_KINDS if kind.queue in TIERS["heavy"].queues and kind.name not in app.tasks]
TASKS = register_sleepers(app, SLEEPING_KINDS)
register_failing_tasks(app)
