"""One Celery worker process of the sandbox."""
from dataclasses import dataclass


@dataclass
class Worker:
    tier: str
    hostname: str
    process: object

    @property
    def pid(self):
        return self.process.pid
