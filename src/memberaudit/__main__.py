"""Run the command line with ``python -m memberaudit``."""

from memberaudit.cli import main

main()
