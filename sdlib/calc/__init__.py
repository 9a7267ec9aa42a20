"""Layer 2, calculations on tidy frames: indicator verdicts, ratios and growth indices.

Uses :mod:`sdlib.data`; knows nothing of charts or reports.
"""
