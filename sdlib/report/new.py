"""A new report from a template that runs as it is: ``sdlib report new NAAM --onderwerp TOPIC``.

The notebook has what every report notebook has (see ``notebooks/reports/jeugdhulp_drie_jaar.ipynb`` and
:mod:`sdlib.data.contract`): a title cell; the cell tagged ``parameters`` (``jaar: int = "laatste"``); the cell
tagged ``check-parameters``, which checks the values with the runner's checker; the notebook metadata ``sdlib``
with the title, the period and the choices of ``jaar`` (the provider ``topic_years`` of the topic, "laatste"
allowed); and the house style: a Document with key messages, a chart of the topic's series, a table, the
municipality's own words and the Verantwoording at the end. Everything it shows comes from the data: the topic
(catalog ``topics:``) names its title, its question and its series.

The template shows series without a breakdown (no ``dimensions``); a topic whose series have one is refused, with
the topics that fit. The notebook is written without outputs (as ``tools/nbstrip.py`` keeps notebooks); with a
schedule, an entry ``- notebook: NAAM`` is appended to it in the same all-or-nothing write.
"""

from __future__ import annotations

import difflib
import json
import keyword
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sdlib.data.errors import SdlibError
from sdlib.data.fileio import atomic_write_together, read_bounded
from sdlib.report.params import ParameterError
from sdlib.report.schedule import MAX_SCHEDULE_BYTES, shown

__all__ = ["NewReport", "REPORT_NAME", "template_topics", "notebook_json", "schedule_with", "create_report"]

REPORT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")  # a new report: a plain lowercase identifier
PROVIDER = "topic_years"  # the choices provider of the template's year (sdlib.calc.choices)


@dataclass
class NewReport:
    """A report made by :func:`create_report`: its notebook, title, topic and the schedule it was added to."""

    name: str
    path: Path
    title: str
    topic: str
    schedule: Path | None = None


def template_topics(data_dir=None) -> dict[str, str]:
    """The topics the template can show (id -> title): with series of figures, none of them broken down."""
    from sdlib.data.catalog import model, topic_series

    cat = model(data_dir)
    out = {}
    for tid, topic in cat.topics.items():
        ids = topic_series(tid, data_dir)
        if ids and not any(cat.series[s].dimensions for s in ids):
            out[tid] = topic.title
    return out


def _listing(topics: dict[str, str]) -> str:
    return "; ".join(f"{tid} ({title})" for tid, title in topics.items()) or "geen"


def check_topic(topic, data_dir=None) -> None:
    """Refuse a missing, unknown or unsuitable topic, naming the topics the template can show (ParameterError)."""
    from sdlib.data.catalog import model, topic_series

    fit = template_topics(data_dir)
    if not topic:
        raise ParameterError(
            f"kies met --onderwerp het onderwerp van het rapport; geldige onderwerpen: {_listing(fit)}"
        )
    cat = model(data_dir)
    if topic not in cat.topics:
        close = difflib.get_close_matches(str(topic), list(cat.topics), n=1, cutoff=0.6)
        hint = f" (bedoelt u {close[0]!r}?)" if close else ""
        raise ParameterError(f"onbekend onderwerp {topic!r}{hint}; geldige onderwerpen: {_listing(fit)}")
    if topic not in fit:
        split = [
            f"{s} ({', '.join(cat.series[s].dimensions)})"
            for s in topic_series(topic, data_dir)
            if cat.series[s].dimensions
        ]
        why = (
            f"heeft cijfers met een uitsplitsing: {', '.join(split)}"
            if topic_series(topic, data_dir)
            else "heeft geen reeksen met cijfers"
        )
        raise ParameterError(
            f"onderwerp {topic!r} {why}; het sjabloon toont reeksen zonder uitsplitsing. Geldige onderwerpen: "
            f"{_listing(fit)}"
        )


