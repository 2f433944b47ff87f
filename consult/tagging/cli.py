"""`flask --app wsgi consult tag …` and `tag-eval`: the tagger on CSV files, without a database."""

import click


@click.command("tag")
@click.argument("in_path", metavar="IN.csv", type=click.Path(exists=True, dir_okay=False))
@click.option("--issues", "issues_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--train", "train_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, writable=True))
def tag_command(in_path, issues_path, train_path, out_path):
    """Suggest strategic issues for the inputs of a CSV file (no database needed)."""
    # scikit-learn loads when a command tags, not in every process that builds the command group
    from consult.tagging.batch import tag_csv

    try:
        count = tag_csv(in_path, issues_path, out_path, train_path=train_path)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"tagged {count} inputs into {out_path}", err=True)


@click.command("tag-eval")
@click.argument("labelled_path", metavar="LABELLED.csv", type=click.Path(exists=True, dir_okay=False))
@click.option("--issues", "issues_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--folds", default=5, show_default=True)
def tag_eval_command(labelled_path, issues_path, folds):
    """Micro and macro precision, recall and F1 under k-fold cross-validation."""
    # scikit-learn loads when a command evaluates, not in every process that builds the group
    from consult.tagging.batch import evaluate_csv

    try:
        click.echo(evaluate_csv(labelled_path, issues_path, folds=folds))
    except ValueError as error:
        raise click.ClickException(str(error)) from error


def register(group) -> None:
    group.add_command(tag_command)
    group.add_command(tag_eval_command)
