"""Bad-input corpus of the data spine: ``sdlib validate``, ``sdlib data add`` and ``sdlib.load()`` on a sandbox.

Every case breaks a throw-away copy of the project (or gives a bad input file) and asserts the exit code, a
message naming the file and line/column, no traceback, and that nothing changed: for ``validate`` and
``load`` the snapshot after equals the snapshot right after the breaking; for a refused ``data add`` the
snapshot is identical before and after.

Then the kill test: ``data add`` killed with SIGKILL at every rename (and before the first one) leaves a
data folder that validates and that the same add turns into exactly the result of an uninterrupted add;
and two adds at once cannot interleave.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from harness import assert_clean_error

pytestmark = pytest.mark.slow  # each case runs a command on a copy of the project

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
BAD = FIXTURES / "bad"
PUB = FIXTURES / "publication"
BOM = b"\xef\xbb\xbf"
SERIES = "data/series/{}.csv"
PCT = "jeugdhulp_3jaar_aandeel"  # percent, no dimensions; lines 2-6: pb2025 2023, js2024 2023 (2x), js2024 2024 (2x)
COUNT = "jeugdhulp_jeugdigen"  # count, no dimensions
PER_TYPE = "jeugdhulp_jeugdigen_per_type"  # count, dimension care_type
NEW_SOURCE = ["--source-id", "test_js2025", "--short-title", "Jaarstukken 2025 (testpublicatie)", "--year", "2026"]


# ---------------------------------------------------------------------------------------------- breakers


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def catalog_series_twice(data: Path) -> list[str]:
    cat = data / "catalog.yml"
    first = _line_of(cat, "  jeugdhulp_instroom:")
    terms = _line_of(cat, "terms:")
    _replace(
        cat,
        "\nterms:",
        "\n  jeugdhulp_instroom:\n    title: Dubbel\n    definition: x\n    unit: count\n    theme: jeugd\n\nterms:",
    )
    return [f"data/catalog.yml, regel {terms}", f"regel {first}", "jeugdhulp_instroom", "twee keer"]


def catalog_not_yaml(data: Path) -> list[str]:
    cat = data / "catalog.yml"
    _replace(cat, "\nterms:", "\n  kapot: [niet gesloten\nterms:")
    return ["data/catalog.yml, regel", "geen geldige YAML"]


def source_id_twice(data: Path) -> list[str]:
    # js2024 again, as if published in 2023: load() would call the 45,9% of pb2025 the latest for 2023
    path = data / "sources.csv"
    first = next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith("js2024,")
    )
    added = path.read_text(encoding="utf-8").count("\n") + 1
    with open(path, "a", encoding="utf-8") as fh:  # outside = true: a copy has no seed file of its own
        fh.write("js2024,Jaarstukken 2024 (kopie),Jaarstukken 2024,Gemeente Zoetermeer,2023,,,,true,\n")
    return [
        (
            f"data/sources.csv, regel {added}, kolom 'id': bron-id 'js2024' staat twee keer in het bestand "
            f"(regel {first} en regel {added})"
        )
    ]


def year_1899(data: Path) -> list[str]:
    _replace(data / "series" / f"{PCT}.csv", "\n2024,begroting,45.0", "\n1899,begroting,45.0")
    return [f"data/series/{PCT}.csv, regel 5, kolom 'year'", "1990-", "1899"]


def year_2999(data: Path) -> list[str]:
    _replace(data / "series" / f"{PCT}.csv", "\n2024,realisatie,48.0", "\n2999,realisatie,48.0")
    return [f"data/series/{PCT}.csv, regel 6, kolom 'year'", "1990-", "2999"]


def bom(data: Path) -> list[str]:
    path = data / "series" / f"{PCT}.csv"
    path.write_bytes(BOM + path.read_bytes())
    return [f"data/series/{PCT}.csv, regel 1", "begint met een BOM", "zonder BOM"]


def series_is_folder(data: Path) -> list[str]:
    path = data / "series" / f"{COUNT}.csv"
    path.unlink()
    path.mkdir()
    return [f"data/series/{COUNT}.csv", "is een map"]


def symlink_outside(data: Path) -> list[str]:
    path = data / "series" / f"{PCT}.csv"
    elsewhere = data.parent.parent / "elsewhere.csv"  # in outer/, beside the checkout
    shutil.move(path, elsewhere)
    path.symlink_to(elsewhere)
    return [f"data/series/{PCT}.csv", "buiten de datamap", "gewoon bestand"]


def unreadable(data: Path) -> list[str]:
    (data / "series" / f"{PCT}.csv").chmod(0)
    return [f"data/series/{PCT}.csv", "geen leesrechten"]


def many_duplicates(data: Path) -> list[str]:
    path = data / "series" / f"{COUNT}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = len(lines)
    path.write_text("\n".join(lines + [lines[-1]] * 20000) + "\n", encoding="utf-8")
    return [
        f"data/series/{COUNT}.csv, regel {n + 1}",
        f"binnen één bron; zelfde als regel {n}",
        "en nog 19.950 problemen van dezelfde soort",
        "20.000 problemen",
    ]


def unknown_unit(data: Path) -> list[str]:
    cat = data / "catalog.yml"
    line = _line_of(cat, f"  {PCT}:")
    text = cat.read_text(encoding="utf-8")
    start = text.index(f"\n  {PCT}:")
    cat.write_text(
        text[:start] + text[start:].replace("    unit: percent\n", "    unit: procentje\n", 1), encoding="utf-8"
    )
    return [f"data/catalog.yml, regel {line}, kolom '{PCT}': onbekende eenheid 'procentje'; verwacht een van: count,"]


def same_year_sources(data: Path) -> list[str]:
    with open(data / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write("js2024b,Jaarstukken 2024 herdruk,Jaarstukken 2024 herdruk,Gemeente Zoetermeer,2025,,,,true,\n")
    with open(data / "series" / f"{PCT}.csv", "a", encoding="utf-8") as fh:
        fh.write("2024,realisatie,47.9,js2024b,Efficiënte doorlooptijd,,false,\n")
    return [f"data/series/{PCT}.csv, regel 6, kolom 'source': twee bronnen uit hetzelfde publicatiejaar"]


def from_fixture(fixture: str, series: str) -> Callable[[Path], list[str]]:
    def breaker(data: Path) -> list[str]:
        raw = (BAD / fixture).read_bytes().replace(b"doc_a", b"js2024").replace(b"doc_b", b"pb2025")
        (data / "series" / f"{series}.csv").write_bytes(raw)
        return []

    breaker.__name__ = f"fixture_{fixture}"
    return breaker


# ---------------------------------------------------------------------------------------------- the cases


@dataclass
class Case:
    kind: str  # "validate", "load" or "add"
    breaker: Callable[[Path], list[str]] | None = None
    names: list[str] = field(default_factory=list)
    code: int = 1
    series: str = PCT  # for "load"
    input_text: str | None = None  # for "add": the new figures
    input_fixture: str | None = None  # for "add": a fixture file instead
    args: list[str] = field(default_factory=list)
    simulate_unreadable: bool = False
    skip_as_root: bool = False


HEADER = "series,year,care_type,measure,value,table,reference_date,provisional,note\n"

CASES = [
    # sdlib validate: exit code 1, nothing written
    pytest.param(Case("validate", catalog_series_twice), id="validate-catalog-series-id-twice"),
    pytest.param(Case("validate", catalog_not_yaml), id="validate-catalog-not-yaml"),
    pytest.param(Case("validate", source_id_twice), id="validate-source-id-twice"),
    pytest.param(Case("validate", year_1899), id="validate-year-1899"),
    pytest.param(Case("validate", year_2999), id="validate-year-2999"),
    pytest.param(Case("validate", bom), id="validate-utf8-bom"),
    pytest.param(Case("validate", series_is_folder), id="validate-series-file-is-a-folder"),
    pytest.param(Case("validate", symlink_outside), id="validate-symlink-out-of-data"),
    pytest.param(Case("validate", unreadable, skip_as_root=True), id="validate-unreadable-chmod-000"),
    pytest.param(
        Case("validate", names=[f"data/series/{PCT}.csv", "geen leesrechten"], simulate_unreadable=True),
        id="validate-unreadable-simulated",
    ),
    pytest.param(Case("validate", many_duplicates), id="validate-20000-duplicate-rows-capped"),
    pytest.param(Case("validate", unknown_unit), id="validate-unknown-unit"),
    pytest.param(Case("validate", same_year_sources), id="validate-two-sources-same-year"),
    pytest.param(
        Case(
            "validate",
            from_fixture("percentage_145.csv", PCT),
            [f"data/series/{PCT}.csv, regel 3, kolom 'value': procent mag hoogstens 100 zijn; gevonden 145"],
        ),
        id="validate-fixture-percentage-145",
    ),
    pytest.param(
        Case(
            "validate",
            from_fixture("dutch_thousands.csv", PER_TYPE),
            [
                (
                    f"data/series/{PER_TYPE}.csv, regel 2, kolom 'value': punt als scheiding van duizendtallen: "
                    "schrijf 4747, niet 4.747; gevonden '4.747'"
                )
            ],
        ),
        id="validate-fixture-dutch-thousands",
    ),
    pytest.param(
        Case(
            "validate",
            from_fixture("unquoted_comma.csv", PCT),
            [
                (
                    f"data/series/{PCT}.csv, regel 2: heeft 9 velden waar de kopregel er 8 heeft; zet tekst met "
                    "een komma tussen aanhalingstekens"
                )
            ],
        ),
        id="validate-fixture-unquoted-comma",
    ),
    pytest.param(
        Case(
            "validate",
            from_fixture("not_utf8.csv", PCT),
            [f"data/series/{PCT}.csv, regel 2: geen UTF-8: byte 0xe9 op positie"],
        ),
        id="validate-fixture-not-utf8",
    ),
    # sdlib.load(): refused with the same named problem (exit code 3 = DataValidationError raised)
    pytest.param(Case("load", source_id_twice, code=3), id="load-source-id-twice"),
    pytest.param(Case("load", catalog_series_twice, code=3), id="load-catalog-series-id-twice"),
    pytest.param(Case("load", unknown_unit, code=3), id="load-unknown-unit"),
    pytest.param(Case("load", same_year_sources, code=3), id="load-two-sources-same-year"),
    pytest.param(Case("load", symlink_outside, code=3), id="load-symlink-out-of-data"),
    pytest.param(Case("load", year_2999, code=3), id="load-year-2999"),
    pytest.param(Case("load", bom, code=3), id="load-utf8-bom"),
    pytest.param(Case("load", series_is_folder, code=3, series=COUNT), id="load-series-file-is-a-folder"),
    pytest.param(
        Case(
            "load", from_fixture("percentage_145.csv", PCT), [f"data/series/{PCT}.csv, regel 3, kolom 'value'"], code=3
        ),
        id="load-fixture-percentage-145",
    ),
    # sdlib data add: exit code 2, nothing written
    pytest.param(
        Case(
            "add",
            input_fixture="dimension_not_in_series.csv",
            args=NEW_SOURCE,
            code=2,
            names=[
                "dimension_not_in_series.csv, regel 2, kolom 'care_type'",
                "heeft geen dimensie",
                "jeugdhulp_jeugdigen_per_type",
            ],
        ),
        id="add-dimension-the-series-lacks",
    ),
    pytest.param(
        Case(
            "add",
            input_fixture="js2025.csv",
            code=2,
            args=["--source-id", "latest", "--short-title", "X", "--year", "2026"],
            names=["js2025.csv, kolom 'source-id'", "'latest'", "vintage"],
        ),
        id="add-source-id-latest",
    ),
    pytest.param(
        Case(
            "add",
            input_fixture="js2025.csv",
            code=2,
            args=["--source-id", "all", "--short-title", "X", "--year", "2026"],
            names=["js2025.csv, kolom 'source-id'", "'all'", "vintage"],
        ),
        id="add-source-id-all",
    ),
    pytest.param(
        Case(
            "add",
            input_fixture="js2025.csv",
            code=2,
            args=["--source-id", "JS-2025", "--short-title", "X", "--year", "2026"],
            names=["js2025.csv, kolom 'source-id'", "'JS-2025'", "kleine letters"],
        ),
        id="add-source-id-not-plain",
    ),
    pytest.param(
        Case(
            "add",
            input_fixture="js2025.csv",
            code=2,
            args=["--source-id", "test_js2025", "--short-title", "X", "--year", "2999"],
            names=["js2025.csv, kolom 'year'", "2999", "1990-"],
        ),
        id="add-publication-year-2999",
    ),
    pytest.param(
        Case(
            "add",
            input_text=HEADER + f"{PCT},1899,,realisatie,47.6,Tabel,,false,\n",
            args=NEW_SOURCE,
            code=2,
            names=["new.csv, regel 2, kolom 'year'", "1990-"],
        ),
        id="add-row-year-1899",
    ),
    pytest.param(
        Case(
            "add",
            input_fixture="js2025_with_mistakes.csv",
            args=NEW_SOURCE,
            code=2,
            names=[
                "js2025_with_mistakes.csv, regel 3, kolom 'series'",
                "jeugdhulp_3jaar_aandeel",
                "js2025_with_mistakes.csv, regel 2, kolom 'value'",
            ],
        ),
        id="add-fixture-with-mistakes",
    ),
    pytest.param(
        Case(
            "add",
            input_text=HEADER.strip() + ",source\n" + f"{PCT},2024,,realisatie,48.5,Tabel,,true,,js2024\n",
            code=2,
            names=["new.csv, regel 2: jeugdhulp_3jaar_aandeel: dubbele sleutel", "zelfde als regel 6"],
        ),
        id="add-changed-figure-same-source",
    ),
    pytest.param(
        Case("add", source_id_twice, input_fixture="js2025.csv", args=NEW_SOURCE, code=2),
        id="add-into-data-with-source-id-twice",
    ),
    pytest.param(Case("add", bom, input_fixture="js2025.csv", args=NEW_SOURCE, code=2), id="add-into-series-with-bom"),
    pytest.param(
        Case(
            "add",
            input_text=HEADER.strip() + ",bron\n" + f"{PCT},2025,,realisatie,46.0,Tabel,,true,,x\n",
            args=NEW_SOURCE,
            code=2,
            names=["new.csv, regel 1, kolom 'bron'", "onbekende kolom"],
        ),
        id="add-unknown-column",
    ),
    pytest.param(
        Case("add", input_text=None, args=NEW_SOURCE, code=2, names=["folder.csv", "is een map"]),
        id="add-input-is-a-folder",
    ),
]


SNIPPET_LOAD = """
import sys
import sdlib
try:
    df = sdlib.load({series!r})
