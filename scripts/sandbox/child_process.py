"""Starting and stopping the supervisor's child processes."""
import ctypes
import os
import signal
import subprocess

PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


def _die_with_parent(parent_pid):
    # Runs in the child between fork and exec. PDEATHSIG follows the forking *thread*,
    # which is why the supervisor spawns children only from its main thread.
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died before prctl took effect


def spawn(argv, log_path, env=None, cwd=None):
    parent_pid = os.getpid()
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            env=env, cwd=cwd, start_new_session=True,
            preexec_fn=lambda: _die_with_parent(parent_pid))


def stop(process, grace_seconds):
    """SIGTERM, then SIGKILL if the process has not exited within the grace period."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def kill(process):
    if process.poll() is None:
        process.kill()
    process.wait()
