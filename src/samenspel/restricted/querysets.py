"""Reads of restricted documents, already filtered for the user asking. `visible_to(user)` is
the only way views, the API and services fetch these records; the rules are in
restricted.policy."""

from __future__ import annotations

from django.db import models

from samenspel.restricted import policy


class RestrictedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> RestrictedDocumentQuerySet:
        """The documents the user registered (in scope) or holds a current grant for."""
        return self.filter(policy.document_q(user))

    def managed_by(self, user) -> RestrictedDocumentQuerySet:
        return self.filter(policy.registrar_q(user))


class AccessGrantQuerySet(models.QuerySet):
    def visible_to(self, user) -> AccessGrantQuerySet:
        """The grants of the documents the user sees."""
        return self.filter(policy.document_q(user, "document__"))

    def current(self, now=None) -> AccessGrantQuerySet:
        return self.filter(policy.current_grant_q(now))


class ReleaseDecisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReleaseDecisionQuerySet:
        return self.filter(policy.document_q(user, "document__"))
