"""All ORM tables, in one package so domains can reference each other without import cycles."""

from ungeapi.models.absence import AbsenceRecord
from ungeapi.models.assessment import DisabilityTransitionAssessment, TargetGroupAssessment
from ungeapi.models.audit import AuditEvent
from ungeapi.models.base import Base
from ungeapi.models.case import YouthCase
from ungeapi.models.citizen import CitizenSubject, YouthStatement
from ungeapi.models.concern import Concern
from ungeapi.models.consent import Consent, YouthPseudonymization
from ungeapi.models.disclosure import Disclosure
from ungeapi.models.document import Document, DocumentContent
from ungeapi.models.education_order import EducationOrder
from ungeapi.models.event import ChangeEvent
from ungeapi.models.feed_token import FeedToken
from ungeapi.models.guide import GuideAssignment
from ungeapi.models.idempotency import IdempotencyRecord
from ungeapi.models.imports import ImportJob, ImportProblem
from ungeapi.models.legal_basis import LegalBasis
from ungeapi.models.meeting import AgendaItem, ForumMeeting, MeetingDecision
from ungeapi.models.network import NetworkMeeting
from ungeapi.models.note import CoordinationNote, CoordinationNoteVersion
from ungeapi.models.obligation import ObligationResolution
from ungeapi.models.offer import Offer
from ungeapi.models.organisation import Department, MunicipalitySettings
from ungeapi.models.placement import AftercareDecision, YouthPlan
from ungeapi.models.plan import Plan, PlanGoal, PlanMeasure, PlanRevision
from ungeapi.models.progression import PlanProgression, ProgressionPhase
from ungeapi.models.referral import Referral
from ungeapi.models.team import CoordinatingTeam, TeamMember
from ungeapi.models.team_meeting import TeamMeeting, TeamMeetingGoal
from ungeapi.models.transition import TransitionForm, TransitionFormVersion
from ungeapi.models.webhook import WebhookDelivery, WebhookSubscription
from ungeapi.models.youth import Youth

__all__ = [
    "AbsenceRecord",
    "AftercareDecision",
    "AgendaItem",
    "AuditEvent",
    "Base",
    "ChangeEvent",
    "CitizenSubject",
    "Concern",
    "Consent",
    "CoordinatingTeam",
    "CoordinationNote",
    "CoordinationNoteVersion",
    "Department",
    "DisabilityTransitionAssessment",
    "Disclosure",
    "Document",
    "DocumentContent",
    "EducationOrder",
    "FeedToken",
    "ForumMeeting",
    "GuideAssignment",
    "IdempotencyRecord",
    "ImportJob",
    "ImportProblem",
    "LegalBasis",
    "MeetingDecision",
    "MunicipalitySettings",
    "NetworkMeeting",
    "ObligationResolution",
    "Offer",
    "Plan",
    "PlanGoal",
    "PlanMeasure",
    "PlanProgression",
    "PlanRevision",
    "ProgressionPhase",
    "Referral",
    "TargetGroupAssessment",
    "TeamMeeting",
    "TeamMeetingGoal",
    "TeamMember",
    "TransitionForm",
    "TransitionFormVersion",
    "WebhookDelivery",
    "WebhookSubscription",
    "Youth",
    "YouthCase",
    "YouthPlan",
    "YouthPseudonymization",
    "YouthStatement",
]
