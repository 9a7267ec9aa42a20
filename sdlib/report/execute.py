"""Executing a notebook with parameters, in a kernel of the project's own Python.

Parameters are injected the papermill way (a cell after the ``parameters`` cell); execution uses nbclient
directly, which avoids papermill's per-cell bookkeeping. The kernel is started from ``sys.executable``, so
it works inside ``.venv`` without registering a kernel by hand; it listens on IPC sockets, not TCP ports.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

__all__ = ["execute_notebook"]


def _kernel_manager_class():
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import KernelManager
    from traitlets import default

    class ProjectKernelManager(KernelManager):
        """A kernel manager whose kernel is always this interpreter's ipykernel (quiet on the console).

        Kernels talk over IPC sockets (files with a unique absolute name in the temp folder), not TCP: with
        TCP, kernels started at the same moment in parallel workers can pick the same free port and fail with
        'Address already in use'.
        """

        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("ip")
        def _default_ip(self):
            return os.path.join(tempfile.gettempdir(), f"sdlib-kernel-{uuid.uuid4().hex[:12]}")

        @property
        def kernel_spec(self):
            return KernelSpec(
                argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"],
                display_name="sdlib (project Python)",
                language="python",
            )

    return ProjectKernelManager


def execute_notebook(path: Path, parameters: dict, *, timeout: int = 600):
    """Return the executed notebook; raise ``nbclient.exceptions.CellExecutionError`` on a failing cell.

    The failing notebook (with its error output) is attached to the exception as ``.notebook``.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(path))  # papermill's reader adds the metadata its parameterizer expects
    nb = parameterize_notebook(nb, parameters, report_mode=False)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_manager_class=_kernel_manager_class(),
        resources={"metadata": {"path": str(Path(path).parent)}},
        allow_errors=False,
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        exc.notebook = nb
        raise
    return nb
