"""The report suite: parameterised notebooks executed in parallel and rendered to PDF without LaTeX.

Command line: ``sdlib report list`` and ``sdlib report run NAME... -p jaar=2023`` or ``--all``.
"""

from .params import ParameterError, ParamSpec, read_parameters, validate_parameters
from .run import Result, run_jobs
from .schedule import Job, load_schedule

__all__ = ["Job", "Result", "ParamSpec", "ParameterError", "load_schedule", "read_parameters",
           "validate_parameters", "run_jobs"]
