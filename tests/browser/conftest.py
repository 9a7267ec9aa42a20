"""A JupyterLab server and a headless Chromium for the browser tests.

The server runs on 127.0.0.1 on a free port with a token, with the repository's jupyter_server_config.py, on a
temporary copy of notebooks/ (the tests never touch tracked files). Chromium is Debian's /usr/bin/chromium,
driven by Playwright from PyPI. Without either the tests are skipped with the reason.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SDLIB_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(os.environ.get("SDLIB_SCREENSHOTS", "/tmp/browser"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """Start JupyterLab on a copy of notebooks/; yield (base URL, token, root folder of the copy)."""
    jupyter = Path(sys.executable).parent / "jupyter"
    if not jupyter.exists():
        pytest.skip(f"jupyter ontbreekt in {jupyter.parent}")
    base_dir = tmp_path_factory.mktemp("lab")
    root = base_dir / "notebooks"
    (base_dir / "data").symlink_to(ROOT / "data", target_is_directory=True)  # a project folder (SDLIB_ROOT)
    # the verkenner exports into notebooks/export/verkenner of the copy; an analyst's own exports stay behind
    skip = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "export")
    shutil.copytree(ROOT / "notebooks", root, ignore=skip)
    notify = base_dir / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notify.parent.mkdir(parents=True)
    notify.write_text('{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8")  # no news toast
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        SDLIB_ROOT=str(base_dir),
        JUPYTER_CONFIG_DIR=str(base_dir / "config"),
        JUPYTERLAB_SETTINGS_DIR=str(base_dir / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(base_dir / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(base_dir / "runtime"),
    )
    cmd = [
        str(jupyter),
        "lab",
        f"--config={ROOT / 'jupyter_server_config.py'}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--ServerApp.open_browser=False",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.getuid() == 0:
        cmd.append("--allow-root")
    log = open(base_dir / "server.log", "wb")  # noqa: SIM115 (open while the server runs)
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(
                    "JupyterLab startte niet:\n" + (base_dir / "server.log").read_text(errors="replace")[-3000:]
                )
            time.sleep(0.3)
    try:
        yield base, token, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright ontbreekt: pip install playwright (de test-extra van pyproject.toml)"
    )
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium ontbreekt ({CHROMIUM}); installeer met: apt-get install -y chromium")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, lab, request):
    """A fresh page (1400 x 1000) logged in to the lab with the token."""
    base, token, _ = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.goto(f"{base}/lab?token={token}")
    pg.wait_for_selector(".jp-LabShell", state="attached")
    try:
        yield pg
    finally:
        try:  # the last state, to look at when a test fails
            pg.screenshot(path=str(SCREENSHOTS / f"einde_{request.node.name}.png"))
        except Exception:
            pass
        context.close()
