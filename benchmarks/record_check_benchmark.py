"""Cost of the organisation's record schema check (exchange/record_schema.py) per record.

What is measured, for one month of consultations of a large office (32,170 statistics-scope records
with realistic variety: distinct ids, days, times and references), CPU time, best of 3:
- the import's check (`package._all_valid`): every line parsed by msgspec, then the records of the
  type checked column by column, each distinct value once;
- the record-by-record check it falls back to when a record may be bad (to name it): each line
  parsed with the C JSON scanner and checked field by field (the only check before).
The import runs the check for every record before its transaction, so this figure times the records
of a package is what the check adds to `org import` (see exchange_benchmark.py for the whole import).

Run: uv run python benchmarks/record_check_benchmark.py [--records 32170]
"""

from __future__ import annotations

import argparse
import json
import time

from beratung_desktop.domain.catalogues import FORMS, TOPICS
from beratung_desktop.exchange import package
from beratung_desktop.exchange.package import _record
from beratung_desktop.exchange.record_schema import RecordChecker, RecordKey


def lines(count: int) -> list[str]:
    topics, forms = TOPICS.codes(), FORMS.codes()
    return [
        json.dumps(
            {
                "id": f"{n:032x}",
                "version": 1 + n % 3,
                "updated_at": f"2026-10-{1 + n % 28:02d}T10:{n % 60:02d}:{n % 60:02d}.{n:06d}+00:00",
                "deleted": False,
                "case_id": f"{n * 7 % 9000:032x}",
                "client_id": f"{n * 3 % 8000:032x}",
                "counsellor_id": f"{n % 40:032x}",
                "day": f"2026-10-{1 + n % 28:02d}",
                "minutes": 15 + n % 90,
                "form": forms[n % len(forms)],
                "topics": topics[n % 5 : n % 5 + 2],
                "interpreter_used": n % 4 == 0,
                "referral_partner_id": None,
            },
            separators=(",", ":"),
        )
        for n in range(count)
    ]


def _best(run, times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=32170)
    args = parser.parse_args()
    texts = lines(args.records)
    rows = [json.loads(t) for t in texts]
    keys = {
        "consultations": package.Keys([r["id"] for r in rows], [r["version"] for r in rows], [False] * len(rows), 0)
    }
    text = "\n".join(texts)

    def bulk() -> None:
        assert package._all_valid("statistics", keys, text, texts) is not None

    def one_by_one() -> None:
        checker = RecordChecker("statistics", "consultations")
        for n, line in enumerate(texts):
            row = _record(line)
            checker.check(n, row, RecordKey(row["id"], row["version"], False))

    for name, run in (("import's check (bulk)", bulk), ("record by record (fallback, before)", one_by_one)):
        seconds = _best(run)
        print(
            f"{name}: {args.records} records in {seconds:.3f} s CPU: {seconds / args.records * 1e6:.1f} us per "
            f"record; 50 such packages: {seconds * 50:.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
