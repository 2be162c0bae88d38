"""A SHAP job's inputs read as `e2i-kernels shap` reads them: the model's feature names (else
positions) pick the data's columns (kernels/shap/FeatureMatrix.cpp), with the CLI's messages."""
import json

import numpy as np

# Doubles at least this large round to an infinite float32 (FeatureMatrix.cpp's kFloat32Overflow).
FLOAT32_OVERFLOW = 2.0**128 - 2.0**103

from .csv_table import csv_error, read_csv
from .kernels import kernels
from .locations import local_path, read_text


def _learner(model_text, location):
    """The model's learner section; a model the kernels cannot read fails with their message."""
    try:
        learner = json.loads(model_text)["learner"]
        int(learner["learner_model_param"]["num_feature"])
        return learner
    except (ValueError, KeyError, TypeError):
        try:
            kernels().shap(model_text, np.zeros((0, 0)))
        except ValueError as error:
            raise ValueError(str(error).replace("model_json:", f"{location}:", 1)) from None
        raise ValueError(f"{location}: learner/learner_model_param/num_feature: missing") from None


class ShapModel:
    def __init__(self, location):
        self.location = location
        self.text = read_text(location, "model")
        learner = _learner(self.text, location)
        self.feature_names = list(learner.get("feature_names", []))
        self.feature_count = int(learner["learner_model_param"]["num_feature"])

    def output_names(self, table):
        """Names of the output's columns: the model's, else the data's header (by position)."""
        return self.feature_names or table.columns

    def rows(self, table):
        """The table's values as X (rows x features, the model's feature order), C order."""
        if self.feature_names:
            missing = next((n for n in self.feature_names if n not in table.numbers), None)
            if missing is not None:
                raise csv_error(table.source, 1, missing, "the model's feature is not a column of the data")
            columns = self.feature_names
        else:
            if len(table.columns) != self.feature_count:
                raise csv_error(table.source, 1, None,
                               f"the data has {len(table.columns)} columns but the model (without feature names) "
                               f"has {self.feature_count} features")
            columns = table.columns
        X = np.empty((table.rows, len(columns)), dtype=np.float64)
        for f, name in enumerate(columns):
            _reject_infinite(table, name)
            X[:, f] = table.numbers[name]
        return X


def _reject_infinite(table, name):
    """As the CLI: XGBoost has no prediction for a row holding inf (or a float32 overflow)."""
    infinite = np.flatnonzero(np.abs(table.numbers[name]) >= FLOAT32_OVERFLOW)
    if infinite.size:
        raise csv_error(table.source, int(infinite[0]) + 2, name,
                       "value is infinite as a float32 (XGBoost rejects inf in prediction data; leave the cell "
                       "empty for a missing value)")


def read_rows(model, location, field):
    table = read_csv(local_path(location, field), location)
    return table, model.rows(table)
