"""What the chart functions remember about an Axes while a figure is built, kept beside it, not on it.

A target line takes the colour of the line it belongs to, a legend lists the marks of partial and provisional
years, the value labels of one Axes are placed together when the figure is drawn. That memory lives in a
weak mapping from the Axes to an :class:`AxesState`: it goes when the figure goes, and no private attribute is
hung on matplotlib's objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

__all__ = ["AxesState", "state"]


@dataclass
class AxesState:
    labels: object = None  # the label layer (an Artist) of the Axes
    lines: list = field(default_factory=list)  # (label, colour) of every line drawn with plot.line
    targets: int = 0  # target lines drawn so far (each gets its own dash pattern)
    time: str | None = None  # 'year', 'month' or 'category'
    left_out: list = field(default_factory=list)  # years an index chart left out (incomplete)
    extra_handles: list = field(default_factory=list)  # legend entries for hatched bars
    outside: list = field(default_factory=list)  # texts at the ends of bars that the axis limits must hold


_STATE: WeakKeyDictionary = WeakKeyDictionary()


def state(ax) -> AxesState:
    """Return the state of an Axes (made on first use)."""
    found = _STATE.get(ax)
    if found is None:
        found = _STATE[ax] = AxesState()
    return found
