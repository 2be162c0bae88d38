"""Shared helpers for the e2i_kernels module tests: fixtures, the CLI, CSV in and out.

Numbers are read with float(), which is correctly rounded, and the kernels write the
shortest text that reads back to the same double, so a value that goes through a CSV file
comes back bit for bit.
"""
import csv
import json
import os
import subprocess

import numpy as np

DATA_DIR = os.environ.get("E2I_TEST_DATA_DIR", os.path.join(os.path.dirname(__file__), "..", "data"))
SHAP_DIR = os.path.join(DATA_DIR, "shap")
CAUSAL_DIR = os.path.join(DATA_DIR, "causal")
KERNELS_CLI = os.environ.get("E2I_KERNELS_CLI", "e2i-kernels")
EXPLAIN_EXPORT = os.environ.get("E2I_EXPLAIN_EXPORT", "")


def shap_fixture(name, suffix):
    return os.path.join(SHAP_DIR, f"{name}.{suffix}")


def model_text(name):
    with open(shap_fixture(name, "json"), encoding="utf-8") as f:
        return f.read()


def model_feature_names(text):
    """The model's feature names, or [] when it was saved without them."""
    return json.loads(text)["learner"].get("feature_names", [])


def cell(text):
    return float(text) if text not in ("", "NA", "NaN") else float("nan")


def read_table(path, skip=0):
    """(header, rows of floats) of a CSV file, the first `skip` (text) columns left out;
    empty, NA and NaN cells are NaN."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header[skip:], [[cell(c) for c in row[skip:]] for row in reader]


def read_feature_rows(name):
    """The fixture's data as X, its columns in the model's feature order (as the CLI matches them)."""
    header, rows = read_table(shap_fixture(name, "data.csv"))
    names = model_feature_names(model_text(name)) or header
    order = [header.index(n) for n in names]
    return np.array([[row[i] for i in order] for row in rows], dtype=np.float64)


def read_shap_csv(path, groups):
    """A SHAP values CSV of the CLI's format (ShapCsvWriter.h) as pred_contribs' array layout."""
    _, rows = read_table(path, skip=1 if groups > 1 else 0)  # [class,]
    values = np.array(rows, dtype=np.float64)
    width = values.shape[1]
    return values.reshape(-1, groups, width) if groups > 1 else values


def read_interactions_csv(path, groups, width):
    """An interactions CSV of the CLI's format: rows x [groups x] width x width."""
    _, rows = read_table(path, skip=3 if groups > 1 else 2)  # row, [class,] feature
    values = np.array(rows, dtype=np.float64)
    shape = (-1, groups, width, width) if groups > 1 else (-1, width, width)
    return values.reshape(shape)


def run_cli(*args):
    """Runs e2i-kernels; raises with its standard error when it fails."""
    done = subprocess.run([KERNELS_CLI, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"e2i-kernels {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def same_bits(a, b):
    """True when two float64 arrays have the same shape and the same bytes (-0.0 is not 0.0)."""
    a = np.ascontiguousarray(a, dtype=np.float64)
    b = np.ascontiguousarray(b, dtype=np.float64)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def model_groups(text):
    """Output groups of a model: num_class, or 1 for a single output."""
    return max(1, int(json.loads(text)["learner"]["learner_model_param"].get("num_class", "0")))


def fixtures_with(suffix):
    """Names of the SHAP fixtures that have NAME.data.csv and NAME.<suffix>."""
    names = sorted(f[: -len(".data.csv")] for f in os.listdir(SHAP_DIR) if f.endswith(".data.csv"))
    return [n for n in names if os.path.exists(shap_fixture(n, suffix))]
