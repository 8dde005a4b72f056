"""Small helpers shared by the intake views."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    """A page of a list without counting the whole list (one row more tells whether there is
    a next page): the query cost stays the same however many rows there are."""

    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def page_of(queryset: QuerySet, raw_number: str | None, size: int = PAGE_SIZE) -> Page:
    try:
        number = int(raw_number or "1")
    except ValueError:
        number = 1
    number = min(max(number, 1), 10_000)
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Page(items=rows[:size], number=number, has_next=len(rows) > size)


def save_failed_message() -> str:
    return _(
        "Dit kon niet worden opgeslagen, omdat tegelijk een vergelijkbare wijziging is gedaan. Probeer het opnieuw."
    )
