"""Where the heavy workers find e2i_tasks and the e2i_kernels module: the build tree's python
directory (CMake writes both there), so the sandbox runs what the build made."""
import glob
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_DIR = os.path.join(REPO_ROOT, "build", "release", "python")
# The package's sources: used when the build tree has none, so jobs still reach a task and
# fail with its "e2i_kernels is not importable" message rather than as unregistered tasks.
SOURCE_DIR = os.path.join(REPO_ROOT, "kernels", "python")


def kernels_dir(option):
    return os.path.abspath(option or os.environ.get("E2I_KERNELS_PYTHON") or DEFAULT_DIR)


def module_built(directory):
    return bool(glob.glob(os.path.join(directory, "e2i_kernels*.so")))


def python_path(directory):
    return [directory, SOURCE_DIR]


def not_built_warning(directory):
    return (f"e2i-sandbox: warning: the e2i_kernels module is not built: no e2i_kernels*.so in "
            f"{directory}. The heavy tier's e2i.shap.explain and e2i.causal.refute jobs will fail "
            "with 'e2i_kernels is not importable'. Build it (cmake --build build/release --target "
            "e2i_kernels_python) or pass --kernels-python DIR.")
