"""Child of test_errors.KeyboardInterruptStopsTheKernel: a long SHAP run that prints
"started" on stdout once the kernel is running with the GIL released.

The switch interval is made so long that the watcher thread cannot preempt the main thread:
it runs only when the main thread gives the GIL up, which it does in e2i_kernels.shap. The
line is therefore printed while the main thread is inside the module, and the parent's
SIGINT has to be noticed there.
"""
import sys
import threading

import numpy as np

import e2i_kernels
from kernels_testing import model_text

ROWS = 20000  # reg_d12 with interactions: minutes of work on two cores, far beyond the parent's deadline

text = model_text("reg_d12")
X = np.random.default_rng(3).normal(size=(ROWS, 10))
entering = threading.Event()


def announce():
    entering.wait()
    print("started", flush=True)


sys.setswitchinterval(1000.0)
threading.Thread(target=announce, daemon=True).start()
entering.set()
values = e2i_kernels.shap(text, X, interactions=True, threads=2)
print("finished", flush=True)
