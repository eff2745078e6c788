#!/usr/bin/env python3
"""Anchor for `bench cluster`: Dask distributed LocalCluster with 2 worker processes,
client.map of an identity function over N tasks, gathered. Prints `tasks/s: <n>`.

Usage: cluster_dask.py [--tasks 20000] [--workers 2]
"""
import argparse
import time


def identity(x):
    return x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(args.workers)
        client.submit(identity, -1).result()  # warm up
        start = time.perf_counter()
        futures = client.map(identity, range(args.tasks), pure=False)
        results = client.gather(futures)
        seconds = time.perf_counter() - start
        assert results == list(range(args.tasks))
    print(f"tasks: {args.tasks}  seconds: {seconds:.3f}")
    print(f"tasks/s: {args.tasks / seconds:.0f}")


if __name__ == "__main__":
    main()
