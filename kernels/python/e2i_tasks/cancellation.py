"""A job's cancel, as the tasks see it while they run.

`e2ictl jobs cancel` and the console (backend/jobs/JobClient.cpp) write `e2i-job-cancelled-<job
id>` into the result backend (unprefixed, as Celery 5.2's Redis backend keys are, expiring with
the results) before they revoke the job and its parts. Revoke alone stops only a task that has
not started: a running task is terminated only by --pool=prefork with terminate, never on the
threads and solo pools, and a prefork child killed mid-part leaves its files behind. So every
task hands the kernels a JobCancel, which they poll about every 250 ms (e2i_kernels' `cancel`);
it answers true once the mark is there or the worker has the task or its job in its revoked
set (threads and solo pools share it; a prefork child does not, hence the mark).

A task that stops for its job's cancel removes what the job left on the shared storage, stores
REVOKED for itself and for the job (unless the job already ended), sends `task-revoked` and ends
with Ignore: never SUCCESS, and not FAILURE either, whose chord bookkeeping would run the join.
"""
from contextlib import contextmanager

from celery import states
from celery.exceptions import Ignore, TaskRevokedError
from celery.worker import state as worker_state

CANCELLED_PREFIX = "e2i-job-cancelled-"
REASON = "the job was cancelled"


def cancelled_key(job_id):
    return f"{CANCELLED_PREFIX}{job_id}"


class JobCancel:
    """The `cancel` callable for the kernels: true once the job `job_id` is cancelled."""

    def __init__(self, backend, job_id, task_id):
        self.backend = backend
        self.job_id = job_id
        self.task_id = task_id

    def __call__(self):
        if self.task_id in worker_state.revoked or self.job_id in worker_state.revoked:
            return True
        return self.backend.get(cancelled_key(self.job_id)) is not None


class JobCancelled(Exception):
    """Raised by a task between steps when its job's cancel is noticed there, not in a kernel."""


def job_cancel(task, job_id=None):
    """The task's JobCancel (its own id is the job's unless given); None for a task run in
    this process by apply(), which nobody can cancel but Ctrl-C and which has no backend to ask."""
    if task.request.is_eager:
        return None
    return JobCancel(task.backend, job_id or task.request.id, task.request.id)


def stop_if_cancelled(cancel):
    """Between steps: raises JobCancelled once the job is cancelled."""
    if cancel is not None and cancel():
        raise JobCancelled(REASON)


@contextmanager
def revoked_when_cancelled(task, cancel, cleanup=lambda: None):
    """Runs the block; when it raises and the job is cancelled, whatever it raised (the kernels'
    Cancelled, JobCancelled, or a file another cancelled part already removed) ends the task
    as REVOKED after `cleanup`; any other failure is the task's failure."""
    try:
        yield
    except Exception:
        if cancel is None or not cancel():
            raise
        cleanup()
        end_revoked(task, cancel.job_id)


def end_revoked(task, job_id):
    task_id = task.request.id
    # store_result, not mark_as_revoked: a part must not count as returned towards its chord.
    task.backend.store_result(task_id, TaskRevokedError(REASON), states.REVOKED, request=task.request)
    if job_id != task_id:
        mark_job_revoked(task.backend, job_id)
    task.send_event("task-revoked", terminated=False, signum=None, expired=False)
    raise Ignore(REASON)


def mark_job_revoked(backend, job_id):
    """A chunked job's result is its join's, which a cancelled job never stores: REVOKED is
    stored for it here, unless it has already ended.

    A part Celery discards for the revoke counts towards the chord as a failed part: when it is
    the last one to end, Celery fails the chord and stores FAILURE ("Dependency ... raised
    TaskRevokedError") for the job before the worker's task_revoked handler runs. A job whose
    cancel mark is there was cancelled, not failed: that FAILURE is replaced with REVOKED."""
    status = backend.get_task_meta(job_id, cache=False)["status"]
    failed_for_the_cancel = status == states.FAILURE and backend.get(cancelled_key(job_id)) is not None
    if status not in states.READY_STATES or failed_for_the_cancel:
        backend.store_result(job_id, TaskRevokedError(REASON), states.REVOKED)
