"""``python -m sdlib.records``: see :mod:`sdlib.records.cli`."""

import sys

from sdlib.records.cli import main

sys.exit(main())
