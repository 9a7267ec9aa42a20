"""The series the record engine computes, per function, and the ratio series among them: defined once here.

:mod:`sdlib.records.definitions` computes them; :mod:`sdlib.records.disclosure` recomputes the ratios from the
published (rounded) counts.
"""

from __future__ import annotations

__all__ = ["SERIES", "RATIOS"]

SERIES = {
    "flows": [
        "jeugdhulp_jeugdigen",
        "jeugdhulp_instroom",
        "jeugdhulp_doorstroom",
        "jeugdhulp_herintreder",
        "jeugdhulp_uitstroom",
        "jeugdhulp_uitstroom_6m",
    ],
    "three_year": ["jeugdhulp_3jaar_aantal", "jeugdhulp_3jaar_aandeel"],
    "ages": ["jeugdhulp_leeftijd_instroom", "jeugdhulp_leeftijd_uitstroom"],
    "costs": ["jeugdhulp_kosten", "jeugdhulp_kosten_per_jeugdige"],
}
RATIOS = {  # ratio series: (numerator series, denominator series, scale), defined here once; the definitions
    # compute them, and disclosure control recomputes them from the published (rounded) counts
    "jeugdhulp_3jaar_aandeel": ("jeugdhulp_3jaar_aantal", "jeugdhulp_jeugdigen", 100),
    "jeugdhulp_kosten_per_jeugdige": ("jeugdhulp_kosten", "jeugdhulp_jeugdigen", 1),
}
