#!/usr/bin/python3
"""A big SHAP job split over 1, 2, 4 heavy workers of the sandbox against the local run.

    /usr/bin/python3 tests/bench/shap/make_bench_model.py /tmp/bench 8 500 200000
    /usr/bin/python3 tests/bench/jobs/bench_heavy_jobs.py build/release /tmp/bench/bench_d8.json \\
        /tmp/bench/bench_rows.csv --workers 1 2 4 --parts 8

Local: e2i_kernels.shap in this process (threads = every core), the rows already in memory.
Platform: for each worker count, a sandbox with that many heavy workers (concurrency 2 each,
as the compose file) and nothing else; one e2i.shap.explain job with chunk_rows = rows / parts,
each part on `--part-threads` threads, output .npy. Prints one JSON line per run: time to result
(send -> result), the parts' kernel and task seconds, and the job's fixed costs, plus the
machine's load average (other work on the cores shows there).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "integration", "jobs"))


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("model")
    parser.add_argument("data")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--parts", type=int, default=8)
    parser.add_argument("--part-threads", type=int, default=1)
    parser.add_argument("--skip-local", action="store_true")
    return parser.parse_args()


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def local_run(model_path, data_path):
    import e2i_kernels
    from e2i_tasks.shap_input import ShapModel, read_rows

    began = time.perf_counter()
    model = ShapModel(model_path)
    _table, X = read_rows(model, data_path, "data")
    read = time.perf_counter()
    cpu = cpu_seconds()
    values = e2i_kernels.shap(model.text, X)
    done = time.perf_counter()
    return {"run": "local", "rows": X.shape[0], "read_seconds": read - began, "kernel_seconds": done - read,
            "kernel_cpu_seconds": cpu_seconds() - cpu, "shape": list(values.shape), "load": os.getloadavg()}


def platform_run(options, workers, rows):
    from sandbox_process import SANDBOX
    from e2i_tasks.celery_app import create_app

    with tempfile.TemporaryDirectory(prefix="e2i-bench-jobs-") as directory:
        sandbox = subprocess.Popen(
            [SANDBOX, "up", "--dir", os.path.join(directory, "sandbox"), "--no-load", "--light", "0", "--medium", "0",
             "--heavy", str(workers), "--kernels-python", os.path.join(options.build, "python")],
            stdout=subprocess.PIPE, text=True)
        settings = dict(line.strip().partition("=")[::2] for line in iter(sandbox.stdout.readline, "READY\n"))
        broker = settings["E2I_REDIS_URL"]
        app = create_app(broker, broker.rsplit("/", 1)[0] + "/1")
        out = os.path.join(directory, "values.npy")
        began = time.perf_counter()
        result = app.send_task("e2i.shap.explain", kwargs={
            "model": os.path.abspath(options.model), "data": os.path.abspath(options.data), "out": out,
            "threads": options.part_threads, "chunk_rows": -(-rows // options.parts)})
        summary = result.get(timeout=7200)
        elapsed = time.perf_counter() - began
        subprocess.run([SANDBOX, "down", "--dir", os.path.join(directory, "sandbox")], check=False,
                       capture_output=True)
        sandbox.wait()
    kernel, task = summary["part_kernel_seconds"], summary["part_task_seconds"]
    return {"run": f"{workers} heavy", "parts": summary["parts"], "time_to_result_seconds": elapsed,
            "part_kernel_seconds_sum": sum(kernel), "part_task_seconds_sum": sum(task),
            "part_overhead_seconds_mean": (sum(task) - sum(kernel)) / len(task),
            # From the explain task's split to the joined output; before it: queueing, the CSV read
            # and the rows written for the parts, once per job.
            "parts_and_join_seconds": summary["seconds"], "before_parts_seconds": elapsed - summary["seconds"],
            "load": os.getloadavg()}


def main():
    options = arguments()
    sys.path.insert(0, os.path.join(options.build, "python"))
    local = None if options.skip_local else local_run(options.model, options.data)
    if local:
        print(json.dumps(local), flush=True)
    rows = local["rows"] if local else sum(1 for _ in open(options.data, encoding="utf-8")) - 1
    for workers in options.workers:
        print(json.dumps(platform_run(options, workers, rows)), flush=True)


if __name__ == "__main__":
    main()
