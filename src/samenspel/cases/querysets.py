"""Reads of cases, already filtered for the user asking (filled in stage 2)."""

from __future__ import annotations

from django.db import models


class SubjectQuerySet(models.QuerySet):
    pass


class RelatedPersonQuerySet(models.QuerySet):
    pass


class CaseQuerySet(models.QuerySet):
    pass


class CasePhaseChangeQuerySet(models.QuerySet):
    pass


class CaseTeamMemberQuerySet(models.QuerySet):
    pass


class InformationItemQuerySet(models.QuerySet):
    pass


class LifeDomainAssessmentQuerySet(models.QuerySet):
    pass
