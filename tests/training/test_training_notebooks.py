"""Every training notebook runs top to bottom on two municipalities, the project's data/ and Waterveen (only the data
folder differs: SDLIB_DATA_DIR, which the kernel inherits). With the model solutions every self-check passes or is
skipped because the municipality lacks its data; with the defaults every exercise says 'nog geen antwoord'; a wrong
answer gets a Dutch hint. The training is done in a personal copy that git ignores (make training).

Notebook 02's toy extract, counted by hand for its second year (J01-J12, four years from the first year of the
published flows: 2015 for data/, 2021 for Waterveen): youths in the first year J01 J02 J03 J07 J09 J12 (6), in the
second J01 J02 J04 J07 J08 J09 J11 (7); instroom J04 J08 J11 (3), doorstroom J01 J02 J07 J09 (4), no herintreders,
uitstroom J03 J12 (2): 6 = 4 + 2 and 7 = 3 + 4 + 0.
"""

import json
import shutil
import subprocess
import sys

import pytest
from training_helpers import ROOT, TRAINING, training_module, use_municipality

from sdlib.report.execute import execute_notebook

NOTEBOOKS = sorted(TRAINING.glob("*.ipynb"))
selfcheck = training_module("selfcheck")
nbstrip = ROOT / "tools" / "nbstrip.py"

SKIPPED = {  # the questions each municipality has no data for
    "live": set(),
    # tests/fixtures/waterveen/make_data.py: every year of the share from one document (nothing revised), no
    # begroting of 0
    "waterveen": {"01.aandeel_eerste_publicatie", "04.geen_doel"},
}
FIRST_YEAR = {"live": 2015, "waterveen": 2021}  # tabel 1 of the 2e Rapportage Sociaal Domein 2019; make_data.py
NAME = {"live": "Zoetermeer", "waterveen": "Waterveen"}  # data/gemeente.yml; make_data.py
ANSWER_02 = {"live": ("3795", "3.795"), "waterveen": ("1850", "1.850")}  # opdracht 4: doorstroom + uitstroom


