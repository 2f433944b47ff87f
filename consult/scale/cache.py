"""Cycle aggregates computed once per change of the cycle's data, not once per view.

The summary and the dashboard scan every input of a cycle; a cycle with a million inputs takes
seconds, and planners, the committee's screen and integrators polling the API ask again and again
for numbers that did not change. Each cycle has a row in `cycle_data_version` whose version
database triggers (migration 0009_cycle_data_versions) move on every insert, update or delete of the cycle's
inputs, tags, hearings (and their subdistricts) and plan issues, in the same transaction as the
change, whoever makes it: a page, the API, an import, the scheduler, bulk SQL, another worker. A
cached value is handed out only while the version it was computed at is still the cycle's
version, so a reader never sees numbers older than its own transaction's view of the data.

A new cycle's version starts at a random number: when a deleted cycle's id is used again (SQLite
does that) its old cached values can never match. The cache lives in each worker process,
bounded in size; every hit costs one primary-key read of the version.
"""

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps

from flask import current_app
from sqlalchemy import BigInteger, ForeignKey, select
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.i18n import current_language

ENTRIES_PER_PROCESS = 256


class CycleDataVersion(db.Model):
    __tablename__ = "cycle_data_version"
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_cycle.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger)


def data_version(cycle_id: int) -> int | None:
    return db.session.scalar(select(CycleDataVersion.version).where(CycleDataVersion.cycle_id == cycle_id))


class VersionedCache:
    """Least recently used entries, each stored with the data version it was computed at."""

    def __init__(self, capacity: int = ENTRIES_PER_PROCESS):
        self.capacity = capacity
        self.entries: OrderedDict[Hashable, tuple[int, object]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, version: int):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] != version:
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return entry[1]

    def put(self, key: Hashable, version: int, value) -> None:
        with self.lock:
            self.entries[key] = (version, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.capacity:
                self.entries.popitem(last=False)


def aggregate_cache() -> VersionedCache:
    """One cache per application: two apps in one process (the tests) never share entries."""
    return current_app.extensions.setdefault("consult_aggregate_cache", VersionedCache())


def cached_per_cycle_version(function: Callable) -> Callable:
    """For functions of (cycle, *hashable arguments) whose result depends only on the cycle's
    data, the arguments and the visitor's language (labels are translated). Callers get a copy,
    so changing what they were given never changes what the next caller gets."""

    @wraps(function)
    def wrapper(cycle, *args, **kwargs):
        version = data_version(cycle.id)
        if version is None:  # no version row: nothing can tell when a cached value went stale
            return function(cycle, *args, **kwargs)
        key = (
            function.__module__,
            function.__qualname__,
            cycle.id,
            current_language(),
            args,
            tuple(sorted(kwargs.items())),
        )
        cache = aggregate_cache()
        value = cache.get(key, version)
        if value is None:
            value = function(cycle, *args, **kwargs)
            cache.put(key, version, value)
        return copy.deepcopy(value)

    return wrapper
