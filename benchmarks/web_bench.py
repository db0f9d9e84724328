"""Web throughput and latency on a generated catalog, measured with wrk.

    python benchmarks/web_bench.py [--duration 60] [--connections 8] [--workers 2]
        [--works 100000] [--database-url URL [--imported]] [--redis-url URL]
        [--servers 2]

Builds a catalog of WORKS / 10 authors with 10 works each (100,000 works by
default) with `readingroom import`, plus one big author (100,000 works of their
own and a 2 MB biography), in a temporary SQLite data directory or in the database
--database-url names (PostgreSQL; --imported: it already holds what an earlier run
imported). Starts SERVERS `readingroom serve` processes, each with a data directory
of its own as on a machine of its own, sharing the database and, with --redis-url,
the page cache and sessions in Redis. Several servers are put behind haproxy
(Debian's package), round robin, as a site's load balancer would: one wrk then
measures the whole site, and every server sees the site's one host name, so a page
one caches the others serve. wrk (Debian's `wrk`) drives each endpoint from a
second process on loopback for DURATION seconds with CONNECTIONS concurrent
clients, and prints requests/s, p50 and p99 latency and the error count for the
author page, a work page, the guide page, three searches and the big author's
pages, with the page cache on and off. wrk, haproxy, the servers, PostgreSQL and
Redis all share the machine's cores.
Targets: zero errors; author page p99 < 50 ms; search p99 < 100 ms; the big author's
page p99 < 200 ms with the page cache off.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).parent))
from import_bench import generate_big_author, generate_guide

ENDPOINTS = [
    ("author page", "/authors/author{author}-surname{author}/"),
    ("work page", "/works/{work}/"),
    ("search: one word", "/search/?q=revolution"),
    ("search: two words, prefix", "/search/?q=capital+theo"),
    ("search: typo", "/search/?q=revolutoin"),
    ("guide page (every work)", "/guides/benchmark/"),
    ("big author page", "/authors/big-author/"),
    ("big author, works page 500", "/authors/big-author/?page=500"),
]


WARM_UP_SECONDS = 3


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
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", output, re.M))
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
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--servers", type=int, default=1, help="app servers, behind haproxy")
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--database-url", help="the catalog's database (default: SQLite)")
    parser.add_argument(
        "--imported", action="store_true", help="the database holds an earlier run's catalog"
    )
    parser.add_argument("--redis-url", help="REDIS_URL for the servers")
    parser.add_argument("--only", metavar="TEXT", help="Only the endpoints whose name has TEXT.")
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both")
    args = parser.parse_args()
    for tool in ["wrk"] + (["haproxy"] if args.servers > 1 else []):
        if shutil.which(tool) is None:
            raise SystemExit(f"web_bench needs {tool}: apt-get install {tool}")
    if args.imported and not args.database_url:
        raise SystemExit("--imported needs --database-url")

    scratch = Path(tempfile.mkdtemp(prefix="readingroom-web-bench-"))
    env = {
        **os.environ,
        "READINGROOM_DATA_DIR": str(scratch / "server1"),
        # Every app server of one site signs sessions with one key.
        "READINGROOM_SECRET_KEY": secrets.token_urlsafe(50),
    }
    for name, value in (("DATABASE_URL", args.database_url), ("REDIS_URL", args.redis_url)):
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    try:
        if not args.imported:
            load_catalog(env, scratch, args.works)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{sys.version.split()[0]}; {args.works:,} works (+ the big author's 100,000) on "
            f"{'PostgreSQL' if args.database_url else 'SQLite'}; page cache in "
            f"{'Redis' if args.redis_url else 'each worker'}; {args.servers} app server(s)"
            f"{' behind haproxy' if args.servers > 1 else ''}, {args.workers} gunicorn "
            f"workers × 4 threads each; wrk {args.connections} connections × "
            f"{args.duration} s per endpoint, on the same cores"
        )
        for cached in {"on": (True,), "off": (False,), "both": (True, False)}[args.cache]:
            measure(env, args, scratch, cached)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def load_catalog(env: dict[str, str], scratch: Path, works: int) -> None:
    """The generated guide and the big author, imported as a user imports them."""
    scratch.mkdir(parents=True, exist_ok=True)
    guide = scratch / "bench-guide.txt"
    guide.write_bytes(generate_guide(works // 10, 10))
    big = scratch / "big-author.txt"
    big.write_bytes(generate_big_author())
    for path, title in ((guide, "Benchmark"), (big, "Big author")):
        start = time.perf_counter()
        command = ["import", str(path), "--from", "guide", "--guide", title]
        subprocess.run([sys.executable, "-m", "readingroom", *command], env=env, check=True)
        print(f"imported {path.name} in {time.perf_counter() - start:.1f} s")
        path.unlink()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str) -> str:
    for _ in range(300):
        try:
            return urllib.request.urlopen(url, timeout=5).read().decode()
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"no answer from {url}")


HAPROXY = """global
    maxconn 4096
    nbthread 1
