"""Allow ``python -m sdlib``."""

import sys

from .cli import main

sys.exit(main())
