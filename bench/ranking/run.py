"""Run every ranking bench: `python -m bench.ranking` or `python bench/ranking/run.py [N_CUSTOMERS]`."""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.ranking import cdnow, scale


def main(argv: list[str]) -> None:
    cdnow.main([a for a in argv if a.startswith("--")])
    print()
    scale.main([a for a in argv if not a.startswith("--")])


if __name__ == "__main__":
    main(sys.argv[1:])
