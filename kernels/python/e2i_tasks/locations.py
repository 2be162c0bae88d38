"""Where a job's files are: a path or a file:// URL that every heavy worker can read.

The platform's heavy workers share storage (a volume or a network file system) with whoever
submits jobs; a location names a file on it. Other schemes are refused by name rather than
guessed at. Errors are plain ValueErrors, which every Celery client rebuilds.
"""
import os
from urllib.parse import unquote, urlparse


def local_path(location, field):
    """The local path of a location given in the request's `field`."""
    if not isinstance(location, str) or not location:
        raise ValueError(f"{field}: a path or file:// URL is required")
    parsed = urlparse(location)
    if parsed.scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise ValueError(f"{field}: file URL '{location}' names host '{parsed.netloc}'; "
                                "only local files (file:///path) are read")
        return unquote(parsed.path)
    if parsed.scheme and len(parsed.scheme) > 1:  # a one-letter "scheme" is never a URL here
        raise ValueError(f"{field}: '{parsed.scheme}://' locations are not supported; "
                            "give a path or a file:// URL the workers can read")
    return location


def read_text(location, field):
    path = local_path(location, field)
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as error:
        raise ValueError(f"{field}: cannot read {path}: {error.strerror}") from None


def writable_path(location, field):
    """The output path, checked before the work so a bad one fails now, not after it."""
    path = local_path(location, field)
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise ValueError(f"{field}: directory {directory} does not exist")
    if not os.access(directory, os.W_OK):
        raise ValueError(f"{field}: directory {directory} is not writable")
    return path
