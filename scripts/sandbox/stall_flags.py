"""Where the stall flags live; shared by the supervisor and the workers' task module
(which the supervisor must not import: it connects a Celery app on import)."""
import os


def stall_flag(stall_dir, tier):
    """The file whose presence stalls a tier's tasks."""
    return os.path.join(stall_dir, f"stall-{tier}")
