"""The long fuzz campaign, run by hand: the suite's generated-workbook tests with thousands of examples.

    python benchmarks/fuzz.py --examples 10000

CI runs the same tests with 30 examples each (tests/test_robustness.py); this prints how many workbooks and
Parquet exports were tried, how long it took, and pytest's verdict.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

TESTS = ["tests/test_robustness.py::test_random_workbooks_never_crash",
         "tests/test_robustness.py::test_typed_parquet_never_crashes"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per test")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "MEMBERAUDIT_FUZZ_EXAMPLES": str(args.examples)}
    started = time.perf_counter()
    code = subprocess.call([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *TESTS], cwd=root, env=env)
    seconds = time.perf_counter() - started
    print(f"fuzz: {args.examples} workbooks and {args.examples} Parquet exports in {seconds:.0f} s: "
          f"{'no crash' if code == 0 else 'FAILED (pytest exit ' + str(code) + ')'}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
