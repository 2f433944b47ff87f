"""Backups of the whole database: SQLite's online backup API, pg_dump/pg_restore for PostgreSQL."""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    pass


def _sqlite_path(url) -> str:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return url.database


def _libpq_dsn(url) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian package postgresql-client)")
    finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupError(finished.stderr.strip() or f"{command[0]} failed")


def _copy_sqlite(source: str, target: str) -> None:
    """Page-by-page copy that is consistent even while the application keeps writing."""
    with sqlite3.connect(source) as from_db, sqlite3.connect(target) as to_db:
        from_db.backup(to_db)


def backup(database_url: str, path: str | Path) -> Path:
    url = make_url(database_url)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        path.unlink(missing_ok=True)
        _copy_sqlite(_sqlite_path(url), str(path))
    elif url.get_backend_name() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", f"--dbname={_libpq_dsn(url)}"])
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()}")
    return path


def restore(database_url: str, path: str | Path) -> None:
    """Replace the database's content with the backup's. Close the app's connections first."""
    url = make_url(database_url)
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(str(path), _sqlite_path(url))
    elif url.get_backend_name() == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_libpq_dsn(url)}",
                str(path),
            ]
        )
    else:
        raise BackupError(f"no restore method for {url.get_backend_name()}")
