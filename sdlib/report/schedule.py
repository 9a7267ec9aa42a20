"""The report schedule (``reports/schedule.yml``) and the jobs it expands to."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

from .params import ParameterError

__all__ = ["Job", "load_schedule", "notebook_path", "available_notebooks"]


@dataclass
class Job:
    """One report to produce: a notebook, its parameters and the output name (without extension)."""

    notebook: str
    parameters: dict = field(default_factory=dict)
    output: str = "{name}"

    def output_name(self, values: dict) -> str:
        """Fill the output template with ``{name}`` and the parameter values."""
        fields = {f for _, f, _, _ in string.Formatter().parse(self.output) if f}
        missing = fields - set(values) - {"name"}
        if missing:
            raise ParameterError(f"output name {self.output!r} uses unknown placeholder(s): {', '.join(sorted(missing))}")
        return self.output.format(name=self.notebook, **values)


def available_notebooks(notebooks_dir: Path) -> list[str]:
    """Return the names of the report notebooks in a folder."""
    return sorted(p.stem for p in Path(notebooks_dir).glob("*.ipynb"))


def notebook_path(name: str, notebooks_dir: Path) -> Path:
    """Return the path of a report notebook; raise ParameterError naming the available ones."""
    path = Path(notebooks_dir) / f"{name}.ipynb"
    if not path.is_file():
        raise ParameterError(f"no report notebook {name!r}; available: {', '.join(available_notebooks(notebooks_dir))}")
    return path


def load_schedule(path: Path) -> list[Job]:
    """Read the schedule: a ``reports`` list of ``{notebook, parameters, output}`` entries."""
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh) or {}
    except FileNotFoundError:
        raise ParameterError(f"schedule not found: {path}") from None
    default_output = doc.get("defaults", {}).get("output", "{name}")
    jobs = []
    for i, entry in enumerate(doc.get("reports") or [], start=1):
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise ParameterError(f"{path}: entry {i} needs a 'notebook' key")
        params = entry.get("parameters") or {}
        if not isinstance(params, dict):
            raise ParameterError(f"{path}: entry {i} ({entry['notebook']}): 'parameters' must be a mapping")
        jobs.append(Job(entry["notebook"], params, entry.get("output", default_output)))
    if not jobs:
        raise ParameterError(f"{path}: the schedule lists no reports")
    return jobs
