"""The shape of the package: its layers (import-linter), a light ``import sdlib``, and a wheel that works."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WATERVEEN = ROOT / "tests" / "fixtures" / "waterveen" / "data"
LINT = Path(sys.executable).with_name("lint-imports")


def lint(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed (pip install -e '.[test]')")
def test_the_layers_are_kept():
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " kept, 0 broken" in done.stdout


@pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed (pip install -e '.[test]')")
@pytest.mark.parametrize(
    "module, imported, shown",
    [
        # the data layer importing the presentation layer: an upward import
        ("data/load.py", "from sdlib.present import fmt", "sdlib.data.load -> sdlib.present.fmt"),
        # the report runner importing the domain layer: it must take its choices from providers instead
        ("report/run.py", "from sdlib.calc import choices", "sdlib.report.run -> sdlib.calc.choices"),
    ],
)
def test_a_forbidden_import_breaks_the_contract(tmp_path, module, imported, shown):
    # the same check on a copy with one forbidden import added: it must fail and name the import
    shutil.copytree(ROOT / "sdlib", tmp_path / "sdlib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = tmp_path / "sdlib" / module
    path.write_text(path.read_text() + f"\n{imported}  # noqa: E402,F401\n")
    done = lint(tmp_path)
    assert done.returncode != 0 and shown in done.stdout, done.stdout


def test_import_sdlib_stays_light():
    heavy = [
        "pandas",
        "numpy",
        "matplotlib",
        "seaborn",
        "pandera",
        "babel",
        "yaml",
        "ibis",
        "duckdb",
        "pyarrow",
        "nbformat",
        "weasyprint",
        "IPython",
        "pydantic",
        "nh3",
    ]
    code = f"import sys, sdlib; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_a_built_wheel_holds_every_subpackage_and_imports_them(tmp_path):
    src = tmp_path / "src"  # build from a copy: setuptools leaves build/ and egg-info beside the sources
    shutil.copytree(ROOT / "sdlib", src / "sdlib", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(src)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("sdlib-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for module in (
        "sdlib/data/load.py",
        "sdlib/calc/indicators.py",
        "sdlib/present/plot/__init__.py",
        "sdlib/present/plot/state.py",
        "sdlib/present/document.py",
        "sdlib/data/model.py",
        "sdlib/calc/choices.py",
        "sdlib/report/run.py",
        "sdlib/records/definitions.py",
        "sdlib/cli.py",
    ):
        assert module in names, module
    assert not [n for n in names if "training" in n or "oplossingen" in n]  # no model answers in the package
    # a fresh venv with the wheel installed; its dependencies come from this environment's site-packages through a
    # .pth line (no download), and a line of a .pth does not run the editable install's finder of the checkout
    fresh = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True)
    python = fresh / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    deps = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (site / "deps.pth").write_text(deps + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SDLIB_", "PYTHONPATH"))}
    code = "import sdlib, sdlib.report, sdlib.records, sdlib.present.plot, sdlib.calc.indicators; print(sdlib.__file__)"
    done = subprocess.run([str(python), "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(str(site))
    # without a project folder the data cannot be found, and the message says what to set
    done = subprocess.run(
        [str(python), "-c", "import sdlib; sdlib.load('jeugdhulp_instroom')"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "SDLIB_DATA_DIR" in done.stderr
    # with SDLIB_DATA_DIR the installed package reads that folder (here the Waterveen fixture)
    code = "import sdlib; print(int(sdlib.load('jeugdhulp_instroom').set_index('year').loc[2021, 'value']))"
    done = subprocess.run(
        [str(python), "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env | {"SDLIB_DATA_DIR": str(WATERVEEN)},
    )
    assert done.stdout.strip() == "610", done.stderr  # tests/fixtures/waterveen/make_data.py: instroom 2021


RUFF = Path(sys.executable).with_name("ruff")
LINTED = ["sdlib", "tests", "benchmarks", "tools"]


@pytest.mark.skipif(not RUFF.exists(), reason="ruff is not installed (pip install -e '.[test]')")
def test_ruff_lint_and_format_pass():
    check = subprocess.run([str(RUFF), "check", *LINTED], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    form = subprocess.run([str(RUFF), "format", "--check", *LINTED], cwd=ROOT, capture_output=True, text=True)
    assert form.returncode == 0, form.stdout + form.stderr


def test_every_dependency_is_pinned_in_the_lock_file():
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"]) + [d for extra in project["optional-dependencies"].values() for d in extra]
    pinned = {
        re.split(r"==", line)[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    names = {re.split(r"[\[<>=!~ ]", d)[0].lower().replace("_", "-") for d in wanted}
    assert names - pinned == set(), f"not in requirements.lock (run make lock): {sorted(names - pinned)}"
