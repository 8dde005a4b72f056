"""Reads of signals and triage records, already filtered for the user asking (stage 2)."""

from __future__ import annotations

from django.db import models


class SignalQuerySet(models.QuerySet):
    pass


class SignalTransitionQuerySet(models.QuerySet):
    pass


class AssessmentNoteQuerySet(models.QuerySet):
    pass


class TriageDecisionQuerySet(models.QuerySet):
    pass


class InformationRequestQuerySet(models.QuerySet):
    pass


class AttachmentQuerySet(models.QuerySet):
    pass
