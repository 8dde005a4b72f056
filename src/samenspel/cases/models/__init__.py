"""Subjects (the persons cases are about), cases with their team and phase history, and the
information and assessments recorded on them. There is no score of a person anywhere."""

from samenspel.cases.models.cases import Case, CasePhaseChange, CaseTeamMember, DetentionStatus, IdeologyContext
from samenspel.cases.models.information import InformationItem, LifeDomain, LifeDomainAssessment
from samenspel.cases.models.subjects import RelatedPerson, Relation, Subject

__all__ = [
    "Case",
    "CasePhaseChange",
    "CaseTeamMember",
    "DetentionStatus",
    "IdeologyContext",
    "InformationItem",
    "LifeDomain",
    "LifeDomainAssessment",
    "RelatedPerson",
    "Relation",
    "Subject",
]
