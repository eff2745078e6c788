#!/usr/bin/env python3
"""Ceiling for `bench cluster`: raw pipelined pyzmq messages, DEALER -> ROUTER, one
100-byte message each, sender in a separate process, no acknowledgement, no storage.
Prints `messages/s: <n>`.

Usage: cluster_zmq_raw.py [--messages 1000000] [--transport tcp|ipc]
"""
import argparse
import multiprocessing
import os
import tempfile
import time

import zmq


def sender(endpoint, count):
    ctx = zmq.Context()
    s = ctx.socket(zmq.DEALER)
    s.setsockopt(zmq.SNDHWM, 100000)
    s.connect(endpoint)
    payload = b"x" * 100
    for _ in range(count):
        s.send(payload)
    s.setsockopt(zmq.LINGER, -1)
    s.close()
    ctx.term()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000000)
    parser.add_argument("--transport", choices=["tcp", "ipc"], default="tcp")
    args = parser.parse_args()
    ctx = zmq.Context()
    r = ctx.socket(zmq.ROUTER)
    r.setsockopt(zmq.RCVHWM, 100000)
    if args.transport == "tcp":
        port = r.bind_to_random_port("tcp://127.0.0.1")
        endpoint = f"tcp://127.0.0.1:{port}"
    else:
        path = os.path.join(tempfile.mkdtemp(), "raw.sock")
        endpoint = f"ipc://{path}"
        r.bind(endpoint)
    p = multiprocessing.Process(target=sender, args=(endpoint, args.messages))
    p.start()
    recv = r.recv
    recv(copy=False); recv(copy=False)          # routing id, payload
    start = time.perf_counter()
    for _ in range(args.messages - 1):
        recv(copy=False); recv(copy=False)
    seconds = time.perf_counter() - start
    p.join()
    r.close(linger=0)
    ctx.term()
    print(f"transport: {args.transport}  messages: {args.messages}  seconds: {seconds:.3f}")
    print(f"messages/s: {args.messages / seconds:.0f}")


if __name__ == "__main__":
    main()
