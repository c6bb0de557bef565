#!/usr/bin/env python3
"""Slowloris soak of `om-verifier serve` on loopback (not run in CI).

Starts the server (or uses --url), then WORKERS processes each open
CONNECTIONS connections from 127.0.0.1 that send half a request head and then
nothing, while this process asks GET /healthz from 127.0.0.2 every 100 ms.
Reports /healthz latency under attack and when the server closed the
half-sent requests (at once: over the per-address cap; later: the header
timeout).

    cargo build -p om-verifier
    python3 verifier/scripts/slowloris.py                  # 2 x 12,000, defaults
    python3 verifier/scripts/slowloris.py --workers 2 --connections 12000 \\
        --hold 25 -- --header-timeout-secs 10

Arguments after `--` go to `om-verifier serve`. Linux only (127.0.0.2).

Measured 2026-12-07 (debug build, defaults, RLIMIT_NOFILE 20,000, 2 cores
shared with the attackers), 2 x 12,000 connections, 3 runs: no connect
failure, no "Too many open files"; 23,936 closed at once (median 40-135 ms
after sending, backlog included), the 64 admitted ones at 9.95-9.99 s (the
header timeout); /healthz from 127.0.0.2: 0 of ~235 failed, p50 0.8 ms,
p95 1-5 ms, p99 6-216 ms, max 0.3-1.1 s (a SYN retried once while the
24,000 connects were queued).
"""

import argparse
import multiprocessing as mp
import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HALF_HEAD = b"GET /healthz HTTP/1.1\r\nHost: verifier.test\r\nX-Slow: "


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def attacker(host, port, n, hold, start_at, out):
    """Opens n half-sent connections; records when each was closed by the server."""
    raise_nofile()
    while time.time() < start_at:
        time.sleep(0.01)
    sel = selectors.DefaultSelector()
    sent_at = {}
    closed_after = []
    failed = 0
    opened = 0
    t_end = time.time() + hold
    pending = n
    while time.time() < t_end:
        # Open in batches so the listener's backlog is not the only bound.
        batch = min(pending, 500)
        for _ in range(batch):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            try:
                s.bind(("127.0.0.1", 0))
                s.connect_ex((host, port))
            except OSError:
                failed += 1
                s.close()
                continue
            sel.register(s, selectors.EVENT_WRITE, "connecting")
            opened += 1
        pending -= batch
        for key, ev in sel.select(timeout=0.05):
            s = key.fileobj
            if key.data == "connecting":
                err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err:
                    failed += 1
                    sel.unregister(s)
                    s.close()
                    continue
                try:
                    s.send(HALF_HEAD)
                except OSError:
                    closed_after.append(0.0)
                    sel.unregister(s)
                    s.close()
                    continue
                sent_at[s] = time.time()
                sel.modify(s, selectors.EVENT_READ, "sent")
            else:
                try:
                    data = s.recv(4096)
                except OSError:
                    data = b""
                if not data:
                    closed_after.append(time.time() - sent_at.pop(s))
                    sel.unregister(s)
                    s.close()
    still_open = len(sent_at)
    out.put(
        {
            "opened": opened,
            "failed": failed,
            "closed_after": closed_after,
            "still_open": still_open,
        }
    )


def healthz(host, port, timeout=5.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    t0 = time.time()
    try:
        s.bind(("127.0.0.2", 0))
        s.connect((host, port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: verifier.test\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        ok = data.startswith(b"HTTP/1.1 200")
    except OSError:
        ok = False
    finally:
        s.close()
    return ok, time.time() - t0


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    argv = sys.argv[1:]
    server_args = []
    if "--" in argv:
        i = argv.index("--")
        argv, server_args = argv[:i], argv[i + 1 :]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    ap.add_argument("--bin", default=os.path.join(target, "debug", "om-verifier"))
    ap.add_argument("--url", help="an already running server (http://127.0.0.1:PORT)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=12000, help="per worker")
    ap.add_argument("--hold", type=float, default=25.0, help="seconds of attack")
    args = ap.parse_args(argv)

    child = None
    tmp = tempfile.TemporaryDirectory()
    if args.url:
        host, port = args.url.replace("http://", "").rstrip("/").split(":")
        port = int(port)
    else:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        host = "127.0.0.1"
        child = subprocess.Popen(
            [args.bin, "serve", "--addr", f"{host}:{port}", "--db", os.path.join(tmp.name, "s.sqlite")]
            + server_args,
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(tmp.name, "server.log"), "w"),
            env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "info")},
        )
        for _ in range(200):
            if healthz(host, port, 1.0)[0]:
                break
            time.sleep(0.05)
        else:
            sys.exit("the server did not start")

    out = mp.Queue()
    start_at = time.time() + 0.5
    procs = [
        mp.Process(target=attacker, args=(host, port, args.connections, args.hold, start_at, out))
        for _ in range(args.workers)
    ]
    for p in procs:
        p.start()
    lat, fails = [], 0
    while time.time() < start_at:
        time.sleep(0.01)
    while time.time() < start_at + args.hold:
        ok, took = healthz(host, port)
        if ok:
            lat.append(took)
        else:
            fails += 1
        time.sleep(0.1)
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    server_alive = None
    if child:
        server_alive = child.poll() is None and healthz(host, port)[0]
        child.terminate()
        child.wait(timeout=30)
        log = open(os.path.join(tmp.name, "server.log")).read()
        emfile = log.count("Too many open files")

    closed = [c for r in results for c in r["closed_after"]]
    at_once = [c for c in closed if c < 1.0]
    later = [c for c in closed if c >= 1.0]
    print(f"attack: {args.workers} x {args.connections} half-sent connections from 127.0.0.1 for {args.hold:.0f} s")
    print(f"  opened {sum(r['opened'] for r in results)}, connect failures {sum(r['failed'] for r in results)}, "
          f"still open at the end {sum(r['still_open'] for r in results)}")
    print(f"  closed by the server within 1 s: {len(at_once)} (median {pct(at_once, 50) * 1000:.0f} ms)")
    if later:
        print(f"  closed later (header timeout): {len(later)}, after min {min(later):.2f} s, "
              f"median {pct(later, 50):.2f} s, max {max(later):.2f} s")
    print(f"/healthz from 127.0.0.2 every 100 ms: {len(lat)} answered, {fails} failed")
    if lat:
        print(f"  latency p50 {pct(lat, 50) * 1000:.1f} ms, p95 {pct(lat, 95) * 1000:.1f} ms, "
              f"p99 {pct(lat, 99) * 1000:.1f} ms, max {max(lat) * 1000:.1f} ms, "
              f"mean {statistics.mean(lat) * 1000:.1f} ms; over 100 ms: {sum(1 for x in lat if x > 0.1)}, "
              f"over 1 s: {sum(1 for x in lat if x > 1.0)}")
    if child:
        print(f"server still answering after the attack: {server_alive}; "
              f"'Too many open files' in its log: {emfile}")


if __name__ == "__main__":
    main()
