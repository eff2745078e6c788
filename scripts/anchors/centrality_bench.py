#!/usr/bin/env python3
"""Benchmark driver for scripts/bench-centrality (see that script for the options).

Graphs: networkx gnm_random_graph(n, m, seed) (undirected), integer weights 1..10
drawn from a seeded random.Random; the same edge CSV feeds transborder and the
same edge list feeds the anchors. Path lengths are 1/w for the weighted measures
(transborder --distance inverse; igraph weights=1/w; NetworKit a graph whose
weights are 1/w), hop counts for the unweighted betweenness; PageRank uses w.
rustworkx (2 threads via RAYON_NUM_THREADS=2) is an anchor for the measures it
computes the same way: unweighted betweenness, and PageRank with weight w.

Timing: transborder as whole processes (wall clock of the child: read CSV,
build the graph, compute, print); the anchors as their library calls alone on
graphs already built in memory. Medians of the repetitions. networkx is
extrapolated from a sample of k sources (time x n / k).
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import igraph as ig
import networkit as nk
import networkx as nx

os.environ.setdefault("RAYON_NUM_THREADS", "2")  # read when rustworkx starts its thread pool
import rustworkx as rx  # noqa: E402

SEED = 20240601


def make_graph(n, m, seed):
    G = nx.gnm_random_graph(n, m, seed=seed)
    rng = random.Random(seed)
    edges = [(u, v, rng.randint(1, 10)) for u, v in G.edges()]
    return edges


def write_csv(path, edges):
    with open(path, "w") as f:
        f.write("source,target,weight\n")
        for u, v, w in edges:
            f.write("%d,%d,%d\n" % (u, v, w))


def timed(fn, reps):
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_transborder(binary, csv, args, threads):
    def go():
        subprocess.run([binary, "centrality", csv, "--format", "csv", "--threads", str(threads)] + args,
                       check=True, stdout=subprocess.DEVNULL)
    return go


MEASURES = [
    # label, transborder args
    ("betweenness weighted (1/w)", ["--measure", "betweenness", "--distance", "inverse"]),
    ("betweenness unweighted", ["--measure", "betweenness", "--distance", "hops"]),
    ("closeness (1/w)", ["--measure", "closeness", "--distance", "inverse"]),
    ("pagerank (w)", ["--measure", "pagerank"]),
]


def anchors(n, edges, nx_sources):
    """label -> (igraph fn, networkit fn, networkx (fn, scale), rustworkx fn or None)."""
    pairs = [(u, v) for u, v, _ in edges]
    weights = [float(w) for _, _, w in edges]
    lengths = [1.0 / w for w in weights]
    g = ig.Graph(n=n, edges=pairs, directed=False)

    def nk_graph(ws):
        G = nk.Graph(n, weighted=ws is not None, directed=False)
        for i, (u, v) in enumerate(pairs):
            if ws is None:
                G.addEdge(u, v)
            else:
                G.addEdge(u, v, ws[i])
        return G

    nk_len, nk_plain, nk_w = nk_graph(lengths), nk_graph(None), nk_graph(weights)
    Gx = nx.Graph()
    Gx.add_nodes_from(range(n))
    for (u, v), w, l in zip(pairs, weights, lengths):
        Gx.add_edge(u, v, weight=w, length=l)
    rg = rx.PyGraph()
    rg.add_nodes_from(range(n))
    rg.add_edges_from([(u, v, w) for (u, v), w in zip(pairs, weights)])
    rdg = rg.to_directed()  # rustworkx's PageRank takes digraphs: each edge both ways, as networkx does
    sample = random.Random(SEED).sample(range(n), min(nx_sources, n))
    scale = n / len(sample)

    def nx_betweenness(weight):
        # networkx's own source sampling (k pivots): the cost of k single-source passes.
        return lambda: nx.betweenness_centrality(Gx, k=len(sample), weight=weight, seed=SEED)

    def nx_closeness():
        for u in sample:
            nx.closeness_centrality(Gx, u=u, distance="length")

    return {
        "betweenness weighted (1/w)": (lambda: g.betweenness(weights=lengths),
                                       lambda: nk.centrality.Betweenness(nk_len, True).run(),
                                       (nx_betweenness("length"), scale), None),
        "betweenness unweighted": (lambda: g.betweenness(),
                                   lambda: nk.centrality.Betweenness(nk_plain, True).run(),
                                   (nx_betweenness(None), scale),
                                   lambda: rx.betweenness_centrality(rg, normalized=True, endpoints=False)),
        "closeness (1/w)": (lambda: g.closeness(weights=lengths),
                            lambda: nk.centrality.Closeness(nk_len, True, nk.centrality.ClosenessVariant.GENERALIZED).run(),
                            (nx_closeness, scale), None),
        "pagerank (w)": (lambda: g.pagerank(damping=0.85, weights=weights),
                         lambda: nk.centrality.PageRank(nk_w, 0.85).run(),
                         (lambda: nx.pagerank(Gx, alpha=0.85, weight="weight"), 1.0),
                         lambda: rx.pagerank(rdg, alpha=0.85, weight_fn=float)),
    }


def fmt(seconds):
    if seconds is None:
        return "-"
    return "%.3f s" % seconds if seconds < 100 else "%.0f s" % seconds


def ratio(anchor, ours):
    return "%.2fx" % (anchor / ours) if anchor and ours else "-"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--quick", action="store_true", help="only n=2,000 / m=10,000")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--anchor-reps", type=int, default=1, help="anchor repetitions on the large size")
    p.add_argument("--sizes", default=None, help="comma-separated NxM, e.g. 2000x10000,10000x50000")
    p.add_argument("--nx-sources", type=int, default=20)
    args = p.parse_args()
    sizes = [(2000, 10000)] if args.quick else [(2000, 10000), (10000, 50000)]
    if args.sizes:
        sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")]

    print("machine: %d cores (%s); igraph %s, networkit %s, networkx %s, rustworkx %s (RAYON_NUM_THREADS=%s)" % (
        os.cpu_count(), os.uname().machine, ig.__version__, nk.__version__, nx.__version__, rx.__version__,
        os.environ["RAYON_NUM_THREADS"]))
    print("load average at start: %.2f %.2f %.2f (other work on the machine inflates every time)" % os.getloadavg())
    print("transborder = whole process (CSV in, CSV out); anchors = library call alone; medians")
    header = ("%-8s %-27s | %-12s %-12s %-7s | %-12s %-12s %-7s %-12s %-7s | %-14s" % (
        "n/m", "measure", "tb 1 thread", "igraph", "ratio", "tb 2 threads", "NetworKit 2t", "ratio",
        "rustworkx 2t", "ratio", "networkx (extr.)"))
    rows = [header, "-" * len(header)]
    with tempfile.TemporaryDirectory(prefix="tb-bench-") as tmp:
        for n, m in sizes:
            edges = make_graph(n, m, SEED + n)
            csv = os.path.join(tmp, "edges_%d_%d.csv" % (n, m))
            write_csv(csv, edges)
            table = anchors(n, edges, args.nx_sources)
            large = n >= 5000
            anchor_reps = args.anchor_reps if large else args.reps
            for label, tb_args in MEASURES:
                one = timed(run_transborder(args.binary, csv, tb_args, 1), args.reps)
                two = timed(run_transborder(args.binary, csv, tb_args, 2), args.reps)
                ig_fn, nk_fn, (nx_fn, nx_scale), rx_fn = table[label]
                nk.setNumberOfThreads(1)
                t_ig = timed(ig_fn, anchor_reps)
                nk.setNumberOfThreads(2)
                t_nk = timed(nk_fn, anchor_reps)
                t_rx = timed(rx_fn, anchor_reps) if rx_fn else None
                t_nx = timed(nx_fn, 1) * nx_scale
                note = "" if anchor_reps == args.reps else " [anchors: %d run]" % anchor_reps
                row = "%-8s %-27s | %-12s %-12s %-7s | %-12s %-12s %-7s %-12s %-7s | %-14s%s" % (
                    "%dk/%dk" % (n // 1000, m // 1000), label, fmt(one), fmt(t_ig), ratio(t_ig, one),
                    fmt(two), fmt(t_nk), ratio(t_nk, two), fmt(t_rx), ratio(t_rx, two), fmt(t_nx), note)
                rows.append(row)
                print(row, file=sys.stderr, flush=True)
    print("\n".join(rows))
    print("load average at end: %.2f %.2f %.2f" % os.getloadavg())
    print("ratio = anchor time / transborder time (> 1: transborder faster). transborder reps: %d" % args.reps)


if __name__ == "__main__":
    main()
