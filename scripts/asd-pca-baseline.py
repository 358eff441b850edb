#!/usr/bin/python3
"""PCA baseline on the Application Server Dataset (ASD, InterFusion).

For each server omi-1..omi-12 under ROOT (default data/asd, the bundled copy):

* standardise the 19 channels with the training series' mean and standard
  deviation (a standard deviation of 0 is replaced by 1);
* fit PCA keeping 90% of the variance (scikit-learn PCA(n_components=0.9))
  on the standardised training series;
* score each test point by its squared reconstruction error (standardised
  units); the contribution of a channel is its squared error.

Reported per server and as means over the servers:

* best point-wise F1: max over thresholds s in the distinct test scores of the
  F1 of (score >= s) against `label`;
* best point-adjusted F1 (Xu et al. 2018): a labelled segment (maximal run of
  label == 1) counts as found, all of its points true positives, when any of
  its points has score >= s, otherwise all its points are false negatives;
  normal points with score >= s are false positives; max over the same s;
* IPS: InterFusion's interpretation score as its cal_IPS computes it (the
  flagged points of each labelled anomaly at the best point-adjusted
  threshold, each channel's largest contribution over them, the hit rate at
  150% counted once per flagged point), the figure vae4j reports;
* per-point hit rate (InterFusion HitRate@150%): for each line
  `start-end:channels` of omi-N.txt with g channels and each point in
  start..end, |top floor(1.5 g) channels by contribution & labelled| / g,
  averaged over the points, then over the segments of the server.

It also checks that the ranges of omi-N.txt are exactly the label == 1 runs
of the test file.

Usage: python3 scripts/asd-pca-baseline.py [ROOT]
"""
import gzip
import os
import sys

import numpy as np
from sklearn.decomposition import PCA


def read_csv_gz(path):
    with gzip.open(path, "rt") as f:
        header = f.readline().strip().split(",")
        data = np.loadtxt(f, delimiter=",", ndmin=2)
    return header, data


def read_interpretation(path):
    segments = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rng, chans = line.split(":")
            a, b = rng.split("-")
            segments.append((int(a), int(b), [int(c) for c in chans.split(",")]))
    return segments


def label_runs(label):
    """Maximal runs of label == 1 as inclusive (start, end) pairs."""
    runs = []
    i, n = 0, len(label)
    while i < n:
        if label[i] == 1:
            j = i
            while j + 1 < n and label[j + 1] == 1:
                j += 1
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return runs


def f1(tp, fp, fn):
    denom = 2 * tp + fp + fn
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)


def best_pointwise_f1(score, label):
    """Max F1 of (score >= s) over s in the distinct scores."""
    label = label.astype(bool)
    thresholds = np.unique(score)                     # ascending
    srt = np.sort(score)
    # number of points with score >= s, and positives among them
    n_flag = len(score) - np.searchsorted(srt, thresholds, side="left")
    pos = np.sort(score[label])
    tp = len(pos) - np.searchsorted(pos, thresholds, side="left")
    fp = n_flag - tp
    fn = label.sum() - tp
    return float(f1(tp, fp, fn).max())


def best_adjusted_f1(score, label, with_threshold=False):
    """Max point-adjusted F1 (Xu et al. 2018) over s in the distinct scores."""
    label = label.astype(bool)
    runs = label_runs(label.astype(int))
    thresholds = np.unique(score)
    seg_max = np.array([score[a:b + 1].max() for a, b in runs])
    seg_len = np.array([b - a + 1 for a, b in runs])
    order = np.argsort(seg_max)
    seg_max_sorted = seg_max[order]
    # cumulative length from the top: segments with max >= s
    len_suffix = np.concatenate([np.cumsum(seg_len[order][::-1])[::-1], [0]])
    tp = len_suffix[np.searchsorted(seg_max_sorted, thresholds, side="left")]
    neg = np.sort(score[~label])
    fp = len(neg) - np.searchsorted(neg, thresholds, side="left")
    fn = label.sum() - tp
    scores = f1(tp, fp, fn)
    if with_threshold:
        return float(scores.max()), float(thresholds[int(np.argmax(scores))])
    return float(scores.max())


