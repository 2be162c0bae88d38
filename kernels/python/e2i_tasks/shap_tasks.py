"""e2i.shap.explain: TreeSHAP values of an XGBoost model for the rows of a CSV file, as
`e2i-kernels shap` computes them, on the heavy tier's `shap` queue.

With `chunk_rows`, the rows are split into parts of that many rows: the explain task writes
the parsed rows once to a work directory beside the output (`OUT.parts-<task id>`, on the
storage every worker shares), and replaces itself with a chord: one `e2i.shap.part` task per
part, any worker may take any part, then `e2i.shap.join` concatenates the parts in row order
and writes the output. Each row's values do not depend on the other rows, so the result is
the same bits as the unchunked run. The explain task's id stays the job's id: the join's
summary is stored under it.

The parts' task ids are recorded in the result backend under `e2i-job-parts-<job id>` (a JSON
list in part order, kept as long as results are) before any part is sent, so whoever cancels
the job revokes its parts too (`e2ictl jobs cancel`, the console) and a failed part is named
by its index.

A cancelled job stops where it runs (cancellation.py): the explain task before it splits, a
part inside the kernels (within about 250 ms, on any pool), the join before it writes; the task
that notices removes the work directory, and a part Celery discards or terminates for the
revoke has its work directory removed by the worker (task_revoked). A chord that fails (a part
or the join) has its work directory removed by the join's error callback. Nothing but the
output, once written, stays beside it.
"""
import json
import os
import uuid
import shutil
import time

import numpy as np
from celery import chord
from celery.signals import task_revoked

from .cancellation import job_cancel, mark_job_revoked, revoked_when_cancelled, stop_if_cancelled
from .celery_app import app
from .kernels import kernels
from .locations import read_text, writable_path
from .shap_input import ShapModel, read_rows
from .shap_output import summary, write_values

ROWS_FILE = "rows.npy"
BACKGROUND_FILE = "background.npy"
PART_IDS_PREFIX = "e2i-job-parts-"


def _part_file(work_dir, index):
    return os.path.join(work_dir, f"part-{index:05d}.npy")


def _check_request(interactions, background, algorithm, chunk_rows):
    if interactions and background:
        raise ValueError("interactions and background cannot be combined: interaction values are path-dependent")
    if algorithm != "fast":
        raise ValueError(f"algorithm: only 'fast' runs on the platform (e2i_kernels), not '{algorithm}'")
    if chunk_rows is not None and (not isinstance(chunk_rows, int) or chunk_rows < 1):
        raise ValueError(f"chunk_rows: a whole number of rows >= 1 is required, not {chunk_rows!r}")


def part_ids_key(job_id):
    return f"{PART_IDS_PREFIX}{job_id}"


def record_part_ids(backend, job_id, part_ids):
    """Where the canceller finds the parts: the result backend's set() keeps it as long as results."""
    backend.set(part_ids_key(job_id), json.dumps(part_ids))


def _save(path, array):
    # A path, never a file object: in a work directory a cancel removed, np.save fails rather
    # than make the directory again.
    np.save(path, np.ascontiguousarray(array), allow_pickle=False)


def _remove(work_dir):
    """Idempotent, as every task that notices the cancel removes it; one still writing a
    file into it removes it again after its own check."""
    shutil.rmtree(work_dir, ignore_errors=True)


