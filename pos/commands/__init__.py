"""Sub-commands of the ``pos`` command line, one module each."""
