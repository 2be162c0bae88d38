"""The slice of the E2I platform the sandbox recreates: tiers, queues, tasks, HTTP services.

Values follow resources/platform/docker-compose.yml and the platform's seed documents.
"""
from dataclasses import dataclass

REFERENCE_COMPOSE = "resources/platform/docker-compose.yml"
REFERENCE_AUTOSCALE = "resources/platform/autoscale.yml"

# Matches kombu's Redis transport options in the platform; the console relies on them
# to find priority sub-queues (`shap\x06\x166`).
BROKER_TRANSPORT_OPTIONS = {
    "priority_steps": [0, 3, 6, 9],
    "sep": "\x06\x16",
    "queue_order_strategy": "priority",
}


@dataclass(frozen=True)
class Tier:
    name: str
    queues: tuple
    concurrency: int
    prefetch_multiplier: int | None
    default_replicas: int


TIERS = {
    "light": Tier("light", ("default", "quick", "api"), 4, None, 2),
    "medium": Tier("medium", ("analytics", "reports"), 4, None, 1),
    "heavy": Tier("heavy", ("shap", "causal", "ml", "twins"), 2, 1, 0),
}


@dataclass(frozen=True)
class TaskKind:
    name: str
    queue: str
    min_seconds: float
    max_seconds: float


TASK_KINDS = (
    TaskKind("e2i.default.housekeeping", "default", 0.1, 0.5),
    TaskKind("e2i.quick.lookup", "quick", 0.05, 0.2),
    TaskKind("e2i.api.ping", "api", 0.05, 0.1),
    TaskKind("e2i.analytics.aggregate", "analytics", 1.0, 5.0),
    TaskKind("e2i.reports.render", "reports", 1.0, 4.0),
    TaskKind("e2i.shap.explain", "shap", 5.0, 20.0),
    TaskKind("e2i.causal.refute", "causal", 8.0, 30.0),
    TaskKind("e2i.causal.estimate", "causal", 5.0, 15.0),
    TaskKind("e2i.ml.train", "ml", 10.0, 30.0),
    TaskKind("e2i.twins.generate", "twins", 5.0, 25.0),
)

ALL_QUEUES = tuple(queue for tier in TIERS.values() for queue in tier.queues)


def tasks_for_queue(queue):
    return [kind for kind in TASK_KINDS if kind.queue == queue]


def tier_of_queue(queue):
    for tier in TIERS.values():
        if queue in tier.queues:
            return tier
    raise KeyError(queue)


# HTTP services and the health paths their compose health checks name.
HEALTH_SERVICES = {
    "api": ("/health", "/healthz", "/ready"),
    "mlflow": ("/health",),
    "bentoml": ("/healthz",),
    "feast": ("/health",),
    "opik": ("/health",),
    "frontend": ("/health",),
}
