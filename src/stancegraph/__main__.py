"""``python -m stancegraph``: the same as the ``stancegraph`` command."""

import sys

from .cli import main

sys.exit(main())
