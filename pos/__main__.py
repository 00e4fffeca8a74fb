"""``python -m pos``: the same as the ``pos`` command."""

import sys

from pos.cli import main

if __name__ == "__main__":
    sys.exit(main())
