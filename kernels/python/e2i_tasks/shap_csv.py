"""SHAP values written as `e2i-kernels shap --out` writes them (kernels/shap/ShapCsvWriter.cpp),
byte for byte: the same header, rows, and numbers in std::to_chars' shortest form."""
import numpy as np


def shortest_text(value):
    """std::to_chars(double): the shortest digits that read back to the value (repr's), in
    fixed or scientific notation, whichever is shorter (fixed on a tie); "1e+05", "123", "0.5"."""
    if value != value:
        return "-nan" if np.signbit(value) else "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    sign, digits, exponent = _decimal_parts(repr(value))
    fixed = _fixed(digits, exponent)
    scientific = _scientific(digits, exponent)
    return sign + (fixed if len(fixed) <= len(scientific) else scientific)


def _decimal_parts(text):
    """repr text -> (sign, significant digits, exponent of the first digit)."""
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    mantissa, _, power = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    significant = (whole + fraction).lstrip("0")
    leading_zeros = len(whole) + len(fraction) - len(significant)
    digits = significant.rstrip("0")
    if not digits:
        return sign, "0", 0
    return sign, digits, len(whole) - 1 - leading_zeros + (int(power) if power else 0)


def _fixed(digits, exponent):
    if exponent < 0:
        return "0." + "0" * (-exponent - 1) + digits
    if len(digits) <= exponent + 1:
        return digits + "0" * (exponent + 1 - len(digits))
    return digits[: exponent + 1] + "." + digits[exponent + 1:]


def _scientific(digits, exponent):
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"


def _name(name):
    if not any(c in name for c in ',"\n\r'):
        return name
    return '"' + name.replace('"', '""') + '"'


def _numbers(values):
    return ",".join(map(shortest_text, values.tolist()))


def write_shap_csv(f, values, names, interactions):
    """values in pred_contribs' layout: rows x [classes x] width, or with interactions
    rows x [classes x] width x width; names: the features' (the bias column is added)."""
    grouped = values.ndim == (4 if interactions else 3)
    header = (["row"] if interactions else []) + (["class"] if grouped else []) + (["feature"] if interactions else [])
    f.write(",".join(header + [_name(n) for n in names] + ["bias"]) + "\n")
    per_row = values if grouped else values[:, np.newaxis]
    row_names = [_name(n) for n in names] + ["bias"]
    for r, groups in enumerate(per_row):
        for g, block in enumerate(groups):
            prefix = f"{r}," if interactions else ""
            prefix += f"{g}," if grouped else ""
            if interactions:
                f.writelines(f"{prefix}{row_names[i]},{_numbers(line)}\n" for i, line in enumerate(block))
            else:
                f.write(f"{prefix}{_numbers(block)}\n")
