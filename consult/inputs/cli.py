"""`flask --app wsgi consult pdpa …` (an administrator's answers to data-subject requests), and
`retrain` and `reindex` (the tagger and the search index relearned from the inputs)."""

import json
import time

import click
from flask.cli import AppGroup

from consult.extensions import db
from consult.inputs.operations import find_by_receipt
from consult.inputs.pdpa import erase_contact, export_personal_data
from consult.inputs.search import reindex
from consult.strategy.models import StrategicPlan

pdpa_cli = AppGroup("pdpa", help="Personal data (PDPA): export or erase what is kept for a receipt.")


def _input_for(receipt: str):
    item = find_by_receipt(receipt)
    if item is None:
        raise click.ClickException(f"no input has the receipt {receipt!r}")
    return item


@pdpa_cli.command("export")
@click.argument("receipt")
def export_command(receipt):
    """Print, as JSON, everything kept about the input with this receipt and its contact details."""
    click.echo(json.dumps(export_personal_data(_input_for(receipt)), ensure_ascii=False, indent=2))


@pdpa_cli.command("erase")
@click.argument("receipt")
def erase_command(receipt):
    """Erase the contact details kept with the input with this receipt (the text stays)."""
    item = _input_for(receipt)
    if erase_contact(item, via="command"):
        click.echo(f"contact details of {item.receipt_display} erased")
    else:
        click.echo(f"{item.receipt_display} has no contact details; nothing to erase")


@click.command("retrain")
@click.option("--plan", "plan_id", type=int, help="only this strategic plan (default: every plan)")
def retrain_command(plan_id):
    """Learn each plan's tagger from the tags planners confirmed, and store it as a new version."""
    # scikit-learn loads when this command trains, not in every process that builds the group
    from consult.inputs.training import retrain

    plans = (
        [db.session.get(StrategicPlan, plan_id)]
        if plan_id
        else db.session.scalars(db.select(StrategicPlan).order_by(StrategicPlan.id)).all()
    )
    if plans == [None]:
        raise click.ClickException(f"no strategic plan {plan_id}")
    for plan in plans:
        model = retrain(plan)
        click.echo(
            f"plan {plan.id}: "
            + (
                f"tagger {model.version} from {model.training_size} inputs"
                if model
                else "unchanged (no new confirmed tags)"
            )
        )


@click.command("reindex")
@click.option("--province", help="only this province code")
def reindex_command(province):
    """Rebuild the full-text search index of inputs (after bulk loads such as synth)."""
    started = time.perf_counter()
    done = reindex(province)
    click.echo(f"indexed {done:,} inputs in {time.perf_counter() - started:.1f} s")


def register(group) -> None:
    group.add_command(pdpa_cli)
    group.add_command(retrain_command)
    group.add_command(reindex_command)
