"""The seeded managed lists and default matrix (migration 0002, sharing/defaults.py)."""

from __future__ import annotations

import pytest

from samenspel.accounts.models import OrganisationType as T
from samenspel.sharing.defaults import CONCERN_CATEGORIES, DEFAULT_RULES, INFORMATION_CATEGORIES, install_defaults
from samenspel.sharing.models import ConcernCategory, InformationCategory, SharingRule

pytestmark = pytest.mark.django_db


def receivers(code: str) -> set[str]:
    return set(
        SharingRule.objects.filter(category__code=code, may_receive=True).values_list("organisation_type", flat=True)
    )


def providers(code: str) -> set[str]:
    return set(
        SharingRule.objects.filter(category__code=code, may_provide=True).values_list("organisation_type", flat=True)
    )


def test_information_categories_are_seeded_with_dutch_labels_and_stable_codes():
    install_defaults()
    seeded = dict(InformationCategory.objects.values_list("code", "name"))
    assert seeded == {
        "identification": "Identificatie",
        "education": "Onderwijs",
        "care_and_welfare": "Zorg en welzijn",
        "police_and_justice": "Politie en justitie",
        "family": "Gezin",
        "online": "Online",
        "intelligence": "Inlichtingen",
    }
    assert [c.code for c in InformationCategory.objects.all()] == [code for code, _n, _d in INFORMATION_CATEGORIES]


def test_concern_categories_are_seeded_in_order():
    install_defaults()
    assert list(ConcernCategory.objects.values_list("name", flat=True)) == [name for _c, name in CONCERN_CATEGORIES]
    assert "Dreiging of geweld" in ConcernCategory.objects.values_list("name", flat=True)


def test_only_police_and_the_municipality_receive_police_information():
    install_defaults()
    assert receivers("police_and_justice") == {T.POLICE, T.MUNICIPALITY}
    assert T.POLICE in providers("police_and_justice")


def test_nobody_receives_intelligence_by_default():
    install_defaults()
    assert receivers("intelligence") == set()
    assert providers("intelligence") == set()


def test_schools_provide_education_and_do_not_receive_care_or_police_information():
    install_defaults()
    assert T.EDUCATION in providers("education")
    assert T.EDUCATION not in receivers("care_and_welfare")
    assert T.EDUCATION not in receivers("police_and_justice")


def test_municipality_and_hub_receive_everything_but_the_two_restricted_categories():
    install_defaults()
    for code in DEFAULT_RULES:
        expected = code not in {"intelligence", "police_and_justice"}
        assert (T.HUB in receivers(code)) is expected, code
        assert (T.MUNICIPALITY in receivers(code)) is (code != "intelligence"), code


def test_install_defaults_keeps_changes_made_since():
    install_defaults()
    rule = SharingRule.objects.get(organisation_type=T.EDUCATION, category__code="family")
    rule.may_receive = True
    rule.save()
    InformationCategory.objects.filter(code="online").update(name="Online gedrag en uitingen")
    install_defaults()
    assert SharingRule.objects.get(pk=rule.pk).may_receive is True
    assert InformationCategory.objects.get(code="online").name == "Online gedrag en uitingen"
    assert SharingRule.objects.filter(organisation_type=T.EDUCATION, category__code="family").count() == 1
