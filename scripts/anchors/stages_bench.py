#!/usr/bin/env python3
"""Change-point benchmark: transborder stages vs ruptures 1.1.10 and ruptures-rs.

Called by scripts/bench-stages (which release-builds transborder and installs
the anchors). Every tool segments the SAME doubles: the signal is generated
here (piecewise constant, 4 segments, Gaussian noise, then z-scored), written
with full precision (repr round-trips) to a CSV that transborder reads with
--no-standardize, and passed as a numpy array to ruptures and ruptures-rs.
Penalty: pen = 2 d ln n (docs/CONVENTIONS.md's bic, passed as a number to
all three); min_size 2, jump 1 (ruptures's defaults except jump).

Timing: transborder as whole processes (read CSV, segment, print JSON);
ruptures and ruptures-rs as the `fit_predict` call alone, on the array in
memory. Medians of --reps runs (the slow ruptures runs: --anchor-reps).
The `same` column checks that all breakpoints are identical.
"""
import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def signal(n, d, seed):
    rng = np.random.default_rng(seed)
    cuts = [0, int(n * 0.27), int(n * 0.49), int(n * 0.76), n]
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        parts.append(rng.normal(0, 1.5, size=d) + rng.normal(size=(b - a, d)))
    x = np.concatenate(parts)
    return (x - x.mean(axis=0)) / x.std(axis=0)


def write_csv(path, x):
    with open(path, "w") as f:
        f.write("t," + ",".join(f"x{j}" for j in range(x.shape[1])) + "\n")
        for t, row in enumerate(x):
            f.write(str(t) + "," + ",".join(repr(float(v)) for v in row) + "\n")


def timed(fn, reps):
    times, result = [], None
    for _ in range(reps):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), [int(b) for b in result]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--anchor-reps", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="skip ruptures (Python) on the slow cases")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()

    import ruptures
    import ruptures_rs

    cases = [
        # name, algorithm, n, d, param, run ruptures (Python)?
        # n = 37: a yearly series; transborder's time is then the process floor (start, read, print).
        ("Dynp l2 k=3", "dynp", 37, 5, 3, True),
        ("Pelt l2", "pelt", 2000, 5, None, not args.quick),
        ("Pelt l2", "pelt", 20000, 1, None, False),
        ("Pelt l2", "pelt", 20000, 5, None, False),
        ("Dynp l2 k=3", "dynp", 600, 5, 3, not args.quick),
        ("Dynp l2 k=3", "dynp", 1000, 5, 3, not args.quick),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed, (name, algo, n, d, k, with_python) in enumerate(cases, start=1):
            x = signal(n, d, seed)
            csv = Path(tmp) / f"series_{n}_{d}.csv"
            write_csv(csv, x)
            pen = 2 * d * math.log(n)
            cli = [args.binary, "stages", str(csv), "--no-standardize", "--min-size", "2"]
            if algo == "pelt":
                cli += ["--method", "pelt", "--penalty", repr(pen)]
            else:
                cli += ["--breaks", str(k)]

            def swift():
                out = subprocess.run(cli, check=True, capture_output=True, text=True).stdout
                return json.loads(out)["breakpoints"]

            def make(lib):
                if algo == "pelt":
                    return lambda: lib.Pelt(model="l2", min_size=2, jump=1).fit_predict(x, pen=pen)
                return lambda: lib.Dynp(model="l2", min_size=2, jump=1).fit_predict(x, n_bkps=k)

            swift_time, swift_bkps = timed(swift, args.reps)
            rs_time, rs_bkps = timed(make(ruptures_rs), args.reps)
            py_time, py_bkps = (timed(make(ruptures), args.anchor_reps) if with_python else (None, None))
            same = swift_bkps == rs_bkps and (py_bkps is None or py_bkps == swift_bkps)
            rows.append((f"{name} n={n:,} d={d}", swift_time, py_time, rs_time, same, swift_bkps))
            print(f"  done: {rows[-1][0]}", file=sys.stderr, flush=True)

    def fmt(t):
        return "—" if t is None else (f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s")

    def ratio(a, b):
        if a is None:
            return "—"
        r = a / b
        return f"{r:,.0f}×" if r >= 10 else f"{r:.1f}×" if r >= 0.1 else f"{r:.2g}×"

    header = ["case", "transborder", "ruptures", "ruptures-rs", "vs ruptures", "vs ruptures-rs", "same", "breakpoints"]
    table = [[r[0], fmt(r[1]), fmt(r[2]), fmt(r[3]), ratio(r[2], r[1]), ratio(r[3], r[1]),
              "yes" if r[4] else "NO", str(r[5])] for r in rows]
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in table:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        for row in table:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    print(f"(ruptures {ruptures.__version__}, ruptures-rs {ruptures_rs.__version__}; medians of {args.reps} runs, "
          f"ruptures (Python) {args.anchor_reps}; transborder = whole process, anchors = fit_predict only; "
          "— = not run: ruptures takes minutes there)")
    if not all(r[4] for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
