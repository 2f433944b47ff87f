"""Bulk writing of many rows: COPY on PostgreSQL, batched executemany on SQLite.

The ORM costs about a hundred microseconds per row, far too much for a million inputs. Here rows
are plain dicts keyed by column name; values go through each column's own bind processor (so
UTCDateTime, dates and booleans are stored exactly as the ORM would store them) and columns a row
leaves out get their Python-side default, so columns other areas add later need no change here.
"""

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import Table, func, select, text, update
from sqlalchemy.engine import Connection

from consult.scale.cache import CycleDataVersion
from consult.tagging.index import FTS_TABLE
from consult.tagging.models import InputSearchText


class BulkWriter:
    def __init__(self, connection: Connection):
        self.connection = connection
        self.dialect = connection.dialect
        self.is_postgresql = self.dialect.name == "postgresql"
        if not self.is_postgresql:
            # Random receipts spread index updates over the whole index: with SQLite's default
            # 2 MB of cache most pages are written out and read back once per batch. 256 MB took
            # a fifth off the time of 100,000 inputs; generate() closes these connections after.
            connection.exec_driver_sql("PRAGMA cache_size=-262144")

    def next_id(self, table: Table) -> int:
        return (self.connection.scalar(select(func.max(table.c.id))) or 0) + 1

    def write(self, table: Table, rows: Iterable[Mapping]) -> int:
        """Insert the rows; every row of one call has the same keys. Returns the number written."""
        rows = list(rows)
        if not rows:
            return 0
        given = list(rows[0].keys())
        unknown = [name for name in given if name not in table.c]
        if unknown:
            raise ValueError(f"{table.name} has no column {', '.join(unknown)}")
        defaults = self._defaults(table, given)
        columns = given + list(defaults)
        processors = [self._processor(table.c[name]) for name in columns]
        default_values = list(defaults.values())
        prepared = (
            [
                value if process is None or value is None else process(value)
                for value, process in zip([row[name] for name in given] + default_values, processors)
            ]
            for row in rows
        )
        if self.is_postgresql:
            self._copy(table, columns, prepared)
        else:
            placeholders = ", ".join("?" for _ in columns)
            statement = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})"
            self.connection.exec_driver_sql(statement, [tuple(values) for values in prepared])
        return len(rows)

    @contextmanager
    def cycle_versions_moved_once(self, cycle_ids: set[int]) -> Iterator[None]:
        """The rows written inside belong to these cycles: their data versions (consult.scale.cache)
        move once for the whole batch instead of through the triggers of migration 0009_cycle_data_versions.
        SQLite fires those once per row, which doubled the time of a million inputs; PostgreSQL's
        look up the cycle of every tag of a COPY, which read the whole input table per batch. So
        inside this transaction they are switched off (SQLite: dropped and created again) and back
        on before it commits: DDL is transactional on both, no other connection ever sees them off.
        """
        # A data statement first: the sqlite3 module opens the transaction at the first one, and
        # DDL before it would be committed on its own.
        self.connection.execute(
            update(CycleDataVersion)
            .where(CycleDataVersion.cycle_id.in_(cycle_ids))
            .values(version=CycleDataVersion.version + 1)
        )
        if self.is_postgresql:
            triggers = self.connection.exec_driver_sql(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal "
                "AND tgname LIKE 'cycle_version_%%' AND tgname <> 'cycle_version_start'"
            ).all()
            for table, name in triggers:
                self.connection.exec_driver_sql(f'ALTER TABLE {table} DISABLE TRIGGER "{name}"')
            yield
            for table, name in triggers:
                self.connection.exec_driver_sql(f'ALTER TABLE {table} ENABLE TRIGGER "{name}"')
            return
        triggers = self.connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cycle_version_%' "
            "AND name != 'cycle_version_start'"
        ).all()
        for name, _ in triggers:
            self.connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
        yield
        for _, sql in triggers:
            self.connection.exec_driver_sql(sql)

    def write_search_index(self, rows: list[Mapping]) -> int:
        """Rows of input_search_text. SQLite mirrors each into the FTS5 table by a row trigger
        (migration 0006_tagging), twenty times slower than one INSERT … SELECT for the batch: inside the
        caller's transaction (opened by an earlier write) the trigger is dropped, the batch
        mirrored in one statement and the trigger created again before the commit."""
        table = InputSearchText.__table__
        if self.is_postgresql or not rows:
            return self.write(table, rows)
        triggers = self.connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE '%AFTER INSERT%'",
            (table.name,),
        ).all()
        for name, _ in triggers:
            self.connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
        written = self.write(table, rows)
        ids = [row["input_id"] for row in rows]
        self.connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE} (rowid, terms) SELECT input_id, terms FROM {table.name} "
            "WHERE input_id BETWEEN ? AND ?",
            (min(ids), max(ids)),
        )
        for _, sql in triggers:
            self.connection.exec_driver_sql(sql)
        return written

    def reset_sequence(self, table: Table) -> None:
        """After explicit ids, PostgreSQL's sequence must move past them (SQLite needs nothing)."""
        if self.is_postgresql:
            self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table.name}))"
                )
            )

    def _copy(self, table: Table, columns: list[str], rows) -> None:
        cursor = self.connection.connection.driver_connection.cursor()
        try:
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(values)
        finally:
            cursor.close()

    def _defaults(self, table: Table, given: list[str]) -> dict:
        """Values for the columns the rows leave out: the Python default, else NULL; a column
        with neither (and no server default) is a mistake in the caller and fails loudly."""
        values = {}
        for column in table.columns:
            if (
                column.name in given
                or column.server_default is not None
                or column is table.autoincrement_column
            ):
                continue
            if column.default is not None and column.default.is_scalar:
                values[column.name] = column.default.arg
            elif column.default is not None and column.default.is_callable:
                values[column.name] = column.default.arg(None)
            elif column.nullable:
                values[column.name] = None
            else:
                raise ValueError(f"{table.name}.{column.name} needs a value and has no default")
        return values

    def _processor(self, column):
        return column.type.dialect_impl(self.dialect).bind_processor(self.dialect)
