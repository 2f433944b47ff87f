"""`flask --app wsgi consult pdpa …`: an administrator's answers to data-subject requests."""
import json

import click
from flask.cli import AppGroup

from consult.inputs.operations import find_by_receipt
from consult.inputs.pdpa import erase_contact, export_personal_data

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
