"""Where a SHAP job's result goes: OUT.npy as a numpy array (pred_contribs' layout), anything
else as the CLI's CSV; both written atomically. The result backend gets a summary only."""
import hashlib

import numpy as np

from .atomic_file import atomic_output
from .shap_csv import write_shap_csv


def output_format(path):
    return "npy" if path.endswith(".npy") else "csv"


def write_values(path, values, names, interactions):
    if output_format(path) == "npy":
        with atomic_output(path, "wb") as f:
            np.save(f, values, allow_pickle=False)
    else:
        with atomic_output(path) as f:
            write_shap_csv(f, values, names, interactions)


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def summary(path, values, names, interactions):
    """What the result backend keeps: where the values are, their shape and a digest, and each
    feature's mean |SHAP| (over rows and classes) for a first look; never the matrix."""
    result = {"out": path, "format": output_format(path), "shape": list(values.shape),
              "interactions": interactions, "sha256": file_sha256(path)}
    if not interactions:
        mean_abs = np.abs(values).reshape(-1, values.shape[-1]).mean(axis=0)
        result["mean_abs"] = dict(zip(list(names) + ["bias"], mean_abs.tolist()))
    return result