except sdlib.DataValidationError as exc:
    print(exc, file=sys.stderr)
    sys.exit(3)
print(df.to_string())
"""

SNIPPET_UNREADABLE = """
import os, sys
real = os.open
def refusing_open(path, *args, **kwargs):
    if os.path.basename(os.fspath(path)) == {name!r}:
        raise PermissionError(13, "Permission denied", os.fspath(path))
    return real(path, *args, **kwargs)
os.open = refusing_open
from sdlib.cli import main
sys.exit(main(["validate"]))
"""


@pytest.mark.parametrize("case", CASES)
def test_corpus(sandbox, tmp_path, case: Case):
    if case.skip_as_root and os.geteuid() == 0:
        pytest.skip("root can read a file with mode 000 (see validate-unreadable-simulated)")
    data = sandbox.root / "data"
    names = list(case.names)
    if case.breaker is not None:
        names += case.breaker(data)
    broken = sandbox.snapshot()
    if case.kind == "validate":
        if case.simulate_unreadable:
            proc = sandbox.python(SNIPPET_UNREADABLE.format(name=f"{PCT}.csv"))
        else:
            proc = sandbox.sdlib("validate")
        text = assert_clean_error(proc, code=case.code, names=names)
        assert "Controle mislukt" in text
        assert len(text) < 20_000, f"{len(text)} characters of output"
    elif case.kind == "load":
        proc = sandbox.python(SNIPPET_LOAD.format(series=case.series))
        assert_clean_error(proc, code=case.code, names=names)
    else:
        inputs = tmp_path / "input"
        inputs.mkdir()
        if case.input_fixture:
            src = inputs / case.input_fixture
            shutil.copy(PUB / case.input_fixture, src)
        elif case.input_text is not None:
            src = inputs / "new.csv"
            src.write_text(case.input_text, encoding="utf-8")
        else:
            src = inputs / "folder.csv"
            src.mkdir()
        proc = sandbox.sdlib("data", "add", str(src), *case.args)
        assert_clean_error(proc, code=case.code, names=names)
    assert sandbox.snapshot() == broken


def test_corpus_covers_enough_cases():
    assert len(CASES) >= 18


# ---------------------------------------------------------------------------------------------- kill test

THREE = PUB / "js2025_three_series.csv"
ADD_ARGS = [
    *["data", "add", str(THREE), "--source-id", "test_js2025"],
    *["--short-title", "Jaarstukken 2025 (testpublicatie)", "--year", "2026"],
]
RENAMES = 6  # the journal (atomic write), sources.csv, three series files and the glossary (BEGRIPPENLIJST.md)

KILLER = textwrap.dedent("""
    import os, signal, sys
    n, on_unlink = int(sys.argv[1]), sys.argv[2] == "unlink"
    data = os.path.realpath(os.environ["SDLIB_DATA_DIR"])
    real = {"replace": os.replace, "rename": os.rename, "unlink": os.unlink}
    count = 0

    def ours(path):
        return os.path.realpath(os.fspath(path)).startswith(data + os.sep)

    def renamer(kind):
        def rename(src, dst, *args, **kwargs):
            global count
            if not ours(dst):
                return real[kind](src, dst, *args, **kwargs)
            if n == 0 and not on_unlink:
                os.kill(os.getpid(), signal.SIGKILL)  # before the first rename
            real[kind](src, dst, *args, **kwargs)
            count += 1
            if count == n and not on_unlink:
                os.kill(os.getpid(), signal.SIGKILL)  # right after the n-th rename
        return rename

    def unlink(path, *args, **kwargs):
        real["unlink"](path, *args, **kwargs)
        if on_unlink and os.fspath(path).endswith(".sdlib-journal.json"):
            os.kill(os.getpid(), signal.SIGKILL)  # after removing the journal, before releasing the lock

    os.replace, os.rename, os.unlink = renamer("replace"), renamer("rename"), unlink
    from sdlib.cli import main
    sys.exit(main(sys.argv[3:]))
