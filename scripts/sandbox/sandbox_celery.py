"""The Celery application shared by the workers (which run tasks) and the supervisor
(which only produces messages)."""
from celery import Celery

from platform_model import BROKER_TRANSPORT_OPTIONS


def redis_db_url(base_url, db):
    """`redis://127.0.0.1:PORT/0` -> the same server with another database number."""
    return base_url.rsplit("/", 1)[0] + f"/{db}"


def create_app(broker_url):
    app = Celery("e2i_sandbox", broker=broker_url, backend=redis_db_url(broker_url, 1))
    app.conf.update(
        broker_transport_options=dict(BROKER_TRANSPORT_OPTIONS),
        result_backend_transport_options=dict(BROKER_TRANSPORT_OPTIONS),
        worker_send_task_events=True,
        task_send_sent_event=True,
        task_default_queue="default",
        worker_hijack_root_logger=False,
    )
    return app
