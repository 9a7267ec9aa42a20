"""Saving from JupyterLab keeps notebooks without outputs: the pre_save_hook of jupyter_server_config.py, the
check in tools/nbstrip.py and the pre-commit hook that `make hooks` installs. Unit tests: no browser, no kernel."""

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NBSTRIP = ROOT / "tools" / "nbstrip.py"


def _server_config():
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("jupyter_server_config.py", path=str(ROOT)).load_config()


def _dirty_notebook() -> dict:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {
                "name": "python",
                "version": "3.11.2",
                "mimetype": "text/x-python",
                "codemirror_mode": {"name": "ipython", "version": 3},
            },
            "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}},
            "sdlib": {"title": "Verkenner", "period": ""},
        },
        "cells": [
            {"id": "a1", "cell_type": "markdown", "metadata": {}, "source": ["# Titel"]},
            {
                "id": "b2",
                "cell_type": "code",
                "execution_count": 3,
                "metadata": {
                    "tags": ["parameters"],
                    "execution": {"iopub.status.busy": "2026-01-01T10:00:00"},
                    "scrolled": True,
                },
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["x\n"]}],
                "source": ["reeks = 'x'"],
            },
            {
                "id": "c3",
                "cell_type": "code",
                "execution_count": 4,
                "metadata": {"jupyter": {"outputs_hidden": True}},
                "outputs": [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"image/png": "iVBORw0KGgo=", "text/plain": ["<Figure>"]},
                    }
                ],
                "source": ["plot()"],
            },
        ],
    }


def test_server_config_listens_locally_and_strips_on_save():
    config = _server_config()
    assert config.ServerApp.ip == "127.0.0.1"
    hook = config.ContentsManager.pre_save_hook
    model = {"type": "notebook", "content": _dirty_notebook()}
    hook(model=model, path="explore/verkenner.ipynb", contents_manager=None)
    nb = model["content"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert code[0]["metadata"] == {"tags": ["parameters"]}  # the papermill parameters tag stays
    assert code[1]["metadata"] == {}
    assert nb["metadata"]["sdlib"] == {"title": "Verkenner", "period": ""}
    assert nb["metadata"]["language_info"] == {"name": "python"}  # as the tracked notebooks store it
    assert "widgets" not in nb["metadata"]
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert [c["source"] for c in nb["cells"]] == [c["source"] for c in _dirty_notebook()["cells"]]
    other = {"type": "file", "content": "x,y\n1,2\n"}
    hook(model=other, path="a.csv", contents_manager=None)
    assert other["content"] == "x,y\n1,2\n"


def test_every_tracked_notebook_is_unchanged_by_a_save():
    """Opening and saving a clean notebook gives the same content: the hook never dirties git by itself."""
    hook = _server_config().ContentsManager.pre_save_hook
    tracked = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    assert tracked
    for path in tracked:
        if ".ipynb_checkpoints" in path.parts:
            continue
        stored = json.loads(path.read_text(encoding="utf-8"))
        model = {"type": "notebook", "content": copy.deepcopy(stored)}
        hook(model=model, path=str(path), contents_manager=None)
        assert model["content"] == stored, path.name


def test_check_fails_on_outputs_and_strip_fixes_them(tmp_path):
    nb = tmp_path / "x.ipynb"
    nb.write_text(json.dumps(_dirty_notebook()), encoding="utf-8")
    run = subprocess.run([sys.executable, str(NBSTRIP), "--check", str(nb)], capture_output=True, text=True)
    assert run.returncode == 1 and "uitvoer in 2 cel(len)" in run.stderr
    subprocess.run([sys.executable, str(NBSTRIP), str(nb)], check=True, capture_output=True)
    run = subprocess.run([sys.executable, str(NBSTRIP), "--check", str(nb)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    stripped = json.loads(nb.read_text(encoding="utf-8"))
    assert stripped["cells"][1]["metadata"]["tags"] == ["parameters"] and "sdlib" in stripped["metadata"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_refuses_a_notebook_with_outputs(tmp_path):
    repo = tmp_path / "repo"
    (repo / "tools").mkdir(parents=True)
    (repo / "notebooks").mkdir()
    shutil.copy(NBSTRIP, repo / "tools" / "nbstrip.py")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([sys.executable, "tools/nbstrip.py", "--install-hook"], cwd=repo, check=True, capture_output=True)
    assert (repo / ".git" / "hooks" / "pre-commit").stat().st_mode & 0o111
    (repo / "notebooks" / "x.ipynb").write_text(json.dumps(_dirty_notebook()), encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    refused = subprocess.run([*git, "commit", "-q", "-m", "x"], cwd=repo, capture_output=True, text=True)
    assert refused.returncode != 0 and "notebooks/x.ipynb: uitvoer in 2 cel(len)" in refused.stderr
    subprocess.run([sys.executable, "tools/nbstrip.py", "notebooks/x.ipynb"], cwd=repo, check=True, capture_output=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], cwd=repo, check=True, capture_output=True)
