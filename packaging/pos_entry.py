"""The bundle's entry point: the ``pos`` command, frozen."""

import sys

from pos.cli import main

if __name__ == "__main__":
    sys.exit(main())
