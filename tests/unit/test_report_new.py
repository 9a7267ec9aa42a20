"""``sdlib report new``: a report notebook from the template, refused names and topics, the schedule entry.

The data is Waterveen's (tests/unit/conftest.py): its topic drie_jaar holds jeugdhulp_3jaar_aandeel and
jeugdhulp_3jaar_aantal (no breakdown, realisaties 2023-2024); kosten_type holds series broken down by care_type.
"""

import json
import re
import sys
from pathlib import Path

import pytest

from sdlib.calc.choices import PROVIDERS
from sdlib.cli import main
from sdlib.report.new import create_report, notebook_json, schedule_with, template_topics
from sdlib.report.params import ParameterError, read_parameters, validate_parameters

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import nbstrip  # noqa: E402

SCHEDULE = """\
# The council pack (a comment that stays)
defaults:
  output: "{name}"

reports:
  - notebook: indicatoren
  - notebook: begrippenlijst  # the glossary
"""


@pytest.fixture
def folder(tmp_path):
    nb = tmp_path / "reports"
    nb.mkdir()
    (nb / "bestaand.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "schedule.yml").write_text(SCHEDULE, encoding="utf-8")
    return tmp_path


def files(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_report_has_the_tags_metadata_and_no_outputs(folder):
    made = create_report(
        "langdurig",
        "drie_jaar",
        notebooks_dir=folder / "reports",
        schedule=folder / "schedule.yml",
        providers=PROVIDERS,
    )
    assert made.path == folder / "reports" / "langdurig.ipynb" and made.title == "Langdurige jeugdhulp"
    nb = json.loads(made.path.read_text(encoding="utf-8"))
    assert nbstrip.problems(nb) == []  # stored as tools/nbstrip.py keeps notebooks: no outputs
    tags = [c["metadata"].get("tags", []) for c in nb["cells"]]
    assert tags[1] == ["parameters"] and tags[2] == ["check-parameters"]
    assert nb["cells"][1]["source"].startswith('jaar: int = "laatste"  # ')
    assert nb["metadata"]["sdlib"] == {
        "parameters": {"jaar": {"args": ["drie_jaar"], "choices": "topic_years", "latest": True}},
        "period": "tot en met {jaar}",
        "title": "Langdurige jeugdhulp",
    }
    assert nb["cells"][0]["source"] == "# Langdurige jeugdhulp"
    assert 'check_parameters("langdurig", {"jaar": jaar}' in nb["cells"][2]["source"]
    # the runner's checker reads it: "laatste" is the newest year of the topic's series in Waterveen
    (spec,) = read_parameters(made.path)
    assert validate_parameters([spec], {}, providers=PROVIDERS) == {"jaar": 2024}
    # the schedule got one line at the end of its list; its comments stay
    assert (folder / "schedule.yml").read_text(encoding="utf-8") == SCHEDULE + "  - notebook: langdurig\n"


def test_without_a_schedule_only_the_notebook_is_written(folder):
    before = files(folder)
    create_report("langdurig", "drie_jaar", notebooks_dir=folder / "reports", title="Lang in zorg")
    after = files(folder)
    assert set(after) - set(before) == {"reports/langdurig.ipynb"}
    assert {k: v for k, v in after.items() if k in before} == before
    assert json.loads(after["reports/langdurig.ipynb"])["metadata"]["sdlib"]["title"] == "Lang in zorg"


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "bestaand",
            "rapport 'bestaand' bestaat al: {folder}/reports/bestaand.ipynb; kies een andere naam, of open dat rapport "
            "in JupyterLab",
        ),
        (
            "../x",
            "'../x' is geen rapportnaam: een nieuw rapport komt altijd in {folder}/reports; geef alleen een naam "
            "(kleine letters, cijfers en _, beginnend met een letter, zoals wmo_tevredenheid), zonder map of '..'",
        ),
        (
            "Wmo Rapport",
            "'Wmo Rapport' is geen geldige rapportnaam (bedoelt u 'wmo_rapport'?): gebruik kleine letters, cijfers en "
            "_, beginnend met een letter, zoals wmo_tevredenheid, hoogstens 60 tekens",
        ),
        ("langdurig.ipynb", "'langdurig.ipynb': geef de naam zonder .ipynb, bijvoorbeeld 'langdurig'"),
        (
            "2025_rapport",
            "'2025_rapport' is geen geldige rapportnaam: gebruik kleine letters, cijfers en _, beginnend met een "
            "letter, zoals wmo_tevredenheid, hoogstens 60 tekens",
        ),
    ],
)
def test_a_name_that_exists_is_not_plain_or_leaves_the_folder_is_refused(folder, name, message):
    before = files(folder)
    with pytest.raises(ParameterError) as err:
        create_report(name, "drie_jaar", notebooks_dir=folder / "reports", schedule=folder / "schedule.yml")
    assert str(err.value) == message.format(folder=folder)
    assert files(folder) == before


