"""An opportunity's impact is a benefit, not a harm (issue 19, finding 12)."""

from django.urls import reverse

from risks.forms import RiskForm
from risks.models import Kind
from tests.risks.risk_support import make_risk


def _impact_labels(form) -> list[str]:
    return [label for _value, label in form.fields["impact"].choices]


def test_an_opportunitys_impact_reads_as_a_benefit(agency, people):
    form = RiskForm(
        data={"kind": Kind.OPPORTUNITY}, agency=agency, year=2025, user=people["iso_officer"]
    )
    assert _impact_labels(form)[-1] == "5 – Lợi ích rất lớn"
    risk_form = RiskForm(
        data={"kind": Kind.RISK}, agency=agency, year=2025, user=people["iso_officer"]
    )
    assert _impact_labels(risk_form)[-1] == "5 – Nghiêm trọng"
    assert 'data-labels-by="kind"' in str(form["impact"])


def test_the_detail_page_names_an_opportunitys_impact_as_a_benefit(client, agency, people):
    risk = make_risk(agency, kind=Kind.OPPORTUNITY, likelihood=2, impact=5)
    client.force_login(people["staff"])
    html = client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert "2 × 5 (lợi ích rất lớn) = 10" in html and "nghiêm trọng" not in html
