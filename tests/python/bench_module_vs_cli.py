"""Times e2i_kernels.shap against `e2i-kernels shap` on the same rows (not a test; not in ctest).

    PYTHONPATH=build/release/python /usr/bin/python3 tests/python/bench_module_vs_cli.py \\
        build/release/kernels/cli/e2i-kernels tests/data/shap/reg_d3_missing.json 200000 1

Random normal rows (seed 1) for the model's features; the CLI reads them from a CSV written
beforehand (its time includes parsing it and writing the values), the module takes the numpy
array and returns one. Prints the wall time of each of three alternating runs and the load.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

import e2i_kernels


def main(cli, model, rows, threads):
    with open(model, encoding="utf-8") as f:
        text = f.read()
    features = int(json.loads(text)["learner"]["learner_model_param"]["num_feature"])
    X = np.random.default_rng(1).normal(size=(rows, features))
    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "X.csv")
        with open(data, "w", encoding="utf-8") as f:
            f.write(",".join(f"f{i}" for i in range(features)) + "\n")
            f.writelines(",".join(repr(float(v)) for v in row) + "\n" for row in X)
        command = [cli, "shap", "--model", model, "--data", data, "--out", os.path.join(work, "out.csv"),
                   "--threads", str(threads)]
        for _ in range(3):
            start = time.perf_counter()
            e2i_kernels.shap(text, X, threads=threads)
            module = time.perf_counter() - start
            start = time.perf_counter()
            subprocess.run(command, check=True)
            cli_time = time.perf_counter() - start
            print(f"module {module:.2f} s   cli {cli_time:.2f} s   load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
