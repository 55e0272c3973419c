"""``python -m gpcatalog``."""

import sys

from gpcatalog.cli import main

sys.exit(main())
