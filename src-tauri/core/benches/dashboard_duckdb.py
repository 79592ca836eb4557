"""DuckDB answering the dashboard's questions on the same per-request facts
the Rust fast path reads (written by the `dashboard` bench): volume per
week, median / p90 / mean turnaround, SLA kept %, satisfaction, and by item
and by requester department (count, resolved, median turnaround, median
business hours, SLA kept %). The table is loaded into memory first (not
timed); prints the median time of the whole set of queries.

Usage: python3 dashboard_duckdb.py FACTS.csv [RUNS]
"""

import statistics
import sys
import time

import duckdb

NONE_DAY = -2147483648

QUERIES = [
    # Volume per week (days from the common era; day 1 was a Monday).
    f"""
    WITH o AS (SELECT opened_day - ((opened_day - 1) % 7) AS week, count(*) AS n FROM facts GROUP BY 1),
         r AS (SELECT resolved_day - ((resolved_day - 1) % 7) AS week, count(*) AS n FROM facts
               WHERE resolved_day <> {NONE_DAY} GROUP BY 1)
    SELECT coalesce(o.week, r.week) AS week, coalesce(o.n, 0), coalesce(r.n, 0)
    FROM o FULL OUTER JOIN r ON o.week = r.week ORDER BY 1
    """,
    """
    SELECT count(*), quantile_cont(turnaround / 3600.0, 0.5), quantile_cont(turnaround / 3600.0, 0.9),
           avg(turnaround / 3600.0)
    FROM facts WHERE turnaround >= 0
    """,
    "SELECT sum(CASE WHEN sla = 1 THEN 1 ELSE 0 END) * 100.0 / count(*) FROM facts WHERE sla >= 0",
    f"SELECT avg(rating) FROM facts WHERE rating > 0 AND resolved_day <> {NONE_DAY}",
]
for column in ["item", "requester_department"]:
    QUERIES.append(
        f"""
        SELECT {column}, count(*), count(*) FILTER (WHERE resolved_day <> {NONE_DAY}),
               quantile_cont(turnaround / 3600.0, 0.5) FILTER (WHERE turnaround >= 0),
               quantile_cont(business / 3600.0, 0.5) FILTER (WHERE business >= 0),
               sum(CASE WHEN sla = 1 THEN 1 ELSE 0 END) * 100.0 / nullif(count(*) FILTER (WHERE sla >= 0), 0)
        FROM facts GROUP BY 1 ORDER BY 2 DESC
        """
    )


def main() -> None:
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    con = duckdb.connect()
    con.execute(f"CREATE TABLE facts AS SELECT * FROM read_csv_auto('{path}')")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for q in QUERIES:
            con.execute(q).fetchall()
        times.append(time.perf_counter() - start)
    median = con.execute(QUERIES[1]).fetchall()[0]
    print(f"duckdb_ms {statistics.median(times) * 1000:.2f}")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    print(f"duckdb_threads {threads}")
    print(f"check_median_hours {median[1]:.4f}")
    print(f"check_p90_hours {median[2]:.4f}")


if __name__ == "__main__":
    main()