@app.task(name="e2i.shap.explain", bind=True)
def explain(self, model, data, out, background=None, threads=None, interactions=False, algorithm="fast",
            chunk_rows=None):
    """Arguments as `e2i-kernels shap --model --data --out --background --threads --interactions
    --algorithm`; chunk_rows splits the job into parts run by any heavy worker."""
    _check_request(interactions, background, algorithm, chunk_rows)
    out_path = writable_path(out, "out")
    shap_model = ShapModel(model)
    table, X = read_rows(shap_model, data, "data")
    B = read_rows(shap_model, background, "background")[1] if background else None
    names = shap_model.output_names(table)
    cancel = job_cancel(self)
    if chunk_rows is None or X.shape[0] <= chunk_rows:
        with revoked_when_cancelled(self, cancel):
            values = kernels().shap(shap_model.text, X, interactions=interactions, background=B, threads=threads,
                                    cancel=cancel)
            stop_if_cancelled(cancel)
        write_values(out_path, values, names, interactions)
        return dict(summary(out_path, values, names, interactions), parts=1)
    work_dir = f"{out_path}.parts-{self.request.id}"
    with revoked_when_cancelled(self, cancel, cleanup=lambda: _remove(work_dir)):
        os.makedirs(work_dir)
        _save(os.path.join(work_dir, ROWS_FILE), X)
        if B is not None:
            _save(os.path.join(work_dir, BACKGROUND_FILE), B)
        bounds = [(start, min(start + chunk_rows, X.shape[0])) for start in range(0, X.shape[0], chunk_rows)]
        part_ids = [str(uuid.uuid4()) for _ in bounds]
        record_part_ids(self.backend, self.request.id, part_ids)
        # After the record: a cancel from now on finds the parts; one before it is seen here.
        stop_if_cancelled(cancel)
    parts = [explain_part.s(model, work_dir, index, start, stop, threads, interactions, self.request.id)
             .set(task_id=part_id) for part_id, (index, (start, stop)) in zip(part_ids, enumerate(bounds))]
    finish = join_parts.s(work_dir, out_path, names, interactions, time.time()).on_error(
        remove_failed_job_files.s(work_dir))
    raise self.replace(chord(parts, finish))


@app.task(name="e2i.shap.part", bind=True)
def explain_part(self, model, work_dir, index, start, stop, threads, interactions, job_id):
    """Rows [start, stop) of the job's rows; writes part-INDEX.npy, returns its timing."""
    began = time.perf_counter()
    cancel = job_cancel(self, job_id)
    with revoked_when_cancelled(self, cancel, cleanup=lambda: _remove(work_dir)):
        model_text = read_text(model, "model")  # checked by the explain task; only the kernels read it here
        X = np.load(os.path.join(work_dir, ROWS_FILE), mmap_mode="r")[start:stop]
        background_path = os.path.join(work_dir, BACKGROUND_FILE)
        B = np.load(background_path) if os.path.exists(background_path) else None
        computing = time.perf_counter()
        values = kernels().shap(model_text, np.ascontiguousarray(X), interactions=interactions, background=B,
                                threads=threads, cancel=cancel)
        computed = time.perf_counter()
        _save(_part_file(work_dir, index), values)
        stop_if_cancelled(cancel)  # a cancel that came while the file was written: the directory goes, this file with it
    return {"index": index, "rows": stop - start, "kernel_seconds": computed - computing,
            "task_seconds": time.perf_counter() - began}


@app.task(name="e2i.shap.join", bind=True)
def join_parts(self, parts, work_dir, out_path, names, interactions, submitted_at):
    """The parts in row order as one output; the work directory is removed. Its id is the job's."""
    cancel = job_cancel(self)
    with revoked_when_cancelled(self, cancel, cleanup=lambda: _remove(work_dir)):
        stop_if_cancelled(cancel)
        if not os.path.isdir(work_dir):
            raise ValueError(f"work directory {work_dir} is gone; was the job already joined?")
        ordered = sorted(parts, key=lambda part: part["index"])
        values = np.concatenate([np.load(_part_file(work_dir, part["index"])) for part in ordered])
        stop_if_cancelled(cancel)
    write_values(out_path, values, names, interactions)
    shutil.rmtree(work_dir)
    return dict(summary(out_path, values, names, interactions), parts=len(ordered),
                part_kernel_seconds=[part["kernel_seconds"] for part in ordered],
                part_task_seconds=[part["task_seconds"] for part in ordered],
                seconds=time.time() - submitted_at)


@app.task(name="e2i.shap.cleanup")
def remove_failed_job_files(request, exc, traceback, work_dir):
    """The join's error callback, run by Celery in the worker that saw the chord fail (a part
    failed, or the join did): the failed job leaves nothing beside its output. It must not
    raise: Celery would store its exception as the job's instead of the part's."""
    _remove(work_dir)


@task_revoked.connect
def _end_job_of_revoked_part(sender=None, request=None, **_):
    """A part Celery discarded for the revoke before it ran, or terminated (prefork, terminate)
    never reaches its own cleanup: the worker removes the job's work directory and marks the
    job REVOKED. (The canceller leaves one waiting part on the queue for this, as it cannot
    reach the shared storage itself.)"""
    if getattr(sender, "name", None) != explain_part.name or request is None or not request.args:
        return
    work_dir, job_id = request.args[1], request.args[-1]
    _remove(work_dir)
    mark_job_revoked(sender.backend, job_id)
