#!/usr/bin/python3
"""Summarises TelemetryAnomalies' TSV files (server, figure, value), one file per seed: each figure's mean over the
servers for each seed, and the mean and range over the seeds.

Usage: python3 scripts/asd-summary.py FILE [FILE ...]
"""
import sys
from collections import defaultdict


def main():
    per_seed = []
    for path in sys.argv[1:]:
        figures = defaultdict(list)
        with open(path, encoding="utf-8") as f:
            for line in f:
                server, figure, value = line.rstrip("\n").split("\t")
                figures[figure].append(float(value))
        per_seed.append({k: sum(v) / len(v) for k, v in figures.items()})
    names = list(per_seed[0])
    print(f"{'figure':22}" + "".join(f"{'seed ' + str(i + 1):>12}" for i in range(len(per_seed)))
          + f"{'mean':>12}")
    for name in names:
        values = [s[name] for s in per_seed]
        print(f"{name:22}" + "".join(f"{v:12.4f}" for v in values) + f"{sum(values) / len(values):12.4f}")


if __name__ == "__main__":
    main()
