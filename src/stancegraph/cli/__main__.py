"""``python -m stancegraph.cli``: the command line, as the ``stancegraph`` script runs it."""

import sys

from . import main

sys.exit(main())