""")


def _files(data: Path) -> dict:
    """Content and mode of every file, without the lock file (the journal must be gone: it is not ignored)."""
    out = {}
    for p in sorted(data.rglob("*")):
        if p.is_file() and p.name != ".sdlib-lock":
            out[str(p.relative_to(data))] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode & 0o777)
    return out


def _run(args: list[str], data: Path, systmp: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    env.update(SDLIB_DATA_DIR=str(data), TMPDIR=str(systmp), PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=data.parent
    )


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("uninterrupted")
    data, systmp = base / "data", base / "systmp"
    shutil.copytree(ROOT / "data", data)
    systmp.mkdir()
    proc = _run(["-m", "sdlib", *ADD_ARGS], data, systmp)
    assert proc.returncode == 0, proc.stderr
    files = _files(data)
    assert files != _files(ROOT / "data")
    return files


KILL_POINTS = [pytest.param(0, "rename", id="kill-before-first-rename")]
KILL_POINTS += [pytest.param(n, "rename", id=f"kill-after-rename-{n}-of-{RENAMES}") for n in range(1, RENAMES + 1)]
KILL_POINTS += [pytest.param(0, "unlink", id="kill-after-journal-removed")]


@pytest.mark.parametrize("n, point", KILL_POINTS)
def test_kill_at_every_rename(tmp_path, uninterrupted, n, point):
    data, systmp = tmp_path / "data", tmp_path / "systmp"
    shutil.copytree(ROOT / "data", data)
    systmp.mkdir()
    original = _files(data)
    killed = _run(["-c", KILLER, str(n), point, *ADD_ARGS], data, systmp)
    assert killed.returncode == -signal.SIGKILL, f"not killed: {killed.returncode}\n{killed.stdout}{killed.stderr}"
    after_kill = _files(data)
    leftovers = {k for k in after_kill if k.endswith(".sdlib-tmp") or ".sdlib-journal" in k}
    if point == "unlink":  # everything done but releasing the lock
        assert after_kill == uninterrupted and (data / ".sdlib-lock").exists()
    elif n == 0:  # temporary files written, no journal yet, nothing renamed
        assert leftovers and ".sdlib-journal.json" not in leftovers
        assert {k: v for k, v in after_kill.items() if k not in leftovers} == original
    else:  # the journal is in place, n - 1 files renamed
        assert ".sdlib-journal.json" in leftovers
        assert len(leftovers) == 1 + RENAMES - n
    # every state validates: a reader completes (journal) or clears (no journal) what the killed add left
    check = _run(["-m", "sdlib", "validate"], data, systmp)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Traceback" not in check.stderr
    assert _files(data) == (original if n == 0 and point == "rename" else uninterrupted)
    # the same add again gives exactly the uninterrupted result
    again = _run(["-m", "sdlib", *ADD_ARGS], data, systmp)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _files(data) == uninterrupted
    assert not [p for p in data.rglob("*") if p.name.endswith(".sdlib-tmp") or p.name.startswith(".sdlib-")]
    assert list(systmp.iterdir()) == [], "something was left in the system temp folder"


def test_kill_points_cover_every_rename(tmp_path):
    """The count of renames above is the real one: an add that is never killed does exactly RENAMES of them."""
    data, systmp = tmp_path / "data", tmp_path / "systmp"
    shutil.copytree(ROOT / "data", data)
    systmp.mkdir()
    done = _run(["-c", KILLER, str(RENAMES + 1), "rename", *ADD_ARGS], data, systmp)
    assert done.returncode == 0, done.stderr
    counting = KILLER.replace(
        "sys.exit(main(sys.argv[3:]))", "rc = main(sys.argv[3:]); print('renames', count); sys.exit(rc)"
    )
    shutil.rmtree(data)
    shutil.copytree(ROOT / "data", data)
    done = _run(["-c", counting, "99", "rename", *ADD_ARGS], data, systmp)
    assert f"renames {RENAMES}" in done.stdout, done.stdout + done.stderr


# ---------------------------------------------------------------------------------------------- concurrency

HOLDER = textwrap.dedent("""
    import sys, time
    from sdlib.data.journal import data_lock
    with data_lock(sys.argv[1]):
        print("locked", flush=True)
        time.sleep(60)
