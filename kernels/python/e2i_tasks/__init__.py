"""e2i_tasks: the platform's heavy Celery tasks, computed by the e2i_kernels module.

    celery -A e2i_tasks worker -Q shap,causal ...

The broker and the result backend come from CELERY_BROKER_URL and CELERY_RESULT_BACKEND, as
the platform's workers have them. Tasks: `e2i.shap.explain` (queue shap, optionally split into
parts run as a Celery chord) and `e2i.causal.refute` (queue causal). See README.md beside this
file for their arguments, which follow `e2i-kernels shap|refute`.
"""
from .celery_app import app
from . import refute_task, shap_tasks  # noqa: F401  (registers the tasks on the app)

__all__ = ["app"]
