"""Layer 1, the data: paths, the catalog and sources, loading with vintages, validation and adding publications.

Nothing here knows about charts, reports or records; every other layer may use this one.
"""
