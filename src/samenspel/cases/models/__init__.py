"""Subjects (the persons cases are about), cases with their team and phase history, the
information and assessments recorded on them, their plans, reviews, closure and transfer.
There is no score of a person anywhere."""

from samenspel.cases.models.cases import Case, CasePhaseChange, CaseTeamMember, DetentionStatus, IdeologyContext
from samenspel.cases.models.closure import CaseClosure, CaseReopening, CaseTransfer, ClosureReason
from samenspel.cases.models.information import InformationItem, LifeDomain, LifeDomainAssessment
from samenspel.cases.models.plans import (
    CaseReview,
    Goal,
    GoalOutcome,
    Intervention,
    InterventionStatusChange,
    InterventionType,
    Plan,
    Trend,
)
from samenspel.cases.models.subjects import RelatedPerson, Relation, Subject

__all__ = [
    "Case",
    "CaseClosure",
    "CasePhaseChange",
    "CaseReopening",
    "CaseReview",
    "CaseTeamMember",
    "CaseTransfer",
    "ClosureReason",
    "DetentionStatus",
    "Goal",
    "GoalOutcome",
    "IdeologyContext",
    "InformationItem",
    "Intervention",
    "InterventionStatusChange",
    "InterventionType",
    "LifeDomain",
    "LifeDomainAssessment",
    "Plan",
    "RelatedPerson",
    "Relation",
    "Subject",
    "Trend",
]
