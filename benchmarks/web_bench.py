"""Web throughput and latency on a generated 100,000-work catalog, measured with wrk.

    python benchmarks/web_bench.py [--duration 60] [--connections 8] [--workers 2]

Builds a catalog of 10,000 authors / 100,000 works in a temporary data directory
with `readingroom import`, plus one big author (100,000 works of their own and a
2 MB biography), starts `readingroom serve`, and drives it from a second process
(wrk, from Debian's `wrk` package) on loopback: each endpoint for DURATION seconds
with CONNECTIONS concurrent clients. Prints requests/s, p50 and p99 latency and the
error count for the author page, a work page, the guide page, three searches and
the big author's pages.
Targets: zero errors; author page p99 < 50 ms; search p99 < 100 ms; the big author's
page p99 < 200 ms with the page cache off.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from import_bench import generate_big_author, generate_guide

ENDPOINTS = [
    ("author page", "/authors/author5000-surname5000/"),
    ("work page", "/works/{work}/"),
    ("search: one word", "/search/?q=revolution"),
    ("search: two words, prefix", "/search/?q=capital+theo"),
    ("search: typo", "/search/?q=revolutoin"),
    ("guide page (100,000 entries)", "/guides/benchmark/"),
    ("big author page", "/authors/big-author/"),
    ("big author, works page 500", "/authors/big-author/?page=500"),
]


def _seconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def run_wrk(url: str, duration: int, connections: int) -> dict[str, float]:
    output = subprocess.run(
        ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{duration}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)$", output, re.M))
    if "99" not in percentiles:
        raise SystemExit(f"wrk gave no latency distribution for {url}:\n{output}")
    requests = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])  # type: ignore[index]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx[1]) if non_2xx else 0
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return {
        "rps": requests,
        "p50": _seconds(percentiles["50"]) * 1000,
        "p99": _seconds(percentiles["99"]) * 1000,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", metavar="TEXT", help="Only the endpoints whose name has TEXT.")
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("web_bench needs wrk: apt-get install wrk")

    data_dir = Path(tempfile.mkdtemp(prefix="readingroom-web-bench-"))
    env = {**os.environ, "READINGROOM_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    guide = data_dir / "bench-guide.txt"
    guide.write_bytes(generate_guide(10_000, 10))
    big = data_dir / "big-author.txt"
    big.write_bytes(generate_big_author())
    for path, title in ((guide, "Benchmark"), (big, "Big author")):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "readingroom", "import", str(path), "--guide", title],
            env=env,
            check=True,
        )
        print(f"imported {path.name} in {time.perf_counter() - start:.1f} s")

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}; {args.workers} gunicorn workers × 4 threads; wrk "
        f"{args.connections} connections × {args.duration} s per endpoint"
    )
    try:
        for cached in {"on": (True,), "off": (False,), "both": (True, False)}[args.cache]:
            measure(env, args, cached)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def measure(env: dict[str, str], args: argparse.Namespace, cached: bool) -> None:
    """Serve the catalog with or without the readers' page cache, and load each endpoint."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "readingroom",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env={**env, "READINGROOM_PAGE_CACHE": "1" if cached else "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                page = urllib.request.urlopen(base + ENDPOINTS[0][1], timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        work = re.search(r'href="/works/([^/"]+)/"', page)[1]  # type: ignore[index]
        print(f"\npage cache {'on' if cached else 'off'}")
        print(f"{'endpoint':30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for name, path in ENDPOINTS:
            if args.only and args.only not in name:
                continue
            url = base + path.format(work=work)
            urllib.request.urlopen(url, timeout=10).read()  # warm up
            result = run_wrk(url, args.duration, args.connections)
            print(
                f"{name:30} {result['rps']:>8.0f} {result['p50']:>8.1f} "
                f"{result['p99']:>8.1f} {result['errors']:>7.0f}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
