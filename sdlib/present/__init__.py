"""Layer 3, presentation: Dutch number formats, "Bron:" lines, house-style charts and tables, the glossary,
the descriptions of series and the verkenner.

Uses :mod:`sdlib.data` and :mod:`sdlib.calc`.
"""
