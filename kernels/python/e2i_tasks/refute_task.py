"""e2i.causal.refute: estimate a treatment effect from a CSV file and refute it, as
`e2i-kernels refute --json` does, on the heavy tier's `causal` queue. The report is written
to `out` (JSON, atomically) when given, and is the task's result (every simulated effect
included: about 25 bytes per simulation), which the console's Refute tab reads back."""
import json

from .atomic_file import atomic_output
from .cancellation import job_cancel, revoked_when_cancelled
from .celery_app import app
from .csv_table import read_csv
from .kernels import kernels
from .locations import local_path, writable_path


def _names(value, field):
    """A list of column names, or the CLI's comma-separated form."""
    if value is None:
        return None
    if isinstance(value, str):
        names = [name.strip() for name in value.split(",") if name.strip()]
    else:
        names = list(value)
    if not all(isinstance(name, str) for name in names):
        raise ValueError(f"{field}: column names are text, not {value!r}")
    return names


@app.task(name="e2i.causal.refute")
def refute(data, treatment, outcome, common_causes=(), out=None, categorical=(), estimator="linear",
           refuters=None, simulations=100, seed=42, threads=None, placebo_type="permute"):
    """Arguments as `e2i-kernels refute --data --treatment --outcome --common-causes --out
    --categorical --estimator --refuters --simulations --seed --threads --placebo-type`."""
    out_path = writable_path(out, "out") if out else None
    table = read_csv(local_path(data, "data"), data, allow_text=True)
    columns = dict(table.numbers, **table.texts)
    cancel = job_cancel(refute)
    try:
        with revoked_when_cancelled(refute, cancel):
            report = kernels().refute(columns, treatment, outcome, _names(common_causes, "common_causes") or [],
                                      categorical=_names(categorical, "categorical") or [], estimator=estimator,
                                      refuters=_names(refuters, "refuters"), simulations=simulations, seed=seed,
                                      threads=threads, placebo_type=placebo_type, cancel=cancel)
    except ValueError as error:  # the module calls the table "data"; the CLI names the file
        raise ValueError(f"{data}: {str(error).removeprefix('data: ')}") from None
    if out_path:
        with atomic_output(out_path) as f:
            f.write(json.dumps(report) + "\n")
    return {"out": out_path, "report": report}
