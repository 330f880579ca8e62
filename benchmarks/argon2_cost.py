"""Time of one key derivation with the production Argon2id parameters (target: about 0.5 s).

Run: uv run python benchmarks/argon2_cost.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from beratung_desktop.storage.keyslots import DEFAULT_KDF


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        salt = os.urandom(16)
        start = time.perf_counter()
        DEFAULT_KDF.derive("correct horse battery staple", salt)
        times.append(time.perf_counter() - start)
    print(
        f"DEFAULT_KDF: time_cost={DEFAULT_KDF.time_cost}, memory={DEFAULT_KDF.memory_kib // 1024} MiB, "
        f"parallelism={DEFAULT_KDF.parallelism}"
    )
    print(
        f"derive: median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s "
        f"over {args.runs} runs (target about 0.5 s)"
    )


if __name__ == "__main__":
    main()