def interpretation_ips(contrib, segments, flagged):
    """InterFusion's cal_IPS: per labelled anomaly, each channel's largest contribution over its flagged points, the
    hit rate at 150% of that ranking counted once per flagged point; the mean over all flagged anomalous points."""
    total, count = 0.0, 0
    for a, b, chans in segments:
        points = [t for t in range(a, b + 1) if flagged[t]]
        if not points:
            continue
        g = len(chans)
        top = np.argsort(-contrib[points].max(axis=0), kind="stable")[:int(np.floor(1.5 * g))]
        total += len(points) * len(set(c - 1 for c in chans).intersection(top.tolist())) / g
        count += len(points)
    return total / count if count else float("nan")


def interpretation_score(contrib, segments):
    per_segment = []
    for a, b, chans in segments:
        g = len(chans)
        k = int(np.floor(1.5 * g))
        truth = set(c - 1 for c in chans)
        hits = []
        for t in range(a, b + 1):
            # descending contribution, ties broken by channel index (stable)
            top = np.argsort(-contrib[t], kind="stable")[:k]
            hits.append(len(truth.intersection(top.tolist())) / g)
        per_segment.append(np.mean(hits))
    return float(np.mean(per_segment))


def run_server(root, n):
    _, train = read_csv_gz(os.path.join(root, f"omi-{n}-train.csv.gz"))
    header, test = read_csv_gz(os.path.join(root, f"omi-{n}-test.csv.gz"))
    assert header[-1] == "label"
    label = test[:, -1].astype(int)
    test = test[:, :-1]
    mean = train.mean(axis=0)
    sd = train.std(axis=0)
    sd[sd == 0] = 1.0
    ztrain = (train - mean) / sd
    ztest = (test - mean) / sd
    pca = PCA(n_components=0.9, svd_solver="full").fit(ztrain)
    recon = pca.inverse_transform(pca.transform(ztest))
    contrib = (ztest - recon) ** 2
    score = contrib.sum(axis=1)

    segments = read_interpretation(os.path.join(root, f"omi-{n}.txt"))
    runs = label_runs(label)
    txt_runs = [(a, b) for a, b, _ in segments]
    index_ok = sorted(txt_runs) == runs

    return {
        "server": f"omi-{n}",
        "k": pca.n_components_,
        "anom": label.mean(),
        "pw": best_pointwise_f1(score, label),
        "pa": best_adjusted_f1(score, label),
        "ips": interpretation_ips(contrib, segments, score >= best_adjusted_f1(score, label, True)[1]),
        "interp": interpretation_score(contrib, segments),
        "index_ok": index_ok,
        "runs": runs,
        "txt_runs": txt_runs,
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "data", "asd"))
    root = sys.argv[1] if len(sys.argv) > 1 else default
    rows = [run_server(root, n) for n in range(1, 13)]
    print(f"{'server':8} {'PCs':>3} {'anom%':>6} {'F1 point':>9} {'F1 PA':>9} {'interp':>9} {'IPS':>9}  txt==labels")
    for r in rows:
        print(f"{r['server']:8} {r['k']:3d} {100 * r['anom']:6.2f} {r['pw']:9.4f} {r['pa']:9.4f}"
              f" {r['interp']:9.4f} {r['ips']:9.4f}  {'yes' if r['index_ok'] else 'NO'}")
    print(f"{'mean':8} {'':3} {'':6} {np.mean([r['pw'] for r in rows]):9.4f}"
          f" {np.mean([r['pa'] for r in rows]):9.4f} {np.mean([r['interp'] for r in rows]):9.4f}"
          f" {np.mean([r['ips'] for r in rows]):9.4f}")
    for r in rows:
        if not r["index_ok"]:
            print(f"{r['server']}: omi-N.txt ranges {r['txt_runs']} != label runs {r['runs']}")


if __name__ == "__main__":
    main()
