"""`flask --app wsgi consult …`: the command group, the set-up commands (schema, geography, demo
and synthetic data, backup and restore, catalogs, the scheduler), and the areas' own commands,
which each area's cli.py adds to the group."""

import logging
import os
import signal
import sys
import threading
import time

import click
from flask import current_app
from flask.cli import AppGroup
from flask_migrate import upgrade

from consult.auth import cli as auth_cli
from consult.backup import BackupError, backup, restore
from consult.demo import load_demo
from consult.extensions import db
from consult.geography.loader import load_geography
from consult.i18n_catalogs import update_catalogs
from consult.inputs import cli as inputs_cli
from consult.jobs import run_scheduler, run_tag_worker
from consult.synth.operations import SynthSpec, generate
from consult.synth.queries import consistency_problems
from consult.tagging import cli as tagging_cli

consult_cli = AppGroup("consult", help="consult: set-up, demo data, scheduler and tagging.")


def ensure_schema() -> None:
    """Create or upgrade the schema through the migrations, never with create_all()."""
    upgrade(revision="head")


@consult_cli.command("load-geography")
def load_geography_command():
    """Load the 77 provinces, 928 districts, 7,436 subdistricts and 18 clusters."""
    ensure_schema()
    started = time.perf_counter()
    result = load_geography()
    click.echo(
        f"geography: {result.provinces} provinces, {result.districts} districts, "
        f"{result.subdistricts} subdistricts, {result.clusters} clusters added, "
        f"{result.placed} subdistricts given coordinates in {time.perf_counter() - started:.2f} s"
    )


@consult_cli.command("demo")
def demo_command():
    """Schema, real geography and demo data for Khon Kaen (40). Idempotent."""
    ensure_schema()
    load_geography()
    result = load_demo(password=current_app.config["DEMO_PASSWORD"])
    if not result.created:
        click.echo("demo data already present; nothing changed")
        return
    # the demo's inputs tagged and searchable at once, whether or not a tag worker runs
    tagged = run_tag_worker(current_app._get_current_object(), until_empty=True)
    click.echo(f"demo data loaded for Khon Kaen (40), {tagged} inputs tagged and indexed")
    for username, password in result.passwords.items():
        shown = "(CONSULT_DEMO_PASSWORD)" if current_app.config["DEMO_PASSWORD"] else password
        click.echo(f"  user {username:<8} password {shown}")


@consult_cli.command("scheduler")
def scheduler_command():
    """Run the background scheduler in the foreground; a second one waits as a standby."""
    # Without handlers INFO would be dropped, and with it the mail logged when SMTP is not set up.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    click.echo("scheduler starting (Ctrl+C to stop)")
    # Loaded before the jobs start, so that the first retrain (scikit-learn and the segmenter's
    # dictionary) takes seconds and a stop that lands during it is not held up by imports.
    import consult.inputs.training  # noqa: F401  (the web workers, which import this module, load neither)

    # systemd stops a service with SIGTERM: leave through the same path as Ctrl+C, so the lock is
    # released at once and the standby takes over without waiting for the connection to drop.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        run_scheduler(current_app._get_current_object())
    except (KeyboardInterrupt, SystemExit):
        click.echo("scheduler stopped")


@consult_cli.command("tag-worker")
@click.option("--until-empty", is_flag=True, help="Stop once nothing is left to claim.")
def tag_worker_command(until_empty):
    """Tag and index submitted inputs from the queue; run as many as wanted, on any machines."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # On a machine it shares with the web workers, a niceness above 0 lets a citizen's submission
    # come first; the queue then waits longer (its lag shows in /metrics).
    os.nice(current_app.config["TAG_WORKER_NICE"])
    stop = threading.Event()
    # systemd's SIGTERM and Ctrl+C let the batch in hand finish; a kill loses nothing either
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda signum, frame: stop.set())
    done = run_tag_worker(current_app._get_current_object(), stop=stop, until_empty=until_empty)
    click.echo(f"tag worker stopped: {done} inputs tagged and indexed")


@consult_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_command(path):
    """Copy the whole database to PATH (consistent while the site runs)."""
    try:
        written = backup(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backup written to {written} ({written.stat().st_size:,} bytes)")


@consult_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.confirmation_option(prompt="Replace everything in the database with the backup?")
def restore_command(path):
    """Replace the database's content with a backup made by `consult backup`."""
    db.session.remove()
    db.engine.dispose()
    try:
        restore(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"database restored from {path}")


@consult_cli.command("synth")
@click.option("--inputs", type=click.IntRange(min=0), required=True, help="number of inputs to add")
@click.option("--hearings", type=click.IntRange(min=0), required=True, help="number of hearings to add")
@click.option(
    "--cycles",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="strategy cycles per province, one a year, the latest running today",
)
@click.option("--province", "provinces", multiple=True, help="only this province code (repeatable)")
@click.option("--seed", default=1, show_default=True)
@click.option("--batch", "batch_size", type=click.IntRange(min=1), default=20_000, show_default=True)
def synth_command(inputs, hearings, cycles, provinces, seed, batch_size):
    """Fill the database with synthetic national data (every real subdistrict) in bulk."""
    ensure_schema()
    load_geography()
    spec = SynthSpec(
        inputs=inputs,
        hearings=hearings,
        cycles_per_province=cycles,
        provinces=tuple(provinces),
        seed=seed,
        batch_size=batch_size,
    )
    try:
        report = generate(spec, progress=lambda message: click.echo(f"  {message}", err=True))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"added {report.plans} plans, {report.cycles} cycles, {report.hearings:,} hearings, "
        f"{report.inputs:,} inputs, {report.tags:,} tags in {report.seconds:.1f} s "
        f"({report.inputs / max(report.timings['inputs'], 1e-9):,.0f} inputs/s)"
    )
    problems = consistency_problems()
    for rule, count in problems.items():
        click.echo(f"  inconsistent: {count:,} {rule}", err=True)
    if problems:
        raise click.ClickException("the data is not consistent")
    click.echo("consistency checks passed")


@consult_cli.command("translate")
@click.option(
    "--thai",
    "thai_json",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON object {English msgid: Thai translation} to merge into the Thai catalog",
)
def translate_command(thai_json):
    """Extract messages, update the catalogs and merge Thai translations, under a file lock."""
    missing = update_catalogs(thai_json)
    click.echo(f"catalogs updated; {len(missing)} Thai translations missing")
    for msgid in missing:
        click.echo(f"  missing: {msgid!r}")


def init_app(app) -> None:
    auth_cli.register(consult_cli)
    inputs_cli.register(consult_cli)
    tagging_cli.register(consult_cli)
    app.cli.add_command(consult_cli)
