#!/usr/bin/python3
"""Isolation Forest and 5-nearest-neighbour baselines on the ADBench splits.

Reads ROOT/NAME/sSEED/{train.csv,test.csv,labels.txt} as written by
/work/shared/datasets/adbench/split.py, fits each method on the training rows
(normal rows only, no label column), scores the test rows (higher = more
anomalous) and writes `table<TAB>seed<TAB>method<TAB>auroc` rows, one per
table, seed and method, to stdout or --out.

- iforest: sklearn IsolationForest, 100 trees, random_state = the seed,
  score = -score_samples.
- knn: columns standardised with the training rows' mean and standard
  deviation (constant columns left unscaled), score = Euclidean distance to
  the 5th nearest training row (PyOD's KNN, method 'largest').

Usage: adbench-baselines.py ROOT [--seeds 0,1,2] [--tables NAME,...]
       [--out FILE]  (tables default to every folder under ROOT)
"""
import argparse
import os
import sys

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import NearestNeighbors


def load(folder):
    """Returns (train, test, labels) of one split folder as numpy arrays."""
    def read(name):
        return np.loadtxt(os.path.join(folder, name), delimiter=',',
                          skiprows=1, ndmin=2)
    labels = np.loadtxt(os.path.join(folder, 'labels.txt'), dtype=int)
    return read('train.csv'), read('test.csv'), labels


def iforest_scores(train, test, seed):
    """Isolation Forest (100 trees) anomaly scores of the test rows."""
    model = IsolationForest(n_estimators=100, random_state=seed).fit(train)
    return -model.score_samples(test)


def knn_scores(train, test, k=5):
    """Distance of each standardised test row to its k-th nearest train row."""
    mean, std = train.mean(axis=0), train.std(axis=0)
    std[std == 0] = 1.0
    train, test = (train - mean) / std, (test - mean) / std
    dist, _ = NearestNeighbors(n_neighbors=k).fit(train).kneighbors(test)
    return dist[:, -1]


def table_order(name):
    """Sort key putting ADBench's numbered tables (2_annthyroid) in order."""
    number = name.split('_')[0]
    return (int(number) if number.isdigit() else sys.maxsize, name)


METHODS = {
    'iforest': iforest_scores,
    'knn': lambda train, test, seed: knn_scores(train, test),
}


def main():
    """Parses the arguments, scores every table and seed, writes the TSV."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('root', help='split folder (split.py OUT)')
    parser.add_argument('--seeds', default='0,1,2')
    parser.add_argument('--tables', help='comma-separated names, default all')
    parser.add_argument('--out', help='TSV file (default stdout)')
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(',')]
    tables = (args.tables.split(',') if args.tables
              else sorted(os.listdir(args.root), key=table_order))
    out = open(args.out, 'w') if args.out else sys.stdout
    with out:
        for table in tables:
            for seed in seeds:
                train, test, labels = load(
                    os.path.join(args.root, table, 's%d' % seed))
                for method, scores in METHODS.items():
                    auroc = roc_auc_score(labels, scores(train, test, seed))
                    out.write('%s\t%d\t%s\t%.6f\n'
                              % (table, seed, method, auroc))
                    out.flush()


if __name__ == '__main__':
    main()
