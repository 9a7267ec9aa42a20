"""What a report notebook needs, in one import: the first code cell of every report is ::

    from sdlib.present.notebook import *  # sdlib, pd, plot, tables, sentences, Markdown, display, fmt_*

    setup()

``from ... import *`` brings exactly the names in ``__all__`` below, nothing else:

=================================  =====================================================================
``sdlib``                          the library: ``sdlib.load``, ``sdlib.load_many``, ``sdlib.series_meta``
``pd``                             pandas
``plot``, ``tables``               house-style charts and report tables (:mod:`sdlib.present.plot`, ``tables``);
                                   a report shows a chart with ``plot.show(ax, text, kind=..., source=rows)``
``sentences``                      Dutch sentences computed from the rows (:mod:`sdlib.present.sentences`):
                                   ``sentences.change(df, start=2016, end=2018, subject="De instroom")``,
                                   ``against_target``, ``revision``, ``provisional``, ``alt_text``, ...
                                   No figure in report text is typed by hand.
``Markdown``, ``display``          show text and tables from a cell (IPython)
``fmt_number``, ``fmt_pct``, ...   Dutch number formats: 1.234; 45,9%; € 5.565; 9-9-2019
``setup``                          apply the chart style and keep warnings out of the report
=================================  =====================================================================

Outside a notebook (a script, the tests) import what you need from the modules themselves.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown, display

import sdlib
from sdlib.present import plot, sentences, tables
from sdlib.present.fmt import fmt_date, fmt_eur, fmt_number, fmt_pct, fmt_value

__all__ = [
    "sdlib",
    "pd",
    "plot",
    "tables",
    "sentences",
    "Markdown",
    "display",
    "fmt_number",
    "fmt_pct",
    "fmt_eur",
    "fmt_value",
    "fmt_date",
    "setup",
]


def setup() -> None:
    """Prepare a notebook for a report: the house style for charts (:func:`sdlib.present.plot.setup`) and
    no warnings in the output."""
    plot.setup()
