"""Every training notebook runs top to bottom: with the model solutions every self-check passes, with the
defaults every exercise says 'nog geen antwoord', and a wrong answer gets a Dutch hint.

Notebook 02's toy extract, counted by hand for 2016: youths in 2015 J01 J02 J03 J07 J09 J12 (6), in 2016 J01 J02
J04 J07 J08 J09 J11 (7); instroom J04 J08 J11 (3), doorstroom J01 J02 J07 J09 (4), no herintreders, uitstroom J03
J12 (2): 6 = 4 + 2 and 7 = 3 + 4 + 0.
"""

import json
from pathlib import Path

import pytest

from sdlib.present import selfcheck
from sdlib.report.execute import execute_notebook

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "notebooks" / "training"
NOTEBOOKS = sorted(TRAINING.glob("*.ipynb"))


def feedback(nb) -> tuple[list[dict], list[dict], str]:
    """Return the check records, the summary records and all text output of an executed notebook."""
    checks, summaries, text = [], [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("sdlib_training")
            if meta and "summary" in meta:
                summaries.append(meta["summary"])
            elif meta:
                checks.append(meta)
            text.append(out.get("text", "") + out.get("data", {}).get("text/plain", ""))
    return checks, summaries, "\n".join(text)


def test_the_six_notebooks_are_there_and_stored_without_outputs():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01_", "02_", "03_", "04_", "05_", "06_"]
    for path in NOTEBOOKS:
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        assert text == json.dumps(nb, indent=1, ensure_ascii=False) + "\n", path.name  # the stored formatting
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
        assert "sdlib.training" not in code_text and "from sdlib.present.selfcheck import check" in code_text, path.name


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_with_solutions_every_self_check_passes(path):
    nb = execute_notebook(path, {"oplossingen": True})
    checks, summaries, text = feedback(nb)
    ids = selfcheck.questions(path.name[:2])
    assert sorted(c["question"] for c in checks) == sorted(ids)
    assert [c for c in checks if c["status"] != "goed"] == []
    (summary,) = summaries
    assert summary["goed"] == ids and summary["total"] == len(ids)
    assert "Nog niet goed" not in text and f"Alle {len(ids)} zelftoetsen" in text
    if path.name.startswith("06"):
        assert "De echte data/-map is niet veranderd." in text
    if path.name.startswith("02"):  # the toy extract by hand (docstring of the test) and by sdlib.records agree
        for line in (
            "instroom     2016: met de hand 3, met de module 3",
            "doorstroom   2016: met de hand 4, met de module 4",
            "herintreder  2016: met de hand 0, met de module 0",
            "uitstroom    2016: met de hand 2, met de module 2",
        ):
            assert line in text


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_with_defaults_every_exercise_waits_for_an_answer(path):
    nb = execute_notebook(path, {})
    checks, (summary,), text = feedback(nb)
    assert checks and {c["status"] for c in checks} == {"leeg"}
    assert summary["goed"] == [] and len(summary["leeg"]) == summary["total"]
    assert text.count(selfcheck.NO_ANSWER) == len(checks)


@pytest.mark.notebooks
def test_a_wrong_answer_in_a_notebook_gets_a_hint(tmp_path):
    nb = json.loads((TRAINING / "03_kosten_per_type.ipynb").read_text(encoding="utf-8"))
    (cell,) = [c for c in nb["cells"] if 'check("03.kosten_per_jeugdige_2018"' in "".join(c["source"])]
    source = "".join(cell["source"])
    assert "antwoord = None" in source
    cell["source"] = source.replace("antwoord = None", "antwoord = 23307274 / 4188 / 1000", 1)
    path = tmp_path / "03_fout.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    checks, (summary,), text = feedback(execute_notebook(path, {}))
    assert {c["question"]: c["status"] for c in checks}["03.kosten_per_jeugdige_2018"] == "fout"
    assert "Nog niet goed: dat is een factor 1.000 te klein" in text
    assert summary["fout"] == ["03.kosten_per_jeugdige_2018"]
    assert "0 van 4 zelftoetsen van notebook 03 goed" in text
