import csv

import pytest

from consult.tagging.batch import evaluate_csv, tag_csv


def write_csv(path, header, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def inputs_path(tmp_path):
    return write_csv(
        tmp_path / "in.csv",
        ["id", "text_th", "channel"],
        [
            ["x1", "ถนนเข้าหมู่บ้านพังเป็นหลุม ขอลาดยางใหม่", "line"],
            ["x2", "สวัสดีครับ", "online"],
            ["x3", 'ขยะล้นถัง, ควัน "เผาขยะ" ทุกคืน\nช่วยด้วย', "online"],
        ],
    )


def test_tag_csv_writes_codes_and_scores(tmp_path, inputs_path, issues_path):
    out_path = tmp_path / "out.csv"
    assert tag_csv(inputs_path, issues_path, out_path) == 3
    rows = read_csv(out_path)
    assert list(rows[0]) == ["id", "labels", "scores"]
    assert [row["id"] for row in rows] == ["x1", "x2", "x3"]
    assert rows[0]["labels"].split("|")[0] == "SI07"
    assert rows[1]["labels"] == rows[1]["scores"] == ""
    assert rows[2]["labels"].split("|")[0] == "SI08"
    for row in rows:
        labels = [code for code in row["labels"].split("|") if code]
        scores = [float(score) for score in row["scores"].split("|") if score]
        assert len(labels) == len(scores)
        assert all(0 <= score <= 1 for score in scores)
        assert all(len(score.split(".")[1]) == 3 for score in row["scores"].split("|") if score)


def test_tag_csv_learns_from_a_labelled_file(tmp_path, inputs_path, issues_path):
    train_path = write_csv(
        tmp_path / "train.csv",
        ["id", "text_th", "labels"],
        [[f"t{i}", f"zorblax รอบที่ {i}", "SI04"] for i in range(6)] + [["t9", "ขอบคุณครับ", ""]],
    )
    write_csv(inputs_path, ["id", "text_th"], [["z", "zorblax อีกแล้ว"]])
    out_path = tmp_path / "out.csv"
    tag_csv(inputs_path, issues_path, out_path, train_path=train_path)
    assert read_csv(out_path)[0]["labels"].startswith("SI04")


def test_missing_columns_are_named(tmp_path, issues_path):
    bad = write_csv(tmp_path / "bad.csv", ["id", "text"], [["1", "ถนนพัง"]])
    with pytest.raises(ValueError, match="text_th"):
        tag_csv(bad, issues_path, tmp_path / "out.csv")
    bad_issues = write_csv(tmp_path / "issues.csv", ["code", "title_th"], [["SI01", "เกษตร"]])
    with pytest.raises(ValueError, match="keywords_th"):
        tag_csv(bad, bad_issues, tmp_path / "out.csv")
    bad_train = write_csv(tmp_path / "train.csv", ["id", "text_th"], [["1", "ถนนพัง"]])
    good = write_csv(tmp_path / "in.csv", ["id", "text_th"], [["1", "ถนนพัง"]])
    with pytest.raises(ValueError, match="labels"):
        tag_csv(good, issues_path, tmp_path / "out.csv", train_path=bad_train)


def test_files_that_are_not_utf8_are_refused(tmp_path, issues_path):
    thai_windows = write_csv(tmp_path / "cp874.csv", ["id", "text_th"], [["1", "ถนนพัง"]], encoding="cp874")
    with pytest.raises(ValueError, match="UTF-8"):
        tag_csv(thai_windows, issues_path, tmp_path / "out.csv")


def test_evaluate_csv_reports_micro_and_macro(tmp_path, dev_rows, issues_path):
    labelled = write_csv(
        tmp_path / "labelled.csv",
        ["id", "text_th", "labels"],
        [[row_id, text, "|".join(codes)] for row_id, text, codes in dev_rows[:60]],
    )
    report = evaluate_csv(labelled, issues_path, folds=3)
    for phrase in (
        "3-fold cross-validation, micro",
        "3-fold cross-validation, macro",
        "catalogue only (no training), micro",
        "catalogue only (no training), macro",
        "precision",
        "recall",
        "F1",
        "SI10",
    ):
        assert phrase in report


def test_evaluate_csv_refuses_duplicate_ids(tmp_path, issues_path):
    labelled = write_csv(tmp_path / "l.csv", ["id", "text_th", "labels"], [["1", "ถนนพัง", "SI07"]] * 6)
    with pytest.raises(ValueError, match="more than once"):
        evaluate_csv(labelled, issues_path)
