"""The report suite: parameterised notebooks executed in parallel and rendered to PDF without LaTeX.

Command line: ``sdlib report list`` and ``sdlib report run NAME... -p jaar=2023`` or ``--all``. Every report
name, parameter and output name is checked before anything runs; outputs stay inside the output folder. Only
reports whose notebook, parameters, templates, software or data read changed are rebuilt; a pack run keeps
every new version in ``<out>/archief/`` and writes ``run.json`` (see :mod:`sdlib.report.run`).
The runner knows no domain: the valid values of a parameter come from a choices provider that the notebook's
parameters cell names (``keuze uit: sdlib.calc.choices.indicator_years()``, see :mod:`sdlib.report.params`).
"""

from sdlib.report.lock import RunLockedError
from sdlib.report.params import ParameterError, ParamSpec, read_parameters, validate_parameters
from sdlib.report.run import ReportRunError, Result, RunResults, run_jobs
from sdlib.report.schedule import Job, ScheduleError, load_schedule

__all__ = [
    "Job",
    "Result",
    "ParamSpec",
    "ParameterError",
    "ReportRunError",
    "RunLockedError",
    "RunResults",
    "ScheduleError",
    "load_schedule",
    "read_parameters",
    "validate_parameters",
    "run_jobs",
]
