"""What a pack run would make from a data folder, before it runs: each scheduled report's title, period and values.

``sdlib data add`` uses it to say what the next ``make reports`` shows: every report of the schedule is checked
as the runner checks it (:func:`sdlib.report.params.validate_parameters`, "laatste" resolved against the given
data folder), and its previous manifest says which data files it read. Comparing the outlook of the data
folder before and after an add tells which reports move to a new year and which are made again because a
file they read changes. Nothing is executed and nothing is written, so a report that finds no data only while
it runs (and is then skipped) is not foreseen here.

Like the rest of the runner it knows no domain: the caller hands over the choices providers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sdlib.data.fileio import UnreadableFileError, read_bounded
from sdlib.report.inputs import MAX_MANIFEST_BYTES
from sdlib.report.params import ParameterError, ReportSkipped, read_parameters, validate_parameters
from sdlib.report.schedule import load_schedule, notebook_path

__all__ = ["Outlook", "outlook"]


@dataclass
class Outlook:
    """One scheduled report as the runner would see it.

    ``values`` are the checked parameter values (None when the report would be skipped or refused, with the
    reason in ``skipped``); ``period`` is the notebook's period filled with them; ``inputs`` the data files
    (relative to the data folder) that its previous version read, from its manifest (None when unknown).
    """

    notebook: str
    output: str
    title: str
    period: str = ""
    values: dict | None = None
    skipped: str = ""
    inputs: dict | None = None


def _metadata(path: Path) -> dict:
    try:
        meta = json.loads(read_bounded(path)).get("metadata", {}).get("sdlib", {})
    except (UnreadableFileError, ValueError, AttributeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _fill(template, values: dict) -> str:
    try:
        return str(template or "").format(**values)
    except (KeyError, IndexError, ValueError):
        return str(template or "")


def _inputs(out_dir: Path | None, output: str) -> dict | None:
    if out_dir is None:
        return None
    try:
        manifest = json.loads(read_bounded(Path(out_dir) / f"{output}.manifest.json", MAX_MANIFEST_BYTES))
    except (UnreadableFileError, ValueError):
        return None
    inputs = manifest.get("inputs") if isinstance(manifest, dict) else None
    if not manifest.get("inputs_complete") or not isinstance(inputs, dict):
        return None
    return inputs


def outlook(schedule, notebooks_dir, *, providers: dict, data_dir, out_dir=None) -> list[Outlook]:
    """Check every report of ``schedule`` against ``data_dir`` as the runner would; run nothing.

    Parameters
    ----------
    schedule : path
        A schedule file (``reports/schedule.yml``).
    notebooks_dir : path
        The folder of the report notebooks.
    providers : dict
        The choices providers (as the command line hands them to the runner).
    data_dir : path
        The data folder whose values count ("laatste" becomes the newest year there).
    out_dir : path, optional
        The pack's output folder, whose manifests say what each report read last time.
    """
    out = []
    for job in load_schedule(Path(schedule)):
        title, period, values, skipped, output = job.notebook, "", None, "", job.notebook
        try:
            path = notebook_path(job.notebook, Path(notebooks_dir))
            meta = _metadata(path)
            title = str(meta.get("title") or job.notebook)
            values = validate_parameters(
                read_parameters(path), job.parameters, notebook=job.notebook, providers=providers, data_dir=data_dir
            )
            title = _fill(title, values)
            period = _fill(meta.get("period"), values)
            output = job.output_name(values)
        except ReportSkipped as exc:
            values, skipped = None, str(exc)
        except ParameterError as exc:
            values, skipped = None, str(exc)
        out.append(Outlook(job.notebook, output, title, period, values, skipped, _inputs(out_dir, output)))
    return out
