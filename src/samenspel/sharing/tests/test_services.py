"""Changing the agreement: application managers only, audited, effective at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from samenspel.accounts.models import OrganisationType as T
from samenspel.cases.models import InformationItem
from samenspel.core.exceptions import NotAllowed
from samenspel.sharing import policy, services
from samenspel.sharing.models import InformationCategory, SharingRule
from samenspel.testing.factories_cases import category

pytestmark = pytest.mark.django_db


def test_a_rule_change_takes_effect_at_once(personas, case_scenario):
    police_item = case_scenario.items["police_and_justice"]
    teacher = personas.teacher
    assert police_item not in InformationItem.objects.visible_to(teacher)
    services.set_rule(
        personas.app_manager,
        organisation_type=T.EDUCATION,
        category=category("police_and_justice"),
        may_provide=False,
        may_receive=True,
    )
    assert police_item in InformationItem.objects.visible_to(teacher)
    assert policy.can_receive(teacher, category("police_and_justice"))
    services.set_rule(
        personas.app_manager,
        organisation_type=T.EDUCATION,
        category=category("police_and_justice"),
        may_provide=False,
        may_receive=False,
    )
    assert police_item not in InformationItem.objects.visible_to(teacher)
    assert SharingRule.objects.filter(organisation_type=T.EDUCATION, category__code="police_and_justice").count() == 1


@pytest.mark.parametrize("persona", ["coordinator", "teacher", "privacy_officer", "analyst", "mayors_office"])
def test_only_application_managers_change_the_agreement(personas, persona):
    user = getattr(personas, persona)
    with pytest.raises(NotAllowed):
        services.set_rule(
            user, organisation_type=T.EDUCATION, category=category("family"), may_provide=True, may_receive=True
        )
    with pytest.raises(NotAllowed):
        services.create_information_category(user, code="finances", name="Financiën")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"organisation_type": "sekte"}, "organisation_type"),
        ({"category": None}, "category"),
        ({"category": "family"}, "category"),
        ({"may_provide": "ja"}, "may_provide"),
        ({"may_receive": None}, "may_receive"),
    ],
)
def test_bad_rules_are_refused(personas, kwargs, field):
    data = {"organisation_type": T.EDUCATION, "category": category("family"), "may_provide": True, "may_receive": True}
    data.update(kwargs)
    with pytest.raises(ValidationError) as excinfo:
        services.set_rule(personas.app_manager, **data)
    assert field in excinfo.value.message_dict


def test_a_new_category_is_shared_with_nobody_until_a_rule_says_so(personas):
    finances = services.create_information_category(personas.app_manager, code="finances", name="Financiën")
    assert finances.position > InformationCategory.objects.get(code="intelligence").position
    assert not SharingRule.objects.filter(category=finances).exists()
    assert not policy.can_receive(personas.coordinator, finances)


@pytest.mark.parametrize(
    ("code", "name", "field"),
    [
        ("", "Financiën", "code"),
        ("met spatie", "Financiën", "code"),
        ("finances", "", "name"),
        ("finances", "<b>Financiën</b>", "name"),
        ("education", "Nog eens onderwijs", "code"),
        ("finances2", "Onderwijs", "name"),
    ],
)
def test_bad_categories_are_refused(personas, code, name, field):
    with pytest.raises(ValidationError) as excinfo:
        services.create_information_category(personas.app_manager, code=code, name=name)
    assert field in excinfo.value.message_dict


def test_a_withdrawn_category_is_kept_on_existing_records(personas, case_scenario):
    online = category("online")
    services.set_category_active(personas.app_manager, online, False)
    assert not InformationCategory.objects.get(pk=online.pk).is_active
    assert case_scenario.items["online"] in InformationItem.objects.visible_to(personas.police_officer)
