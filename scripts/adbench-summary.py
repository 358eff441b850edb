#!/usr/bin/python3
"""Markdown summary of ADBench AUROC TSVs (table, seed, method, auroc).

Prints one row per table with the mean AUROC over seeds of each method found
(columns in the order iforest, knn, vae4j, then any others), a "mean" row
(the mean over the tables of each column), the number of seeds behind each
figure, and, when vae4j is present, on how many tables its seed-mean is >=
KNN's and >= IForest's.

Usage: adbench-summary.py TSV...
"""
import csv
import sys
from collections import defaultdict

ORDER = ['iforest', 'knn', 'vae4j']
NAMES = {'iforest': 'IForest', 'knn': 'KNN', 'vae4j': 'vae4j'}


def read(paths):
    """Returns {table: {method: [auroc, ...]}} from the TSV files, in order."""
    scores = defaultdict(lambda: defaultdict(list))
    for path in paths:
        with open(path, newline='') as f:
            for row in csv.reader(f, delimiter='\t'):
                if len(row) == 4 and row[0] != 'table':
                    scores[row[0]][row[2]].append(float(row[3]))
    return scores


def mean(values):
    """Arithmetic mean of a non-empty list."""
    return sum(values) / len(values)


def summary(scores):
    """Returns the Markdown summary of {table: {method: [auroc, ...]}}."""
    found = {m for by_method in scores.values() for m in by_method}
    methods = ([m for m in ORDER if m in found]
               + sorted(found - set(ORDER)))
    header = ['table'] + [NAMES.get(m, m) for m in methods]
    lines = ['| ' + ' | '.join(header) + ' |',
             '|' + '---|' + '---:|' * len(methods)]
    means = {t: {m: mean(v) for m, v in by_method.items()}
             for t, by_method in scores.items()}
    cell = '{:.4f}'.format
    for table, by_method in means.items():
        lines.append('| ' + ' | '.join(
            [table] + [cell(by_method[m]) if m in by_method else ''
                       for m in methods]) + ' |')
    lines.append('| mean | ' + ' | '.join(
        cell(mean([r[m] for r in means.values() if m in r]))
        for m in methods) + ' |')
    seeds = sorted({len(v) for by_method in scores.values()
                    for v in by_method.values()})
    lines.append('')
    lines.append('Mean AUROC over %s seed(s) per table.'
                 % '/'.join(map(str, seeds)))
    for other in ('knn', 'iforest'):
        if 'vae4j' in found and other in found:
            both = [r for r in means.values() if 'vae4j' in r and other in r]
            wins = sum(r['vae4j'] >= r[other] for r in both)
            lines.append('vae4j >= %s on %d of %d tables.'
                         % (NAMES[other], wins, len(both)))
    return '\n'.join(lines)


def main():
    """Prints the summary of the TSV files named on the command line."""
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print(summary(read(sys.argv[1:])))


if __name__ == '__main__':
    main()
