"""The e2i_kernels module, imported when a task first needs it, so a worker without it still
starts and every job it takes fails with this message instead of the worker crashing."""


def kernels():
    try:
        import e2i_kernels
    except ImportError as error:
        raise RuntimeError(f"e2i_kernels is not importable on this worker ({error}); install the "
                           "e2i-ops-console package or put the build's python directory on PYTHONPATH") from None
    return e2i_kernels
