"""``python -m sdlib.records``: see :mod:`sdlib.records.cli`."""

import sys

from .cli import main

sys.exit(main())
