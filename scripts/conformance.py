#!/usr/bin/env python3
"""Conformance check of a transborder coordinator, written from docs/PROTOCOL.md alone.

Plays a worker (TBW3) and a client (TBC3) with pyzmq against a coordinator and checks what
the "Conformance" section guarantees. Not on the product path; `scripts/conformance` runs it
in its own virtual environment.

  conformance.py --binary PATH      start a coordinator (ipc://, temporary folder,
                                    --lease-timeout 2 --max-message-bytes 65536) and check it,
                                    then a second one with CURVE keys (PROTOCOL.md, "Security
                                    (CURVE)") and check what a revoked key is told
  conformance.py --endpoint URL     check a running, idle coordinator with no worker of its
                                    own connected (the lease-expiry check needs
                                    --lease-timeout S ≤ 10, the size check --max-message-bytes N)

Exit status 0 when every check passed, 1 otherwise.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

import zmq

W, C = b"TBW3", b"TBC3"
READY, HEARTBEAT, TASK, RESULT, FAILED, DATASET_REQ, DATASET, DISCONNECT, REVOKE = range(1, 10)
SUBMIT, ACCEPTED, STATUS, STATUS_REPLY, CANCEL, FETCH, FILES, CHUNK_REQ, CHUNK = range(0x11, 0x1A)
FORGET, PRUNE, REMOVED, ERROR = 0x1A, 0x1B, 0x1C, 0x1F
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


def skip(what, why):
    print(f"skip  {what}: {why}", flush=True)


# --- the job bundle and the noop backend (PROTOCOL.md, "Job bundle", "Built-in kinds") ---

def bundle(kind, spec, places=b"", links=b""):
    out = b"TBJ2"
    for field in (kind.encode(), spec, places, links):
        out += struct.pack("<I", len(field)) + field
    return out


def job_id(bundle_bytes):
    return hashlib.sha256(bundle_bytes).hexdigest()[:16]


def noop_payload(i, k):
    out = bytearray(k)
    out[0:4] = struct.pack("<I", i)
    m = 2 ** 64
    x = (i * 0x9E3779B97F4A7C15) % m
    for j in range(4, k):
        x ^= x >> 29
        x = (x * 0xBF58476D1CE4E5B9) % m
        out[j] = x >> 56
    return bytes(out)


def noop_summary(n, k):
    h = 0xCBF29CE484222325
    for i in range(n):
        for byte in noop_payload(i, k):
            h ^= byte
            h = (h * 0x100000001B3) % 2 ** 64
    return ('{\n  "digest_fnv1a64": "%016x",\n  "payload_bytes": %d,\n  "result_bytes": %d,\n  "tasks": %d\n}\n'
            % (h, k, n * k, n)).encode()


def noop_spec(n, k, nonce):
    return json.dumps({"tasks": n, "payload_bytes": k, "sleep_ms": 0, "nonce": nonce}).encode()


# --- peers ---

class Peer:
    def __init__(self, ctx, endpoint, curve=None):
        """`curve`: (server public, own public, own secret) Z85 keys: a CURVE client."""
        self.socket = ctx.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        if curve is not None:
            self.socket.curve_serverkey, self.socket.curve_publickey, self.socket.curve_secretkey = curve
        self.socket.connect(endpoint)

    def send(self, frames):
        self.socket.send_multipart(frames)

    def recv(self, timeout=5.0):
        if self.socket.poll(int(timeout * 1000)):
            return self.socket.recv_multipart()
        return None

    def close(self):
        self.socket.close()


class Client(Peer):
    def request(self, cmd, *body, timeout=10.0):
        self.send([C, bytes([cmd])] + list(body))
        reply = self.recv(timeout)
        if reply is None:
            raise RuntimeError(f"no reply to client command 0x{cmd:02x} within {timeout} s")
        return reply

    def status(self, job=b""):
        reply = self.request(STATUS, job)
        if reply[1][0] != STATUS_REPLY:
            raise RuntimeError(f"STATUS answered {reply[1][0]:#x}: {reply[3:] if len(reply) > 3 else reply}")
        return json.loads(reply[2])


class Worker(Peer):
    """A worker that heartbeats while the check waits and records what it is sent."""

    def __init__(self, ctx, endpoint, name, credit, curve=None):
        super().__init__(ctx, endpoint, curve)
        self.name, self.credit = name, credit
        self.bundles = {}
        self.held = {}          # (job, index) -> attempt: tasks sent and not answered nor revoked
        self.revokes = []       # (job, [indices])
        self.tasks_seen = []    # (job, index, attempt)
        self.max_held = 0
        self.last_sent = time.monotonic()
        self.send([W, bytes([READY]), struct.pack("<II", 1, credit), name.encode()])

    def send(self, frames):
        super().send(frames)
        self.last_sent = time.monotonic()

    def pump(self, seconds):
        """Reads messages for `seconds`, heartbeating; returns the messages that are not bookkeeping."""
        end = time.monotonic() + seconds
        other = []
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return other
            frames = self.recv(min(left, 0.2))
            if time.monotonic() - self.last_sent >= 0.5:
                self.send([W, bytes([HEARTBEAT])])
            if frames is None:
                continue
            cmd = frames[1][0]
            if cmd == TASK:
                job, h, lst = frames[2], frames[3].decode(), frames[4]
                for o in range(0, len(lst), 8):
                    index, attempt = struct.unpack("<II", lst[o:o + 8])
                    self.held[(job, index)] = attempt
                    self.tasks_seen.append((job, index, attempt))
                self.max_held = max(self.max_held, len(self.held))
                if h not in self.bundles:
                    self.bundles[h] = None
                    self.send([W, bytes([DATASET_REQ]), h.encode()])
                self.job_hash = getattr(self, "job_hash", {})
                self.job_hash[job] = h
            elif cmd == DATASET:
                self.bundles[frames[2].decode()] = frames[3]
            elif cmd == REVOKE:
                job = frames[2]
                indices = [struct.unpack("<I", frames[3][o:o + 4])[0] for o in range(0, len(frames[3]), 4)]
                self.revokes.append((job, indices))
                for key in list(self.held):
                    if key[0] == job and (not indices or key[1] in indices):
                        del self.held[key]
            elif cmd == HEARTBEAT:
                pass
            else:
                other.append(frames)

    def wait_for(self, condition, timeout, step=0.1):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(step)
            if condition():
                return True
        return condition()

    def answer(self, job, indices, k):
        for index in indices:
            self.held.pop((job, index), None)
        self.send([W, bytes([RESULT]), job, b"".join(struct.pack("<I", i) for i in indices)]
                  + [noop_payload(i, k) for i in indices])


# --- the checks ---

def check_metrics(url, job):
    """Parses the scrape endpoint with the Prometheus project's own Python parser."""
    try:
        from prometheus_client.parser import text_string_to_metric_families
    except ImportError:
        return skip("metrics", "prometheus_client is not installed")
    import urllib.request
    with urllib.request.urlopen(url, timeout=5) as response:
        check(response.headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"), "metrics: text format 0.0.4")
        text = response.read().decode()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    check("transborder_workers_connected" in families and "transborder_results_stored" in families,
          "metrics: the exposition parses with prometheus_client (workers, results)")
    samples = [s for s in families["transborder_job_tasks"].samples if s.labels.get("job") == job] if "transborder_job_tasks" in families else []
    check({s.labels["state"] for s in samples} == {"queued", "in_flight", "done"}, "metrics: per-job task gauges by state")


def run_checks(endpoint, lease_timeout, max_message_bytes, metrics_url=None):
    ctx = zmq.Context()
    nonce = "%d-%d" % (os.getpid(), time.time_ns())
    client = Client(ctx, endpoint)
    n, k = 40, 24

    # Versions: a v1 or v2 peer is refused in its own header, the code in its own
    # (big-endian) byte order.
    for version in (1, 2):
        old = Peer(ctx, endpoint)
        client_header, worker_header = b"TBC%d" % version, b"TBW%d" % version
        old.send([client_header, bytes([STATUS]), b""])
        reply = old.recv()
        check(reply is not None and reply[0] == client_header and reply[1][0] == ERROR
              and struct.unpack(">H", reply[2])[0] == 8 and b"TBC3" in reply[3],
              f"a TBC{version} client gets ERROR 8 in its own header and byte order")
        old.send([worker_header, bytes([READY]), struct.pack(">II", 1, 1), b"old-worker"])
        reply = old.recv()
        check(reply is not None and reply[0] == worker_header and reply[1][0] == DISCONNECT
              and struct.unpack(">H", reply[2])[0] == 2 and b"TBW3" in reply[3],
              f"a TBW{version} worker gets DISCONNECT 2 in its own header and byte order")
        old.close()

    # SUBMIT: the id is the bundle's hash, the disposition says what happened.
    job_a_bundle = bundle("noop", noop_spec(n, k, nonce + "-a"))
    job_a = job_id(job_a_bundle).encode()
    reply = client.request(SUBMIT, job_a_bundle, b"conformance-a")
    check(reply[1][0] == ACCEPTED and reply[2] == job_a and reply[3] == b"\x01", "SUBMIT of a new job: ACCEPTED, id = SHA-256 prefix, disposition 1")
    reply = client.request(SUBMIT, job_a_bundle)
    check(reply[1][0] == ACCEPTED and reply[3] in (b"\x03",), "SUBMIT of the same bundle: same id, disposition 3 (already active)")
    status = client.status(job_a)
    check(status["name"] == "conformance-a" and status["state"] == "queued" and status["tasks_total"] == n,
          "STATUS: name, state queued, tasks_total")
    check(ISO.match(status["submitted_at"] or "") is not None and status["finished_at"] is None,
          "STATUS: submitted_at is ISO 8601 UTC, finished_at null while active")

    # An unregistered peer: forged results and failures change nothing; it is told to register.
    rogue = Peer(ctx, endpoint)
    rogue.send([W, bytes([RESULT]), job_a, b"".join(struct.pack("<I", i) for i in range(n))] + [b"\xab" * k] * n)
    for attempt in (1, 2, 3):
        rogue.send([W, bytes([FAILED]), job_a, struct.pack("<II", 4, attempt), b"rogue failure"])
    reply = rogue.recv()
    check(reply is not None and reply[1][0] == DISCONNECT and struct.unpack("<H", reply[2])[0] == 3,
          "an unregistered peer's RESULT gets DISCONNECT 3")
    rogue.close()

    # A registered worker: credit, dataset, forged answers for tasks it does not hold.
    worker = Worker(ctx, endpoint, "conformance-worker-" + nonce, credit=4)
    check(worker.wait_for(lambda: len(worker.held) == 4, 10), "READY with credit 4: TASKs for 4 tasks arrive")
    worker.pump(0.3)
    check(worker.max_held <= 4, "never more tasks than the credit")
    h = worker.job_hash.get(job_a)
    check(worker.wait_for(lambda: worker.bundles.get(h) is not None, 5), "DATASET reply arrives")
    check(hashlib.sha256(worker.bundles[h]).hexdigest() == h and worker.bundles[h] == job_a_bundle,
          "DATASET bytes hash to the TASK's hash")
    mine = {index for (job, index) in worker.held if job == job_a}
    others = [i for i in range(n) if i not in mine]
    worker.send([W, bytes([RESULT]), job_a, b"".join(struct.pack("<I", i) for i in others)] + [b"\xee" * k] * len(others))
    worker.send([W, bytes([FAILED]), job_a, struct.pack("<II", others[0], 1), b"forged failure"])

    # A task it holds fails once: with no other worker it comes back with attempt 2.
    failed_index = min(mine)
    worker.held.pop((job_a, failed_index))
    worker.send([W, bytes([FAILED]), job_a, struct.pack("<II", failed_index, 1), b"conformance failure"])
    check(worker.wait_for(lambda: (job_a, failed_index, 2) in worker.tasks_seen, 10),
          "a FAILED task is sent again with attempt 2 (only one worker connected)")

    # Answer everything honestly until the job is done.
    def drain():
        pending = [i for (job, i) in list(worker.held) if job == job_a]
        if pending:
            worker.answer(job_a, pending, k)
        return client.status(job_a)["state"] == "done"
    done = worker.wait_for(drain, 30, step=0.05)
    status = client.status(job_a)
    check(done and status["tasks_done"] == n, "the job completes with honest results")
    check(status["retries"] == 1, f"only the holder's failure counted (retries {status['retries']})")
    check(ISO.match(status["finished_at"] or "") is not None, "finished_at is ISO 8601 UTC once done")

    # FETCH and CHUNK: the summary equals the reference computed from the documented filler.
    reply = client.request(FETCH, job_a)
    files = json.loads(reply[3]) if reply[1][0] == FILES else []
    names = [f["name"] for f in files]
    check("noop-summary.json" in names, "FILES lists noop-summary.json")
    for f in files:
        data = b""
        while len(data) < f["size"]:
            r = client.request(CHUNK_REQ, job_a, f["name"].encode(), struct.pack("<QI", len(data), 1 << 20))
            if r[1][0] != CHUNK:
                break
            data += r[5]
        check(hashlib.sha256(data).hexdigest() == f["sha256"], f"{f['name']}: CHUNKs match FILES' SHA-256")
        if f["name"] == "noop-summary.json":
            check(data == noop_summary(n, k), "noop-summary.json is byte-identical to a clean run (forged answers ignored)")

    # Cancel reaches the worker: REVOKE with an empty list, credit back at once.
    job_b_bundle = bundle("noop", noop_spec(50, k, nonce + "-b"))
    job_b = job_id(job_b_bundle).encode()
    client.request(SUBMIT, job_b_bundle, b"conformance-b")
    check(worker.wait_for(lambda: sum(1 for (j, _) in worker.held if j == job_b) == 4, 10), "the worker holds 4 tasks of a second job")
    if metrics_url:
        check_metrics(metrics_url, job_b.decode())
    reply = client.request(CANCEL, job_b)
    check(reply[1][0] == STATUS_REPLY and json.loads(reply[2])["state"] == "cancelled", "CANCEL answers the cancelled status")
    check(worker.wait_for(lambda: any(j == job_b and not ix for (j, ix) in worker.revokes), 1.0),
          "REVOKE of every task of the cancelled job within a heartbeat")
    me = [w for w in client.status()["workers"] if w["name"] == worker.name]
    check(bool(me) and me[0]["in_flight"] == 0, "the worker's in_flight is 0 after the cancel")

    # Lease expiry: REVOKE of the expired tasks, then a late answer is still accepted.
    if lease_timeout is None or lease_timeout > 10:
        skip("lease expiry", "the coordinator's lease timeout is unknown or longer than 10 s")
    else:
        job_c_bundle = bundle("noop", noop_spec(3, k, nonce + "-c"))
        job_c = job_id(job_c_bundle).encode()
        client.request(SUBMIT, job_c_bundle)
        check(worker.wait_for(lambda: sum(1 for (j, _) in worker.held if j == job_c) == 3, 10), "the worker holds a third job's 3 tasks")
        first = sorted(i for (j, i) in worker.held if j == job_c)
        check(worker.wait_for(lambda: any(j == job_c and ix for (j, ix) in worker.revokes), lease_timeout + 3),
              "expired leases are revoked with their indices")
        worker.answer(job_c, first, k)   # late: after the REVOKE (the tasks may have been leased again)
        check(worker.wait_for(lambda: client.status(job_c)["state"] == "done", 10),
              "results sent after the REVOKE by the last holder finish the job")
        check(client.status(job_c)["lost"] >= 1, "expired leases are counted as lost")

    # Every request is answered, even one over the size limit.
    if max_message_bytes is None:
        skip("oversized SUBMIT", "the coordinator's --max-message-bytes is unknown (give --max-message-bytes)")
    else:
        big = bundle("noop", b'{"tasks": 1}' + b" " * (max_message_bytes + 1000))
        reply = client.request(SUBMIT, big, timeout=10)
        check(reply[1][0] == ERROR and struct.unpack("<H", reply[2])[0] == 9 and str(max_message_bytes).encode() in reply[3],
              "an oversized SUBMIT gets ERROR 9 naming the limit")

    dropped = client.status()["dropped_messages"]
    check(dropped.get("unregistered", 0) >= 4, f"dropped unregistered messages are counted ({dropped})")
    check(dropped.get("not_leased", 0) >= n - 4, f"dropped answers for tasks not leased are counted ({dropped})")

    # FORGET: an active job is refused (ERROR 13), finished ones are removed with their results.
    job_e_bundle = bundle("noop", noop_spec(5, k, nonce + "-e"))
    job_e = job_id(job_e_bundle).encode()
    client.request(SUBMIT, job_e_bundle)
    reply = client.request(FORGET, job_e)
    check(reply[1][0] == ERROR and struct.unpack("<H", reply[2])[0] == 13, "FORGET of an active job: ERROR 13")
    client.request(CANCEL, job_e)
    worker.pump(0.2)
    mine = [j for j in (job_a, job_b, job_e) + ((job_c,) if lease_timeout is not None and lease_timeout <= 10 else ())]
    removed = []
    for job in mine:
        reply = client.request(FORGET, job, timeout=30)
        if reply[1][0] == REMOVED:
            removed += json.loads(reply[2])["removed"]
    check(sorted(removed) == sorted(j.decode() for j in mine), f"FORGET removes each finished job ({len(removed)} of {len(mine)})")
    reply = client.request(STATUS, job_a)
    check(reply[1][0] == ERROR and struct.unpack("<H", reply[2])[0] == 2, "a forgotten job is unknown (ERROR 2)")

    # Leaving: DISCONNECT 4 releases the worker.
    worker.send([W, bytes([DISCONNECT]), struct.pack("<H", 4), b"conformance done"])
    time.sleep(0.3)
    names = [w["name"] for w in client.status()["workers"]]
    check(worker.name not in names, "DISCONNECT 4 releases the worker")
    worker.close()
    client.close()
    ctx.term()


# --- CURVE: revoked keys (PROTOCOL.md, "Security (CURVE)", DISCONNECT reason 6, ERROR 14) ---

def write_key_pair(folder, name, pair):
    """Writes NAME.pub and NAME.key (mode 0600) as `transborder keygen` does: 40 Z85 characters and a newline."""
    public, secret = pair
    with open(os.path.join(folder, name + ".pub"), "wb") as f:
        f.write(public + b"\n")
    fd = os.open(os.path.join(folder, name + ".key"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(secret + b"\n")


def handshake_refused(ctx, endpoint, curve, timeout=5.0):
    """Whether a new CURVE connection is refused at the handshake with ZAP status 400 (seen
    on the socket's monitor) and its request never answered."""
    from zmq.utils.monitor import recv_monitor_message
    socket = ctx.socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.curve_serverkey, socket.curve_publickey, socket.curve_secretkey = curve
    monitor = socket.get_monitor_socket(zmq.EVENT_HANDSHAKE_FAILED_AUTH | zmq.EVENT_HANDSHAKE_SUCCEEDED)
    socket.connect(endpoint)
    socket.send_multipart([C, bytes([STATUS]), b""])
    refused = False
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if monitor.poll(100):
            event = recv_monitor_message(monitor)
            if event["event"] == zmq.EVENT_HANDSHAKE_FAILED_AUTH:
                refused = event["value"] == 400
                break
            if event["event"] == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                break
    answered = socket.poll(300) != 0
    socket.disable_monitor()
    monitor.close()
    socket.close()
    return refused and not answered


def run_curve_checks(ctx, endpoint, key_folder, server_public, worker_pair, client_pair, observer_pair):
    """A CURVE worker and client, admitted, then their .pub files removed from the coordinator's
    folder; an observer client whose key stays authorized looks on."""
    nonce = "%d-%d" % (os.getpid(), time.time_ns())
    client_curve = (server_public, client_pair[0], client_pair[1])
    client = Client(ctx, endpoint, client_curve)
    observer = Client(ctx, endpoint, (server_public, observer_pair[0], observer_pair[1]))
    worker = Worker(ctx, endpoint, "conformance-curve-worker-" + nonce, credit=2, curve=(server_public, worker_pair[0], worker_pair[1]))
    try:
        reply = client.request(STATUS, b"")
        check(reply[1][0] == STATUS_REPLY, "CURVE: a client with an authorized key is answered")
        check(worker.wait_for(lambda: any(w["name"] == worker.name for w in client.status()["workers"]), 5),
              "CURVE: a worker with an authorized key registers")
        me = [w for w in client.status()["workers"] if w["name"] == worker.name]
        key_name = me[0].get("key_name") if me else None
        check(key_name == "worker", f"CURVE: status names the worker's key file (key_name {key_name!r})")

        # Both keys removed: the coordinator's check of the folder (--key-check-interval)
        # tells the registered worker DISCONNECT 6.
        os.remove(os.path.join(key_folder, "worker.pub"))
        os.remove(os.path.join(key_folder, "client.pub"))
        got, end = None, time.monotonic() + 5
        while got is None and time.monotonic() < end:
            got = next((frames for frames in worker.pump(0.1) if frames[1][0] == DISCONNECT), None)
        check(got is not None and len(got) == 4 and got[0] == W and got[1] == bytes([DISCONNECT])
              and len(got[2]) == 2 and struct.unpack("<H", got[2])[0] == 6 and b"no longer authorized" in got[3],
              "CURVE: a registered worker whose key is removed gets DISCONNECT [TBW3, 0x08, u16 6, text]"
              + ("" if got is None else f" (got {got[:3]})"))
        names = [w["name"] for w in observer.status()["workers"]]
        check(worker.name not in names, "CURVE: the revoked worker is released (no longer listed by a client still authorized)")

        # The client's connection is still open; its next request is refused in its own format.
        client.send([C, bytes([STATUS]), b""])
        reply = client.recv(5.0)
        check(reply is not None and len(reply) == 4 and reply[0] == C and reply[1] == bytes([ERROR])
              and len(reply[2]) == 2 and struct.unpack("<H", reply[2])[0] == 14 and b"no longer authorized" in reply[3],
              "CURVE: a request over an open client connection whose key is removed gets ERROR [TBC3, 0x1F, u16 14, text]"
              + ("" if reply is None else f" (got {reply[:3]})"))

        # A new connection with a removed key is refused at the handshake (ZAP 400), never answered.
        check(handshake_refused(ctx, endpoint, client_curve),
              "CURVE: a new connection with a removed key is refused at the handshake (ZAP 400), no reply")
    finally:
        worker.close()
        client.close()
        observer.close()


def curve_section(binary, folder):
    """Starts a second coordinator with a server key pair and an authorized-keys folder, and runs the CURVE checks."""
    if not zmq.has("curve"):
        return skip("CURVE", "this pyzmq's libzmq has no CURVE")
    keys = os.path.join(folder, "curve-keys")
    authorized = os.path.join(keys, "authorized")
    os.makedirs(authorized)
    server, worker, client, observer = (zmq.curve_keypair() for _ in range(4))
    write_key_pair(keys, "server", server)
    for name, pair in (("worker", worker), ("client", client), ("observer", observer)):
        write_key_pair(authorized, name, pair)
        os.remove(os.path.join(authorized, name + ".key"))  # the folder holds public keys only
    process, endpoint, _ = start_coordinator(binary, folder, "curve", [
        "--curve-secret", os.path.join(keys, "server.key"), "--authorized-keys", authorized, "--key-check-interval", "0.2"])
    ctx = zmq.Context()
    try:
        if endpoint is None:
            return check(False, "CURVE: the coordinator with keys started (see curve.log)")
        run_curve_checks(ctx, endpoint, authorized, server[0], worker, client, observer)
    finally:
        ctx.destroy(linger=0)
        process.terminate()
        process.wait(timeout=10)


def start_coordinator(binary, folder, name, extra):
    """Starts `transborder coordinator` on ipc:// in `folder`, logging to NAME.log; returns (process, endpoint, metrics URL)."""
    endpoint_file = os.path.join(folder, name + ".endpoint")
    log_path = os.path.join(folder, name + ".log")
    log = open(log_path, "w")
    process = subprocess.Popen(
        [binary, "coordinator", "--bind", f"ipc://{folder}/{name}.sock", "--store", f"{folder}/{name}.db",
         "--results", f"{folder}/{name}-results", "--endpoint-file", endpoint_file, "--metrics", "127.0.0.1:0",
         "--log-level", "debug"] + extra, stdout=log, stderr=log)
    for _ in range(200):
        if os.path.exists(endpoint_file) or process.poll() is not None:
            break
        time.sleep(0.05)
    time.sleep(0.05)
    if not os.path.exists(endpoint_file):
        return process, None, None
    endpoint = open(endpoint_file).read().strip()
    found = None
    for _ in range(100):  # logged just after the endpoint file is written
        found = re.search(r"endpoint=tcp://127\.0\.0\.1:(\d+) path=/metrics", open(log_path).read())
        if found:
            break
        time.sleep(0.02)
    return process, endpoint, f"http://127.0.0.1:{found.group(1)}/metrics" if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--binary", help="transborder binary: start a coordinator to check")
    group.add_argument("--endpoint", help="endpoint of a running coordinator to check")
    parser.add_argument("--lease-timeout", type=float, help="the running coordinator's --lease-timeout")
    parser.add_argument("--max-message-bytes", type=int, help="the running coordinator's --max-message-bytes")
    parser.add_argument("--metrics-url", help="the running coordinator's metrics URL, e.g. http://HOST:9464/metrics")
    args = parser.parse_args()

    folder, process = None, None
    try:
        if args.binary:
            folder = tempfile.mkdtemp(prefix="transborder-conformance-")
            process, endpoint, metrics_url = start_coordinator(
                args.binary, folder, "coordinator", ["--lease-timeout", "2", "--max-message-bytes", "65536"])
            if endpoint is None:
                raise RuntimeError("the coordinator did not start")
            run_checks(endpoint, 2.0, 65536, metrics_url)
        else:
            run_checks(args.endpoint, args.lease_timeout, args.max_message_bytes, args.metrics_url)
    except Exception as error:  # a crash of the check is a failure, said plainly
        check(False, f"the check ran to its end ({type(error).__name__}: {error})")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
    # CURVE needs a coordinator whose key folder this script controls: one it starts.
    if args.binary:
        try:
            curve_section(args.binary, folder)
        except Exception as error:
            check(False, f"the CURVE checks ran to their end ({type(error).__name__}: {error})")
    else:
        skip("CURVE revocation (DISCONNECT 6, ERROR 14)", "needs a coordinator whose key folder this script controls (--binary)")
    if folder:
        if failures:
            print("coordinator logs: " + folder, file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"conformance: {len(failures)} failed" if failures else "conformance: every check passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
