"""Benchmark: import a sheet of 1,000 inputs (the default largest) for one hearing.

Run from the repository root:
    python -m bench.import_sheet

A throw-away SQLite database gets the geography and the demo data (which builds the tagger for
the plan's catalogue, as a running server does once); then two workbooks of 1,000 Thai inputs each
(every seventh with a sector no one knows, so refused) are each read and staged, checked for the
preview and saved, with the application's own functions (server time, no HTTP).
"""

import io
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

ROWS = 1000


def workbook(batch: int) -> bytes:
    book = Workbook()
    book.active.append(["ความคิดเห็น", "ภาคส่วน", "อายุ", "เพศ", "วันที่"])
    for number in range(ROWS):
        book.active.append(
            [
                f"ข้อเสนอที่ {batch}.{number}: อยากให้ปรับปรุงถนนและระบบน้ำประปาในหมู่บ้าน ให้ผู้สูงอายุเดินทางสะดวก",
                "ชาวนา" if number % 7 == 0 else "ประชาชน",
                20 + number % 50,
                "หญิง",
                None,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    from consult import create_app
    from consult.cli import ensure_schema
    from consult.demo import load_demo
    from consult.extensions import db
    from consult.geography.loader import load_geography

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                "RATELIMIT_ENABLED": False,
                "SERVER_NAME": "bench.local",
            }
        )
        with app.app_context():
            ensure_schema()
            load_geography()
            load_demo(password="bench-password")
        for batch, attempt in enumerate(("first sheet", "second sheet")):
            with app.test_request_context():
                from consult.auth.models import User
                from consult.hearings.models import Hearing
                from consult.inputs.imports import check_rows, confirm_import, stage_import
                from consult.inputs.models import CitizenInput

                user = db.session.scalar(select(User).where(User.username == "official"))
                hearing = db.session.get(Hearing, 1)
                before = db.session.scalar(select(func.count()).select_from(CitizenInput))
                began = time.perf_counter()
                staged = stage_import(
                    hearing, user, "inputs.xlsx", workbook(batch), "citizen", "hearing_paper"
                )
                read = time.perf_counter()
                checks = check_rows(staged)
                checked = saving = time.perf_counter()
                outcome = confirm_import(staged, user)
                saved = time.perf_counter()
                after = db.session.scalar(select(func.count()).select_from(CitizenInput))
                print(
                    f"{attempt}: read and stage {read - began:.2f} s, check for the preview "
                    f"{checked - read:.2f} s ({sum(c.valid for c in checks)} valid), save {saved - saving:.2f} s; "
                    f"{len(outcome['saved'])} saved, {len(outcome['refused'])} refused, {after - before} new inputs"
                )
            with app.app_context():
                db.engine.dispose()


if __name__ == "__main__":
    main()
