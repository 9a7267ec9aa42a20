"""The house style for charts, with its rules built in so that no notebook has to remember them.

Every function follows seaborn: ``f(data, *, x=, y=, hue=, ax=)`` and returns the Axes (a grid of charts,
:func:`small_multiples`, returns the Figure). A report shows a chart with
:meth:`sdlib.present.document.Document.chart`: one HTML figure with the image, its alternative text, the
conclusion and the "Bron:" line as real text.

The package is split by job: ``theme`` (sizes, fonts, colours, axis formats, legends), ``timeaxis`` (years as
numbers, months on a date axis), ``labels`` (value labels that never overlap), ``charts`` (the chart functions),
``output`` (figure to HTML with its text alternative) and ``state`` (what a chart remembers about an Axes).

The rules, and where they are kept
----------------------------------
Incomplete and provisional years (:mod:`sdlib.calc.periods`)
    An incomplete year (peildatum inside the year) is never drawn as if comparable: :func:`line` does not
    connect it (a hollow marker apart, tick label "2019 (t/m 9-9)"), :func:`bars` hatches it ("gearceerd") and
    sets it further apart with the same tick label, :func:`index_line` and :func:`trend_line` leave it out and
    say so in the legend. A provisional whole year is connected with a hollow marker and a hatched bar; the
    legend says "voorlopig" with a swatch that looks like the bars (grey when the hatched bars have several
    colours). The legend explains each kind of mark once, drawn as in the chart: one hollow marker per colour
    that has it ("voorlopig", "geen volledig jaar (t/m ...)").
Series breaks (catalog ``breaks``)
    Figures before a break are grey hollow markers apart from the line, their labels grey too; the legend says
    "eerdere reeks (niet vergelijkbaar)". An incomplete year before a break is drawn as such (its tick still
    says it is incomplete).
Real time axis
    Years are numbers on the x axis (2019 and 2024 are five years apart, also in :func:`bars`); a missing year
    keeps its tick, breaks the line, leaves the slot of its bars empty and says "geen cijfers" in it (on a white
    ground). A year with a value always keeps its label: where labels would touch, the date of an incomplete
    year goes under it in short lines, a missing year gives way, then the years stand on two rows. Rows with a
    ``month`` are drawn on a date axis.
Targets
    :func:`target_line` marks each year's target with a short horizontal mark in the colour of its series (the
    line already drawn for it), never a line between years; the legend says "doel" (``label=`` for another).
Value axes
    The highest tick holds every value and target (``theme.cover_values``); bars start at zero; panels of
    :func:`small_multiples` in one unit share one range. Negative numbers have the real minus sign ("−5").
Value labels never overlap (``labels``)
    Labels are placed when the figure is drawn, with the real text extents, on a white ground, in the colour of
    their mark, never over another label, a line, a marker, a target mark (at its real extent) or a bar, with
    room around each; where two lines cross, one label stands above and the other below; a bar label stays with
    its bar (within its row, or clear above every other bar); the newest point of a line keeps its label; a
    label that fits nowhere is left out. A chart of horizontal bars grows so that every bar is as high as its
    label.
Nothing smaller than 8 pt at A4 (``theme``), 12 CSS px on a screen (``output``)
    Figures are 176 mm wide (the text width of the PDF) and every font is at least 8.5 pt. The HTML has the
    print image for the PDF, the same chart with every text at least 9 pt for screens wider than 600 px (shown
    up to 832 px wide: 12-15 px), and a phone rendering 3,6 inch wide with text at least 9,5 pt: small
    multiples in one column, legends under the chart, fewer ticks.
One colour per category
    Hue colours come from the catalog (``colours:`` of a dimension, ``colour:`` of a series), see
    :func:`sdlib.present.colours.palette`; a ``series`` hue shows the catalog's ``short`` label, never the id.
"""

from sdlib.present.plot.charts import (
    add_source,
    bars,
    deviation,
    index_line,
    line,
    small_multiples,
    source_line,
    target_line,
    trend_line,
)
from sdlib.present.plot.labels import label_layer
from sdlib.present.plot.output import chart_html, min_text_pt, show
from sdlib.present.plot.theme import (
    FIGSIZE,
    FONT_PT,
    MIN_TEXT_PT,
    NEUTRAL,
    PAD_IN,
    PALETTE,
    SMALL_PT,
    TEXT_WIDTH_MM,
    format_axis,
    setup,
)

__all__ = [
    "setup",
    "line",
    "bars",
    "index_line",
    "trend_line",
    "deviation",
    "small_multiples",
    "target_line",
    "add_source",
    "source_line",
    "format_axis",
    "show",
    "chart_html",
    "min_text_pt",
    "label_layer",
    "PALETTE",
    "FIGSIZE",
    "FONT_PT",
    "SMALL_PT",
    "NEUTRAL",
    "PAD_IN",
    "TEXT_WIDTH_MM",
    "MIN_TEXT_PT",
]
