"""Peak memory of `readingroom import` as guides grow: it should not grow with the file.

    python benchmarks/import_memory.py [--works 10000 100000 1000000]

For each size, generates a guide (benchmarks/import_bench.py: 10 works an author),
imports it with `python -m readingroom import` into a fresh SQLite catalog, and
reports the file's size, the wall time and the child process's peak resident
memory (getrusage), beside the peak of a process that only reads the file into
memory and decodes it — what an import that held the file whole would pay at least.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from import_bench import generate_guide

_HOLD_WHOLE = "import sys; data = open(sys.argv[1], 'rb').read(); text = data.decode()"


def peak_of(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command in a child process; its wall time (s) and peak RSS (MB)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.execvpe(command[0], command, env)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'works':>10} {'file MB':>8} {'import s':>9} {'import MB':>10} {'hold-whole MB':>14}")
    for works in args.works:
        with tempfile.TemporaryDirectory(prefix="readingroom-memory-") as directory:
            guide = Path(directory) / "guide.txt"
            guide.write_bytes(generate_guide(works // 10, 10))
            env = {**os.environ, "READINGROOM_DATA_DIR": directory}
            env.pop("DATABASE_URL", None)
            seconds, peak = peak_of(
                [sys.executable, "-m", "readingroom", "import", str(guide)], env
            )
            _, whole = peak_of([sys.executable, "-c", _HOLD_WHOLE, str(guide)], env)
            size = guide.stat().st_size / 1e6
            print(
                f"{works:>10,} {size:>8.1f} {seconds:>9.1f} {peak:>10.0f} {whole:>14.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
