"""Outputs are written to a temporary file beside the target and renamed over it, so a reader
never sees half a result and a failed job leaves nothing behind."""
import os
import tempfile
from contextlib import contextmanager


@contextmanager
def atomic_output(path, mode="w"):
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8", "newline": ""} if "b" not in mode else {})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
