"""CSV files read as `e2i-kernels` reads them (kernels/io/CsvTable.cpp), so a job and the CLI
see the same numbers: a header line; blank lines skipped; fields may be quoted; cells trimmed
of spaces and tabs; empty, NA and NaN (any case) are missing; a leading '+' is allowed.
Numbers go through float(), correctly rounded like the CLI's std::from_chars, so every value
is the same double. Errors read "FILE:LINE: column 'NAME': reason", as the CLI's.
"""
import csv
import math

import numpy as np

MISSING = float("nan")
SPACES = " \t"
_INFINITY_WORDS = ("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity")


def csv_error(source, line, column, reason):
    """A plain ValueError (a built-in type, so every Celery client rebuilds it from the result
    backend) reading "FILE:LINE: column 'NAME': reason"."""
    where = f"column '{column}': " if column else ""
    return ValueError(f"{source}:{line}: {where}{reason}")


def parse_cell(text):
    """The cell's number, NaN when missing, None when it is not a number."""
    text = text.strip(SPACES)
    if text == "" or text.lower() in ("na", "nan"):
        return MISSING
    if "_" in text:  # float() takes 1_000; from_chars does not
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    if math.isinf(value) and text.lower() not in _INFINITY_WORDS:
        return None  # out of range, which from_chars reports as an error
    return value


class CsvTable:
    """Columns of a CSV file: `numbers[name]` float64 arrays, `texts[name]` lists of str/None
    for text columns (only when text is allowed)."""

    def __init__(self, source, columns, rows, numbers, texts):
        self.source = source
        self.columns = columns
        self.rows = rows
        self.numbers = numbers
        self.texts = texts


def _header(reader, source):
    for record in reader:
        if record:
            names = [name.strip(SPACES) for name in record]
            for i, name in enumerate(names):
                if not name:
                    raise csv_error(source, reader.line_num, None, f"header field {i + 1} is empty")
                if name in names[:i]:
                    raise csv_error(source, reader.line_num, name, "the column name appears twice in the header")
            return names
    raise csv_error(source, 1, None, "the file is empty; a header line is required")


def _records(reader, source, width, columns):
    """(line, fields) of each record; a record of the wrong width is an error."""
    line = reader.line_num
    for record in reader:
        start, line = line + 1, reader.line_num
        if not record:
            continue
        if len(record) != width:
            column = columns[len(record)] if len(record) < width else ""
            raise csv_error(source, start, column, f"expected {width} fields, found {len(record)}")
        yield start, record


def read_csv(path, source, allow_text=False):
    """Reads the file at `path`; `source` names it in messages (the request's location)."""
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as error:
        raise csv_error(source, 0, None, f"cannot open: {error.strerror}") from None
    with f:
        reader = csv.reader(f, strict=True)
        try:
            columns = _header(reader, source)
            lines, cells = [], []
            for line, record in _records(reader, source, len(columns), columns):
                lines.append(line)
                cells.append(record)
        except csv.Error as error:
            raise csv_error(source, reader.line_num, None, f"malformed CSV: {error}") from None
    numbers, texts, errors = {}, {}, []
    for c, name in enumerate(columns):
        column = [record[c] for record in cells]
        values = [parse_cell(text) for text in column]
        bad = next((r for r, v in enumerate(values) if v is None), None)
        if bad is None:
            numbers[name] = np.array(values, dtype=np.float64)
        elif allow_text:
            texts[name] = _text_column(column, values, lines, name, source)
        else:
            errors.append((bad, c, f"'{column[bad].strip(SPACES)[:40]}' is not a number"))
    if errors:  # the first bad cell in reading order, as the CLI reports it
        row, c, reason = min(errors)
        raise csv_error(source, lines[row], columns[c], reason)
    return CsvTable(source, columns, len(cells), numbers, texts)


def _text_column(column, values, lines, name, source):
    """A column of text (categorical); one that also holds numbers is a typo, as in the CLI."""
    if any(v is not None and not math.isnan(v) for v in values):
        first = next(r for r, v in enumerate(values) if v is None)
        raise csv_error(source, lines[first], name, f"'{column[first].strip(SPACES)[:40]}' is not a number "
                       "(the column's other cells are numbers)")
    return [None if v is not None else text.strip(SPACES) for text, v in zip(column, values)]
