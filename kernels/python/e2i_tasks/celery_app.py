"""The Celery application of the heavy tasks, configured as the platform's workers are."""
import os

from celery import Celery

# kombu's Redis transport options on the platform (CELERY_WIRE.md): priority sub-queues
# `shap\x06\x163` ... served lowest number first. Producers and workers must agree on them.
PLATFORM_TRANSPORT_OPTIONS = {
    "priority_steps": [0, 3, 6, 9],
    "sep": "\x06\x16",
    "queue_order_strategy": "priority",
}

# The heavy tier's queues (docker-compose.yml, worker_heavy: --queues=shap,causal,ml,twins).
TASK_ROUTES = {
    "e2i.shap.*": {"queue": "shap"},
    "e2i.causal.*": {"queue": "causal"},
}


def create_app(broker_url=None, result_backend=None):
    """The app; without arguments the URLs come from the environment, as on the platform."""
    broker_url = broker_url or os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
    result_backend = result_backend or os.environ.get("CELERY_RESULT_BACKEND", broker_url)
    app = Celery("e2i_tasks", broker=broker_url, backend=result_backend)
    app.conf.update(
        broker_transport_options=dict(PLATFORM_TRANSPORT_OPTIONS),
        result_backend_transport_options=dict(PLATFORM_TRANSPORT_OPTIONS),
        task_routes=TASK_ROUTES,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # The stored result names its task (and worker, queue): `e2ictl jobs list` shows it,
        # and tells a job from its chunks (e2i.shap.part).
        result_extended=True,
        worker_send_task_events=True,
        task_send_sent_event=True,
        # A heavy task holds a worker for a long time: one message at a time per process,
        # as the compose file's worker_heavy (--prefetch-multiplier=1).
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
    )
    return app


app = create_app()
