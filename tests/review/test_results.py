"""The public "you said, we did" page: counts for everyone, words and quotes only from approved
texts of a province that publishes them."""
from consult.extensions import db
from consult.inputs.models import ProvinceInputPolicy


def test_counts_without_any_text_while_the_province_does_not_publish(client, review_world):
    page = client.get(f"/cycles/{review_world['cycle'].id}/results?lang=en").get_data(as_text=True)
    assert "<strong>9</strong> inputs" in page
    assert "4 inputs raised this issue." in page  # SI01
    assert 'class="terms"' not in page
    assert review_world["inputs"][1].text not in page


def test_only_approved_texts_once_the_province_publishes(client, review_world):
    db.session.add(ProvinceInputPolicy(province_code="40", publish_texts=True))
    db.session.commit()
    page = client.get(f"/cycles/{review_world['cycle'].id}/results/SI01?lang=en").get_data(as_text=True)
    approved, pending = review_world["inputs"][1], review_world["inputs"][2]
    assert approved.text in page and pending.text not in page
    assert "ตลาด" in page  # a word of the approved texts
    assert "โรงสี" not in page  # a word only the pending input used
    assert client.get(f"/cycles/{review_world['cycle'].id}/results/SI99").status_code == 404