def check_name(name, notebooks_dir) -> Path:
    """Return the path of a new report notebook; refuse a name that is not plain, exists or leaves the folder."""
    folder = Path(notebooks_dir)
    example = "kleine letters, cijfers en _, beginnend met een letter, zoals wmo_tevredenheid"
    if not isinstance(name, str) or not name:
        raise ParameterError(f"geef de naam van het nieuwe rapport: {example}")
    if name.endswith(".ipynb"):
        raise ParameterError(f"{name!r}: geef de naam zonder .ipynb, bijvoorbeeld {name[: -len('.ipynb')]!r}")
    if "/" in name or "\\" in name or name.startswith("."):
        raise ParameterError(
            f"{name!r} is geen rapportnaam: een nieuw rapport komt altijd in {shown(folder)}; geef alleen een "
            f"naam ({example}), zonder map of '..'"
        )
    if not REPORT_NAME.match(name) or keyword.iskeyword(name):
        guess = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")
        hint = f" (bedoelt u {guess!r}?)" if guess != name and REPORT_NAME.match(guess) else ""
        raise ParameterError(f"{name!r} is geen geldige rapportnaam{hint}: gebruik {example}, hoogstens 60 tekens")
    if not folder.is_dir():
        raise ParameterError(f"map met rapportnotebooks niet gevonden: {shown(folder)}")
    path = folder / f"{name}.ipynb"
    if os.path.lexists(path):
        raise ParameterError(
            f"rapport {name!r} bestaat al: {shown(path)}; kies een andere naam, of open dat rapport in JupyterLab"
        )
    if path.resolve().parent != folder.resolve():  # pragma: no cover - a plain name cannot leave the folder
        raise ParameterError(f"{name!r} zou buiten {shown(folder)} terechtkomen; er is niets geschreven")
    return path


