"""The KPIs of ``bench/kpis.py``'s year on PostgreSQL (issue 14: ≤ 1 s on both backends).

The same year (500,000 incidents, 5 million events, their facts and day sums) copied
from the cached SQLite file into a PostgreSQL server of our own on a loopback port
(tests/pg_server.py) whose schema the helpdesk's migrations made, then ANALYZEd as the
autovacuum would leave it. Measured as on SQLite: the endpoint's work beside one bare
``SUM`` over the same rows, in the same run.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

from bench import kpis as kpi_bench
from bench.common import write_result

# What the KPIs read, and what makes the database the size of a year.
TABLES = ("incidents", "incident_events", "incident_kpis", "incident_kpi_days")


def copy_year(source: Path, url: str) -> None:
    """Every row of ``TABLES`` from the SQLite file into the PostgreSQL database."""
    import psycopg

    reader = sqlite3.connect(source)
    try:
        with psycopg.connect(url) as connection, connection.cursor() as cursor:
            cursor.execute("SET timezone = 'UTC'")  # SQLite's times are naive UTC
            for table in TABLES:
                names = [row[1] for row in reader.execute(f"PRAGMA table_info({table})")]
                columns = ", ".join(names)
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in reader.execute(f"SELECT {columns} FROM {table}"):
                        copy.write_row(row)
            connection.commit()
            connection.autocommit = True
            cursor.execute("VACUUM ANALYZE")
    finally:
        reader.close()


def main() -> int:
    from helpdesk.db import Database
    from tests.pg_server import PostgresServer

    source = kpi_bench.database_path()
    server = PostgresServer.start()
    try:
        database = Database(server.url)
        database.create_schema(20001)
        started = time.perf_counter()
        copy_year(source, server.url.replace("+psycopg", ""))
        print(f"  copied into PostgreSQL in {time.perf_counter() - started:.0f} s", flush=True)
        try:
            timings = kpi_bench.measure(database)
            with database.read() as session:
                size = session.connection().exec_driver_sql(
                    "SELECT pg_database_size(current_database())"
                )
                database_mb = round(int(size.scalar_one()) / 2**20)
        finally:
            database.dispose()
    finally:
        server.stop()
    figures, measure = kpi_bench.result("PostgreSQL", timings, database_mb)
    write_result("kpis_pg", figures, [measure])
    return 0 if measure.met else 1


if __name__ == "__main__":
    sys.exit(main())
