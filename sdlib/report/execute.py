"""Executing a notebook with parameters, in a kernel of the project's own Python.

Parameters are injected the papermill way (a cell after the ``parameters`` cell); execution uses nbclient
directly, which avoids papermill's per-cell bookkeeping. The kernel is started from ``sys.executable``, so
it works inside ``.venv`` without registering a kernel by hand; it listens on IPC sockets, not TCP ports.
The kernel ends with the process that started it, also when that one is killed, and its connection file and
sockets carry that process's id, so a later run removes those a killed run left (:func:`remove_stale_kernel_files`).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sdlib.data.fileio import is_running as _alive

__all__ = ["execute_notebook", "die_with_parent", "remove_stale_kernel_files", "KERNEL_PREFIX"]

KERNEL_PREFIX = "sdlib-kernel-"
# connection file and IPC sockets of a kernel: sdlib-kernel-<pid of the starting process>-<hex>(.json|-ipc-<n>)
_KERNEL_FILE = re.compile(r"^sdlib-kernel-(\d+)-[0-9a-f]{12}(?:\.json|-ipc-\d+)$")
_PR_SET_PDEATHSIG = 1

# The kernel starts through this snippet: it dies with the process that started it (the report worker), by the
# kernel's death signal on Linux and by a watch on its parent process id elsewhere, then runs ipykernel.
_KERNEL_BOOT = """\
# sdlib report kernel: ipykernel that ends with the process that started it
import runpy, sys
from sdlib.report.execute import die_with_parent, quiet_socket_teardown
die_with_parent(int(sys.argv.pop(1)))
quiet_socket_teardown()
del die_with_parent, quiet_socket_teardown
runpy.run_module('ipykernel_launcher', run_name='__main__', alter_sys=True)
"""


class _SocketTeardown:
    """A logging filter that drops the error a ZMQ stream logs when its socket is closed under it at shutdown."""

    def filter(self, record) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not (exc is not None and type(exc).__name__ == "ZMQError")


def quiet_socket_teardown() -> None:
    """Keep the kernel's shutdown quiet: when the runner stops a kernel, one of its ZMQ streams may still poll a
    socket that was just closed and log 'Socket operation on non-socket' with a traceback on the runner's
    console. That is teardown noise, not a report error (a failing cell reaches the runner as a cell error)."""
    import logging

    logging.getLogger("tornado.general").addFilter(_SocketTeardown())


def die_with_parent(parent: int) -> None:
    """Make this process end when its parent process ``parent`` ends (also when the parent is killed).

    On Linux the kernel sends SIGKILL at the parent's death (``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon
    thread checks every half second whether the parent process id changed. Used as the initializer of the
    report workers, so a killed ``sdlib report run`` leaves no worker rendering on and idling afterwards.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the death signal was set
        os._exit(1)

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="sdlib-parent-watch").start()


def remove_stale_kernel_files(folder: str | Path | None = None) -> list[Path]:
    """Remove the kernel connection files and IPC sockets that a killed run left in the temp folder.

    Only names this module makes (``sdlib-kernel-<pid>-<hex>.json`` / ``-ipc-<n>``) of this user whose process
    is no longer running are removed; links and everything else are left alone.
    """
    folder = Path(folder or tempfile.gettempdir())
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _KERNEL_FILE.match(entry.name)
        if not m or entry.is_symlink() or entry.is_dir(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid() or _alive(int(m.group(1))):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _kernel_manager_class():
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import KernelManager
    from traitlets import default

    class ProjectKernelManager(KernelManager):
        """A kernel manager whose kernel is always this interpreter's ipykernel (quiet on the console).

        Kernels talk over IPC sockets (files with a unique absolute name in the temp folder), not TCP: with
        TCP, kernels started at the same moment in parallel workers can pick the same free port and fail with
        'Address already in use'. The connection file and sockets are named ``sdlib-kernel-<pid>-<hex>...``
        so that a later run can remove those of a killed process; the kernel dies with its starting process.
        """

        def _sdlib_base(self) -> str:
            if not getattr(self, "_sdlib_name", None):
                self._sdlib_name = os.path.join(
                    tempfile.gettempdir(), f"{KERNEL_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}"
                )
            return self._sdlib_name

        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("connection_file")
        def _default_connection_file(self):
            return self._sdlib_base() + ".json"

        @default("ip")
        def _default_ip(self):
            return self._sdlib_base() + "-ipc"

        @property
        def kernel_spec(self):
            return KernelSpec(
                argv=[
                    sys.executable,
                    "-c",
                    _KERNEL_BOOT,
                    str(os.getpid()),
                    "-f",
                    "{connection_file}",
                    "--IPKernelApp.log_level=ERROR",
                ],
                display_name="sdlib (project Python)",
                language="python",
            )

    return ProjectKernelManager


def execute_notebook(
    path: Path, parameters: dict, *, timeout: int = 600, closing: str | None = None, env: dict | None = None
):
    """Return the executed notebook; raise ``nbclient.exceptions.CellExecutionError`` on a failing cell.

    ``closing`` is code run as an extra last cell (tagged ``sdlib-closing``), e.g. to show what every report
    ends with; the caller decides what it is, the runner knows no domain. ``env`` is the kernel's environment
    (default: this process's), e.g. with ``SDLIB_READ_LOG`` to record the data files the notebook reads. The
    failing notebook (with its error output) is attached to the exception as ``.notebook``.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(path))  # papermill's reader adds the metadata its parameterizer expects
    if parameters:  # a notebook without parameters gets no injected cell (and papermill no warning about it)
        nb = parameterize_notebook(nb, parameters, report_mode=False)
    if closing:
        import nbformat

        nb.cells.append(nbformat.v4.new_code_cell(closing, metadata={"tags": ["sdlib-closing"]}))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_manager_class=_kernel_manager_class(),
        resources={"metadata": {"path": str(Path(path).parent)}},
        allow_errors=False,
    )
    try:
        client.execute(**({"env": dict(env)} if env is not None else {}))
    except CellExecutionError as exc:
        exc.notebook = nb
        raise
    return nb