def _cell(cid: str, kind: str, source: str, tags: list[str] | None = None) -> dict:
    cell = {"cell_type": kind, "id": cid, "metadata": {"tags": tags} if tags else {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def notebook_json(name: str, topic: str, title: str) -> dict:
    """The notebook of a new report about ``topic`` (a dict in nbformat 4), without outputs."""
    t = json.dumps(topic)
    cells = [
        _cell("c00", "markdown", f"# {title}"),
        _cell(
            "c01",
            "code",
            'jaar: int = "laatste"  # het laatste jaar met cijfers: een jaar met cijfers, of "laatste"',
            ["parameters"],
        ),
        _cell(
            "c02",
            "code",
            "from sdlib.calc import choices\n"
            "from sdlib.report.params import check_parameters\n\n"
            "# checks jaar as `sdlib report run` does; folder='.': the folder of this notebook\n"
            f'jaar = check_parameters({json.dumps(name)}, {{"jaar": jaar}}, providers=choices.PROVIDERS, folder=".")'
            '["jaar"]',
            ["check-parameters"],
        ),
        _cell(
            "c03",
            "code",
            "import sdlib\n"
            "from sdlib.data.catalog import model, topic_series\n"
            "from sdlib.present import indicators, plot, sentences, tables\n"
            "from sdlib.present.document import Document\n\n"
            "plot.setup()\n"
            "doc = Document()\n"
            "catalog = model()\n"
            f"TOPIC = {t}  # the topic of this report (data/catalog.yml, topics:); also in the metadata\n"
            "topic = catalog.topics[TOPIC]\n"
            "series = [s for s in topic_series(TOPIC) if not catalog.series[s].dimensions]\n"
            'rows = sdlib.load_many(series).query("year <= @jaar")\n'
            'by_series = {s: rows[rows["series"] == s] for s in series}  # the rows of each series\n'
            "doc.uses(rows)",
        ),
        _cell(
            "c04",
            "code",
            "# 3 to 5 sentences, computed from the figures: how each series went, the targets, the municipality's words\n"
            "targets = [s for s in series\n"
            '           if {"realisatie", "begroting"} <= set(by_series[s].query("year == @jaar")["measure"])]\n'
            "# a series with a target: the result against it; one without: how it went\n"
            "messages = [sentences.against_target(by_series[s], year=jaar) if s in targets else sentences.trend(by_series[s])\n"
            "            for s in series[:4]]\n"
            'messages += [sentences.said(TOPIC, kinds=["conclusie", "uitleg"]), sentences.said(TOPIC, kinds=["aanpak"])]\n'
            "doc.key_messages([m for m in messages if m][:5], question=topic.question)",
        ),
        _cell(
            "c05",
            "code",
            "doc.heading(topic.title)\n"
            "fig = plot.small_multiples(rows, source=False,\n"
            "                           titles={s: indicators.chart_title(s) for s in series})\n"
            'doc.chart(fig, " ".join(sentences.trend(by_series[s]) for s in series[:3]), kind="kleine lijngrafieken",\n'
            "          source=rows)\n"
            'doc.table(tables.targets_view(rows), index_label="cijfer", text_right=True,\n'
            '          caption=f"{topic.title}: de uitkomst per jaar, met het doel tussen haakjes", source=rows)\n'
            "doc.quote(series, about=jaar)\n"
            'doc.voice(TOPIC, heading="Wat de gemeente erover schrijft", limit=3)',
        ),
        _cell("c06", "code", "doc.verantwoording(period=f\"{int(rows['year'].min())}-{jaar}\")"),
    ]
    metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "sdlib": {
            "parameters": {"jaar": {"args": [topic], "choices": PROVIDER, "latest": True}},
            "period": "tot en met {jaar}",
            "title": title,
        },
    }
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def schedule_with(text: str, name: str, where: str = "reports/schedule.yml") -> str:
    """Return the text of a schedule with ``- notebook: <name>`` appended to its ``reports:`` list.

    The text is edited, so comments and layout stay; the result must parse to the same schedule plus the entry.
    """
    import yaml

    def refuse(why: str) -> ParameterError:
        return ParameterError(
            f"{where}: {why}; het rapport is niet gemaakt. Voeg het later met de hand toe ('  - notebook: {name}')"
            " of laat de optie voor het schema weg"
        )

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        before = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise refuse(f"geen geldige YAML ({getattr(exc, 'problem', exc)})") from None
    node = None
    if isinstance(root, yaml.MappingNode):
        node = next((v for k, v in root.value if getattr(k, "value", None) == "reports"), None)
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise refuse("verwacht een lijst 'reports:' met op elke regel '- notebook: ...'")
    if any(isinstance(e, dict) and e.get("notebook") == name for e in before.get("reports") or []):
        raise refuse(f"rapport {name!r} staat al in het schema")
    nl = "\r\n" if "\r\n" in text else "\n"
    last = node.value[-1]
    col = last.start_mark.column - 2
    if col < 0 or text[last.start_mark.index - 2 : last.start_mark.index] != "- ":
        raise refuse("de lijst 'reports:' heeft een ongewone opmaak")
    at = last.end_mark.index
    while at > 0 and text[at - 1] in " \t\r\n":
        at -= 1
    end = text.find("\n", at)
    end = len(text) if end == -1 else (end - 1 if text[end - 1] == "\r" else end)
    out = text[:end] + f"{nl}{' ' * col}- notebook: {name}" + text[end:]
    if not out.endswith(("\n", "\r")):
        out += nl
    after = yaml.safe_load(out)
    before["reports"] = [*before["reports"], {"notebook": name}]
    if before != after:
        raise refuse("het schema zou meer veranderen dan dit ene rapport")
    return out


def create_report(
    name: str,
    topic: str | None,
    *,
    notebooks_dir,
    title: str | None = None,
    schedule=None,
    providers: dict | None = None,
    data_dir=None,
) -> NewReport:
    """Write ``<notebooks_dir>/<name>.ipynb`` from the template (and append it to ``schedule`` when given).

    Everything is checked before anything is written: the name (plain, new, inside the folder), the topic (one the
    template can show), the title (one line of plain text), the schedule (readable, with a ``reports:`` list that
    does not name the report yet) and, with ``providers``, the notebook's parameters against the data (as the
    runner checks them). The notebook and the schedule are written together, or neither.

    Raises
    ------
    ParameterError
        With a Dutch message naming what is wrong; nothing is written then.
    """
    from types import SimpleNamespace

    from sdlib.data.catalog import model
    from sdlib.data.textrules import text_problem
    from sdlib.report.params import read_parameters, validate_parameters

    path = check_name(name, notebooks_dir)
    check_topic(topic, data_dir)
    title = (title if title is not None else model(data_dir).topics[topic].title).strip()
    reason = text_problem(title, required=True)
    if reason:
        raise ParameterError(f"--titel {reason}")
    nb = notebook_json(name, topic, title)
    if providers is not None:
        specs = read_parameters(SimpleNamespace(cells=nb["cells"], metadata=nb["metadata"]))
        validate_parameters(specs, {}, notebook=name, providers=providers, data_dir=data_dir)
    files = {path: (json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")}
    target = None
    if schedule is not None:
        target = Path(schedule)
        try:
            text = read_bounded(target, MAX_SCHEDULE_BYTES).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ParameterError(f"{shown(target)}: {exc}; het rapport is niet gemaakt") from None
        files[target] = schedule_with(text, name, shown(target)).encode("utf-8")
    try:
        atomic_write_together(files)
    except OSError as exc:
        raise SdlibError(f"{shown(path)}: kan niet schrijven ({exc.strerror or exc}); er is niets geschreven") from None
    return NewReport(name, path, title, topic, target)
