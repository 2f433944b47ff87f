"""Counting the SQL statements a block of code sends, to catch N+1 query shapes in tests."""

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from consult.extensions import db


@dataclass
class QueryLog:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)

    def __str__(self) -> str:
        return "\n".join(f"{number}. {statement}" for number, statement in enumerate(self.statements, 1))


_uncounted = threading.local()


@contextmanager
def not_counted():
    """Statements this thread sends inside the block are not the code under test's: the tag
    queue drained after a test request (tests/conftest.py), as a separate worker would."""
    _uncounted.active = True
    try:
        yield
    finally:
        _uncounted.active = False


@contextmanager
def counting_queries():
    """Every statement sent through the app's engine inside the block, from any thread (the test
    client runs each request in a thread of its own). Transaction control is not counted."""
    log = QueryLog()

    def record(connection, cursor, statement, parameters, context, executemany):
        if not getattr(_uncounted, "active", False):
            log.statements.append(" ".join(statement.split()))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield log
    finally:
        event.remove(engine, "before_cursor_execute", record)
