"""The reference for the load benchmark: a bare Flask endpoint that stores one row, with the same
database driver, engine options and SQLite settings as consult, served by the same gunicorn.

    DATABASE_URL=... gunicorn -w 2 -b 127.0.0.1:8001 'bench.bare_app:create_app()'
"""

import os

from flask import Flask, jsonify, request
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, create_engine, insert

import consult  # noqa: F401  (registers the SQLite connection settings: WAL, synchronous, busy timeout)
from consult.config import engine_options
from consult.timeutil import utcnow

metadata = MetaData()
bare_row = Table(
    "bench_bare_row",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("sector", String(20), nullable=False),
    Column("created_at", DateTime, nullable=False),
)


def create_app() -> Flask:
    url = os.environ["DATABASE_URL"]
    engine = create_engine(url, **engine_options(url))
    app = Flask(__name__)

    @app.post("/rows")
    def add_row():
        body = request.get_json()
        with engine.begin() as connection:
            connection.execute(
                insert(bare_row).values(
                    text=body["text"], sector=body["sector"], created_at=utcnow().replace(tzinfo=None)
                )
            )
        return jsonify(status="stored"), 201

    return app
