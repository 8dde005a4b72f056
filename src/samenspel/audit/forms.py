"""The privacy officer's filter of the audit log. Everything it accepts is an id, a date or a
code from a fixed list, so the query string never carries names or free text; every choice
list is limited to what the officer may see."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import User
from samenspel.audit.models import AuditEntry, Result
from samenspel.audit.selectors import organisations_in_scope

DISPLAY_ZONE = ZoneInfo("Europe/Amsterdam")
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(9998, 12, 31)
MAX_ID = 2**63 - 1
ACTIONS_CACHE_KEY = "samenspel.audit.known_actions"
ACTIONS_CACHE_SECONDS = 300

_CHOICE_ERROR = _("Kies een waarde uit de lijst.")
_CURSOR_ERROR = _("Ongeldige paginapositie.")
_DATE_ERRORS = {"invalid": _("Vul een geldige datum in (jjjj-mm-dd).")}


def known_actions(*, refresh: bool = False) -> list[str]:
    """The action codes present in the log. Action codes name what the software did, never a
    person, so the list is shared by all readers; cached because the log only grows."""
    actions = None if refresh else cache.get(ACTIONS_CACHE_KEY)
    if actions is None:
        actions = _distinct_actions()
        cache.set(ACTIONS_CACHE_KEY, actions, ACTIONS_CACHE_SECONDS)
    return actions


def _distinct_actions() -> list[str]:
    if connection.vendor == "postgresql":
        # A loose index scan over the action index: one probe per distinct value instead of
        # reading every row of a table that holds millions.
        table = connection.ops.quote_name(AuditEntry._meta.db_table)
        sql = (
            f"WITH RECURSIVE actions(action) AS ("  # noqa: S608 - the table name is the model's, not input
            f" (SELECT action FROM {table} ORDER BY action LIMIT 1)"
            f" UNION ALL"
            f" SELECT (SELECT action FROM {table} WHERE action > actions.action ORDER BY action LIMIT 1)"
            f" FROM actions WHERE actions.action IS NOT NULL"
            f") SELECT action FROM actions WHERE action IS NOT NULL"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [row[0] for row in cursor.fetchall()]
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())


class AuditFilterForm(forms.Form):
    """Bound to request.GET. Field names are the query-string keys."""

    user = forms.TypedChoiceField(
        label=_("Gebruiker"), required=False, coerce=int, error_messages={"invalid_choice": _CHOICE_ERROR}
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisatie"), required=False, coerce=int, error_messages={"invalid_choice": _CHOICE_ERROR}
    )
    subject = forms.CharField(
        label=_("Betrokkene (nummer)"),
        required=False,
        max_length=64,
        validators=[
            RegexValidator(r"^[0-9A-Za-z-]+\Z", message=_("Vul het nummer van de betrokkene in (cijfers en letters)."))
        ],
        error_messages={"max_length": _("Een nummer van een betrokkene is hoogstens 64 tekens lang.")},
    )
    date_from = forms.DateField(label=_("Vanaf"), required=False, error_messages=_DATE_ERRORS)
    date_to = forms.DateField(label=_("Tot en met"), required=False, error_messages=_DATE_ERRORS)
    action = forms.ChoiceField(label=_("Handeling"), required=False, error_messages={"invalid_choice": _CHOICE_ERROR})
    result = forms.ChoiceField(
        label=_("Resultaat"),
        required=False,
        choices=[("", _("Alle")), *Result.choices],
        error_messages={"invalid_choice": _CHOICE_ERROR},
    )
    # Keyset cursors: entry ids, which identify a log line and no person.
    before = forms.IntegerField(required=False, widget=forms.HiddenInput)
    after = forms.IntegerField(required=False, widget=forms.HiddenInput)

    # The query-string keys the date fields read ("from" is a Python keyword).
    QUERY_KEYS = {"date_from": "from", "date_to": "to"}
    CURSOR_FIELDS = ("before", "after")

    def __init__(self, data, *, reader: User) -> None:
        super().__init__(data)
        self.reader = reader
        self.organisations = list(organisations_in_scope(reader).order_by("name").values_list("pk", "name"))
        organisation_ids = [pk for pk, _name in self.organisations]
        users = (
            User.objects.filter(organisation_id__in=organisation_ids)
            .order_by("full_name", "email")
            .values_list("pk", "full_name", "email")
        )
        everyone = ("", _("Iedereen"))
        self.fields["user"].choices = [everyone, *((pk, name or email) for pk, name, email in users)]
        self.fields["organisation"].choices = [("", _("Alle organisaties")), *self.organisations]
        actions = known_actions()
        if data is not None and data.get("action") and data.get("action") not in actions:
            actions = known_actions(refresh=True)  # an action may have appeared since the cache filled
        self.fields["action"].choices = [("", _("Alle handelingen")), *((a, a) for a in actions)]
        for name in self.CURSOR_FIELDS:
            field = self.fields[name]
            field.validators = [MinValueValidator(1, _CURSOR_ERROR), MaxValueValidator(MAX_ID, _CURSOR_ERROR)]
            field.error_messages = {**field.error_messages, "invalid": _CURSOR_ERROR}
        for name in ("date_from", "date_to"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        for name, field in self.fields.items():
            css = "utrecht-select utrecht-select--html-select" if isinstance(field, forms.ChoiceField) else ""
            if name in ("subject", "date_from", "date_to"):
                css = "utrecht-textbox utrecht-textbox--html-input"
            if css:
                field.widget.attrs["class"] = css

    def full_clean(self) -> None:
        super().full_clean()
        for name in self._errors or {}:
            field = self.fields.get(name)
            if field is not None and "class" in field.widget.attrs:
                base = field.widget.attrs["class"].split()[0]
                field.widget.attrs["class"] += f" {base}--invalid"

    def add_prefix(self, field_name: str) -> str:
        return self.QUERY_KEYS.get(field_name, field_name)

    def clean_date_from(self) -> date | None:
        return self._clean_date("date_from")

    def clean_date_to(self) -> date | None:
        return self._clean_date("date_to")

    def _clean_date(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise forms.ValidationError(
                _("Kies een datum tussen %(earliest)s en %(latest)s."),
                params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            )
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        if cleaned.get("before") and cleaned.get("after"):
            self.add_error(None, _CURSOR_ERROR)
        return cleaned

    # Applying the filter -------------------------------------------------------------------

    def filter(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        """The entries matching the cleaned filter (cursors not applied)."""
        data = self.cleaned_data
        if data.get("user") not in (None, ""):
            entries = entries.filter(actor_id=data["user"])
        if data.get("organisation") not in (None, ""):
            entries = entries.filter(actor_organisation_id=data["organisation"])
        if data.get("subject"):
            entries = entries.filter(subject_id=data["subject"])
        if data.get("date_from"):
            entries = entries.filter(timestamp__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            entries = entries.filter(timestamp__lt=_start_of(data["date_to"] + timedelta(days=1)))
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("result"):
            entries = entries.filter(result=data["result"])
        return entries

    def filter_params(self) -> dict[str, str]:
        """The cleaned filter as query-string values (for links), cursors left out."""
        params: dict[str, str] = {}
        for name, value in self.cleaned_data.items():
            if name in self.CURSOR_FIELDS or value in (None, ""):
                continue
            params[self.add_prefix(name)] = value.isoformat() if isinstance(value, date) else str(value)
        return params


def _start_of(day: date) -> datetime:
    """Midnight at the start of the day in the Netherlands (entries are stored in UTC)."""
    return datetime.combine(day, time.min, tzinfo=DISPLAY_ZONE)