defaults
    mode http
    timeout connect 5s
    timeout client 120s
    timeout server 120s
frontend site
    bind 127.0.0.1:{port}
    default_backend servers
backend servers
    balance roundrobin
{servers}
"""


@contextmanager
def site(
    env: dict[str, str], args: argparse.Namespace, scratch: Path, cached: bool
) -> Iterator[str]:
    """SERVERS app servers, behind haproxy when there are several; yields the address."""
    processes: list[subprocess.Popen[bytes]] = []
    ports = [_free_port() for _ in range(args.servers)]
    try:
        for number, port in enumerate(ports, 1):
            command = ["serve", "--port", str(port), "--workers", str(args.workers)]
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "readingroom", *command],
                    env={
                        **env,
                        "READINGROOM_DATA_DIR": str(scratch / f"server{number}"),
                        "READINGROOM_PAGE_CACHE": "1" if cached else "0",
                    },
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        for port in ports:
            _wait_for(f"http://127.0.0.1:{port}/robots.txt")
        if args.servers == 1:
            yield f"http://127.0.0.1:{ports[0]}"
            return
        front = _free_port()
        config = scratch / "haproxy.cfg"
        config.write_text(
            HAPROXY.format(
                port=front,
                servers="\n".join(
                    f"    server app{n} 127.0.0.1:{port}" for n, port in enumerate(ports, 1)
                ),
            )
        )
        processes.append(subprocess.Popen(["haproxy", "-q", "-db", "-f", str(config)]))
        yield f"http://127.0.0.1:{front}"
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)


def forget_cached_pages(redis_url: str | None, database_url: str | None) -> None:
    """Start each cached run cold: delete the pages an earlier run left in Redis."""
    if not redis_url:
        return
    import redis

    client = redis.Redis.from_url(redis_url)
    name = urlparse(database_url or "").path.lstrip("/") or "*"
    keys = list(client.scan_iter(match=f"readingroom:*{name}:*:page:*"))
    if keys:
        client.delete(*keys)


def measure(env: dict[str, str], args: argparse.Namespace, scratch: Path, cached: bool) -> None:
    """Serve the catalog with or without the readers' page cache, and load each endpoint."""
    forget_cached_pages(args.redis_url, args.database_url)
    with site(env, args, scratch, cached) as base:
        author = args.works // 20  # one half-way through the guide
        page = _wait_for(base + ENDPOINTS[0][1].format(author=author))
        work = re.search(r'href="/works/([^/"]+)/"', page)[1]  # type: ignore[index]
        print(f"\npage cache {'on' if cached else 'off'}; load average {_load()}")
        print(f"{'endpoint':30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for name, path in ENDPOINTS:
            if args.only and args.only not in name:
                continue
            url = base + path.format(author=author, work=work)
            # Warm up every worker and thread of every server (their first request
            # loads code and opens connections), and the cache; then measure.
            run_wrk(url, WARM_UP_SECONDS, args.connections)
            result = run_wrk(url, args.duration, args.connections)
            print(
                f"{name:30} {result['rps']:>8.0f} {result['p50']:>8.1f} "
                f"{result['p99']:>8.1f} {result['errors']:>7.0f}",
                flush=True,
            )
        print(f"load average after: {_load()}")


def _load() -> str:
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


if __name__ == "__main__":
    main()