@pytest.mark.parametrize(
    "topic, start",
    [
        (None, "kies met --onderwerp het onderwerp van het rapport; geldige onderwerpen: stromen ("),
        ("drie_jaren", "onbekend onderwerp 'drie_jaren' (bedoelt u 'drie_jaar'?); geldige onderwerpen: stromen ("),
        (
            "kosten_type",
            "onderwerp 'kosten_type' heeft cijfers met een uitsplitsing: jeugdhulp_jeugdigen_per_type (care_type), "
            "jeugdhulp_kosten_per_type (care_type); het sjabloon toont reeksen zonder uitsplitsing. Geldige "
            "onderwerpen: stromen (",
        ),
        ("indicatoren", "onderwerp 'indicatoren' heeft geen reeksen met cijfers; het sjabloon toont"),
    ],
)
def test_a_wrong_topic_names_the_topics_that_fit(folder, topic, start):
    before = files(folder)
    with pytest.raises(ParameterError) as err:
        create_report("langdurig", topic, notebooks_dir=folder / "reports")
    assert str(err.value).startswith(start), str(err.value)
    assert "drie_jaar (Langdurige jeugdhulp)" in str(err.value)
    assert files(folder) == before


def test_the_topics_that_fit_have_series_without_a_breakdown():
    topics = template_topics()
    assert "drie_jaar" in topics and topics["drie_jaar"] == "Langdurige jeugdhulp"
    assert "kosten_type" not in topics and "indicatoren" not in topics


def test_a_report_already_in_the_schedule_or_a_schedule_without_a_list_is_refused(folder):
    with pytest.raises(ParameterError, match="rapport 'indicatoren' staat al in het schema"):
        schedule_with(SCHEDULE, "indicatoren")
    with pytest.raises(ParameterError, match="verwacht een lijst 'reports:'"):
        schedule_with("reports: []\n", "langdurig")
    (folder / "schedule.yml").write_text("reports: [{notebook: indicatoren}]\n", encoding="utf-8")
    before = files(folder)
    with pytest.raises(ParameterError):
        create_report("langdurig", "drie_jaar", notebooks_dir=folder / "reports", schedule=folder / "schedule.yml")
    assert files(folder) == before  # the notebook is not written either


def test_the_template_names_its_topic_once_in_code_and_once_in_the_metadata():
    nb = notebook_json("x", "wmo", "Wmo")
    code = "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "code")
    assert code.count('"wmo"') == 1 and nb["metadata"]["sdlib"]["parameters"]["jaar"]["args"] == ["wmo"]
    # the design rule the README gives every report notebook: no def, no year written in
    assert "def " not in code and not re.search(r"\b20\d\d\b", code)


def test_the_command_line_says_in_dutch_what_is_wrong(folder, capsys):
    code = main(["report", "new", "../x", "--onderwerp", "drie_jaar", "--notebooks", str(folder / "reports")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("fout: '../x' is geen rapportnaam")
    code = main(["report", "new", "langdurig", "--onderwerp", "bijstand_x", "--notebooks", str(folder / "reports")])
    assert code == 2 and "onbekend onderwerp 'bijstand_x'" in capsys.readouterr().err
    code = main(["report", "new", "langdurig", "--onderwerp", "drie_jaar", "--notebooks", str(folder / "reports")])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith(f"Rapport gemaakt: {folder}/reports/langdurig.ipynb\n")
    assert "niet in het raadspakket; zet het erin met --in-pakket" in out
