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
    lines: list = field(default_factory=list)  # (level, colour, legend name) of every line drawn with plot.line
    targets: int = 0  # target sets drawn so far (a second one in the same colour gets a mark of its own)
    time: str | None = None  # 'year', 'month' or 'category'
    left_out: list = field(default_factory=list)  # years an index chart left out (incomplete)
    extra_handles: list = field(default_factory=list)  # legend entries of marks: hatched bars, hollow markers
    words: list = field(default_factory=list)  # texts beside zero of a deviation ("← slechter dan het doel")
    outside: list = field(default_factory=list)  # texts at the ends of bars that the axis limits must hold
    notes: list = field(default_factory=list)  # texts inside the Axes ("geen cijfers") that labels keep clear of
    value_axis: str | None = None  # 'y' or 'x': the axis of the values, whose top tick holds every value
    shared: list = field(default_factory=list)  # Axes that share one value range with this one (small multiples)
    panel: bool = False  # a panel of small_multiples: one column on a phone
    bar_slots: float = 0.0  # horizontal bars: bar widths along the category axis (each needs room for a label)
    cut: object = None  # the mark on a value axis that does not start at zero (see output.mark_cut_axes)


_STATE: WeakKeyDictionary = WeakKeyDictionary()


def state(ax) -> AxesState:
    """Return the state of an Axes (made on first use)."""
    found = _STATE.get(ax)
    if found is None:
        found = _STATE[ax] = AxesState()
    return found
