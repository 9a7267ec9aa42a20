"""Layer 3, presentation: Dutch number formats, "Bron:" lines, house-style charts and tables, the glossary,
the descriptions of series, the verkenner, the setup of a report notebook and the training self-checks.

Uses :mod:`sdlib.data` and :mod:`sdlib.calc`.
"""