def feedback(nb) -> tuple[list[dict], list[dict], str]:
    """Return the check records, the summary records and all text output of an executed notebook."""
    checks, summaries, text = [], [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("sdlib_training") or {}
            if "summary" in meta:
                summaries.append(meta["summary"])
            elif "status" in meta:
                checks.append(meta)
            data = out.get("data", {})
            text.append(out.get("text", "") + data.get("text/markdown", "") + data.get("text/plain", ""))
    return checks, summaries, "\n".join(text)


def test_the_six_notebooks_are_there_and_stored_without_outputs():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import nbstrip as strip_tool
    finally:
        sys.path.pop(0)
    assert [p.name[:3] for p in NOTEBOOKS] == ["01_", "02_", "03_", "04_", "05_", "06_"]
    done = subprocess.run(
        [sys.executable, str(nbstrip), "--check", *map(str, NOTEBOOKS)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    for path in NOTEBOOKS:
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        assert text == strip_tool.dumps(nb), path.name  # as a save in JupyterLab writes it
        assert nb["metadata"]["kernelspec"] == {
            "name": "python3",
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), path.name
        tagged = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
        assert len(tagged) == 1 and "oplossingen: bool = False" in "".join(tagged[0]["source"]), path.name
        code_text = "".join("".join(c["source"]) for c in code)
        assert "from selfcheck import ask, check, start, summary" in code_text, path.name  # from its own folder
        assert "sdlib.present.selfcheck" not in code_text and "sdlib.training" not in code_text, path.name
        first = "".join(nb["cells"][0]["source"])
        assert "make training" in first and "notebooks/mijn_training/" in first, path.name  # the first-cell hint


def test_every_question_is_asked_then_checked_once_in_its_notebook():
    for path in NOTEBOOKS:
        cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
        checked = [qid for cell in cells for qid in selfcheck.questions(path.name[:2]) if f'check("{qid}"' in cell]
        assert checked == selfcheck.questions(path.name[:2]), path.name  # each once, in the order of vragen.yml
        for qid in checked:
            at = next(i for i, cell in enumerate(cells) if f'check("{qid}"' in cell)
            assert cells[at - 1].startswith(f'ask("{qid}"'), (path.name, qid)  # the question right above
            assert cells[at].startswith("antwoord = None  # "), (path.name, qid)  # the first line is the answer


def run(path, which, monkeypatch, parameters):
    use_municipality(monkeypatch, which)
    return execute_notebook(path, parameters)


@pytest.mark.notebooks
@pytest.mark.parametrize("which", ["live", "waterveen"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_with_solutions_every_self_check_passes(path, which, monkeypatch):
    checks, summaries, text = feedback(run(path, which, monkeypatch, {"oplossingen": True}))
    ids = selfcheck.questions(path.name[:2])
    skipped = sorted(q for q in ids if q in SKIPPED[which])
    assert sorted(c["question"] for c in checks) == sorted(ids)
    assert {c["question"]: c["status"] for c in checks} == {q: "overgeslagen" if q in skipped else "goed" for q in ids}
    (summary,) = summaries
    assert summary["goed"] == [q for q in ids if q not in skipped] and summary["overgeslagen"] == skipped
    assert "Nog niet goed" not in text and f"Alle {len(ids) - len(skipped)} zelftoetsen" in text
    if skipped:
        assert "Deze opdracht slaan we over: " in text
    first = FIRST_YEAR[which]
    if path.name.startswith("02"):  # the toy extract by hand (docstring) and by sdlib.records agree
        assert f"Hoeveel unieke jeugdigen hadden zorg in {first + 2}, het derde jaar van het uittreksel?" in text
        for line in (
            f"instroom     {first + 1}: met de hand 3, met de module 3",
            f"doorstroom   {first + 1}: met de hand 4, met de module 4",
            f"herintreder  {first + 1}: met de hand 0, met de module 0",
            f"uitstroom    {first + 1}: met de hand 2, met de module 2",
        ):
            assert line in text
        if which == "live":  # tabel 1: everyone counted as 'instroom' in 2015, the year before the flows of tabel 4-5
            assert "Gepubliceerd, jeugdhulp_instroom 2015: 3.795" in text
        else:  # make_data.py: no figures over 2020
            assert "Over 2020 staan geen jeugdigen en geen instroom in de gegevens" in text
    if path.name.startswith("05"):
        assert "mijn_rapport: ok" in text
    if path.name.startswith("06"):
        assert "De echte data/-map is niet veranderd." in text
        assert f"'publisher': 'Gemeente {NAME[which]} (oefening)'" in text  # from gemeente.yml
    if path.name.startswith("01"):
        assert f"Gemeente {NAME[which]}: programma" in text


@pytest.mark.notebooks
@pytest.mark.parametrize("which", ["live", "waterveen"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_with_defaults_every_exercise_waits_for_an_answer(path, which, monkeypatch):
    checks, (summary,), text = feedback(run(path, which, monkeypatch, {}))
    ids = selfcheck.questions(path.name[:2])
    assert {c["question"]: c["status"] for c in checks} == {
        q: "overgeslagen" if q in SKIPPED[which] else "leeg" for q in ids
    }
    assert summary["goed"] == [] and len(summary["leeg"]) == len(ids) - len(summary["overgeslagen"])
    assert text.count(selfcheck.NO_ANSWER) == len(ids) - len(summary["overgeslagen"])
    if path.name.startswith("02"):  # the answer of opdracht 4 is not printed before it is answered
        assert not any(a in text for a in ANSWER_02[which]), which
        assert "Los eerst opdracht 4 op" in text


@pytest.mark.notebooks
def test_a_wrong_answer_in_a_notebook_gets_a_hint(tmp_path, monkeypatch):
    nb = json.loads((TRAINING / "03_kosten_per_type.ipynb").read_text(encoding="utf-8"))
    (cell,) = [c for c in nb["cells"] if 'check("03.kosten_per_jeugdige"' in "".join(c["source"])]
    source = "".join(cell["source"])
    assert "antwoord = None" in source
    cell["source"] = source.replace("antwoord = None", "antwoord = 5.565", 1)  # € 5.565 typed the Dutch way
    for name in ("selfcheck.py", "vragen.yml"):
        shutil.copy(TRAINING / name, tmp_path / name)
    path = tmp_path / "03_fout.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    checks, (summary,), text = feedback(run(path, "live", monkeypatch, {}))
    assert {c["question"]: c["status"] for c in checks}["03.kosten_per_jeugdige"] == "fout"
    assert "Nog niet goed: je schreef 5.565: in Python is de punt een decimaalteken" in text
    assert "Schrijf 5565, niet 5.565." in text
    assert summary["fout"] == ["03.kosten_per_jeugdige"]
    assert "0 van 4 zelftoetsen van notebook 03 goed" in text


# --- the personal copy


def make_training(folder) -> str:
    done = subprocess.run(
        ["make", "-s", "training", f"TRAINING_DIR={folder}"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_training_copies_into_a_personal_folder_and_keeps_the_answers(tmp_path):
    mine = tmp_path / "mijn_training"
    out = make_training(mine)
    wanted = {p.name for p in NOTEBOOKS} | {"selfcheck.py", "vragen.yml", "oplossingen.py"}
    assert wanted <= {p.name for p in mine.iterdir()}
    assert "mijn_training" in out and "make lab" in out
    first = mine / NOTEBOOKS[0].name
    first.write_text(first.read_text(encoding="utf-8").replace("antwoord = None", "antwoord = 1", 1), encoding="utf-8")
    (mine / "vragen.yml").write_text("questions: []\n", encoding="utf-8")
    out = make_training(mine)  # again: the learner's notebook stays, the self-checks are refreshed
    assert "antwoord = 1" in first.read_text(encoding="utf-8")
    assert f"bestaat al, niet overschreven: {first}" in out
    assert (mine / "vragen.yml").read_text(encoding="utf-8") == (TRAINING / "vragen.yml").read_text(encoding="utf-8")


def test_the_personal_folder_is_ignored_by_git_and_the_training_folder_is_not():
    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0

    assert ignored(f"notebooks/mijn_training/{NOTEBOOKS[0].name}")
    assert ignored("notebooks/mijn_training/vragen.yml")
    assert not ignored(f"notebooks/training/{NOTEBOOKS[0].name}")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "TRAINING_DIR ?= notebooks/mijn_training" in makefile  # the default of make training


@pytest.mark.notebooks
def test_a_notebook_in_the_personal_copy_uses_its_own_self_checks(tmp_path, monkeypatch):
    mine = tmp_path / "mijn_training"
    make_training(mine)
    questions = mine / "vragen.yml"
    questions.write_text(
        questions.read_text(encoding="utf-8").replace(
            "Het aandeel valt onder doelstelling", "In de kopie: doelstelling"
        ),
        encoding="utf-8",
    )
    checks, _, text = feedback(run(mine / NOTEBOOKS[0].name, "waterveen", monkeypatch, {"oplossingen": True}))
    assert {c["status"] for c in checks} == {"goed", "overgeslagen"}
    assert "Goed! In de kopie: doelstelling 4.1" in text  # the vragen.yml beside the copy, not the shared one
    assert "Let op: je werkt in de gedeelde map" not in text  # the hint only shows in notebooks/training
    _, _, shared = feedback(run(NOTEBOOKS[0], "waterveen", monkeypatch, {}))
    assert "Let op: je werkt in de gedeelde map notebooks/training/. Maak je eigen kopie met 'make training'" in shared