""")


def test_a_second_add_is_refused_while_one_is_running(sandbox, tmp_path):
    data = sandbox.root / "data"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)], stdout=subprocess.PIPE, text=True, env=sandbox.env()
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = sandbox.snapshot()
        proc = sandbox.sdlib(*ADD_ARGS, "--wait", "0.5")
        assert_clean_error(
            proc, code=2, names=["data/.sdlib-lock", "een andere 'sdlib data add' is bezig", f"proces {holder.pid}"]
        )
        assert sandbox.snapshot() == before
    finally:
        holder.kill()
        holder.wait()
    proc = sandbox.sdlib(*ADD_ARGS)  # the lock of a dead process does not block
    assert proc.returncode == 0, proc.stderr
    assert sandbox.sdlib("validate").returncode == 0
    assert not (data / ".sdlib-lock").exists()


SLOW = textwrap.dedent("""
    import os, sys, time
    real = os.replace
    def replace(src, dst, *a, **k):
        time.sleep(0.3)  # widen every window between reading and writing
        return real(src, dst, *a, **k)
    os.replace = replace
    from sdlib.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def test_two_adds_at_once_do_not_interleave(tmp_path):
    second = [
        "data",
        "add",
        str(PUB / "rsd2025_h1.csv"),
        "--source-id",
        "rsd2025_h1",
        "--short-title",
        "Rapportage Sociaal Domein 1e helft 2025",
        "--year",
        "2025",
    ]
    results = {}
    for order in ("ab", "ba"):  # the two possible serial outcomes
        data = tmp_path / f"serial_{order}" / "data"
        shutil.copytree(ROOT / "data", data)
        for args in [ADD_ARGS, second] if order == "ab" else [second, ADD_ARGS]:
            assert _run(["-m", "sdlib", *args], data, tmp_path).returncode == 0
        results[order] = _files(data)
    data, systmp = tmp_path / "both" / "data", tmp_path / "both" / "systmp"
    shutil.copytree(ROOT / "data", data)
    systmp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
    env.update(SDLIB_DATA_DIR=str(data), TMPDIR=str(systmp), PYTHONWARNINGS="ignore")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SLOW, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for args in (ADD_ARGS, second)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    check = _run(["-m", "sdlib", "validate"], data, systmp)
    assert check.returncode == 0, check.stderr
    assert _files(data) in (results["ab"], results["ba"]), "the adds interleaved: an update was lost or mixed"
    assert list(systmp.iterdir()) == []
