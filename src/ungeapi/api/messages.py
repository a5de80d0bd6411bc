"""The one message catalogue the API renders problems from: core's texts and every domain's.

Each domain owns its texts in its own `messages.py`; they meet here, above the domains, because
core imports none of them. `merge` refuses a code that two of them define.
"""

from ungeapi.absence import messages as absence
from ungeapi.assessments import messages as assessments
from ungeapi.cases import messages as cases
from ungeapi.concerns import messages as concerns
from ungeapi.consents import messages as consents
from ungeapi.core import messages as core
from ungeapi.disclosure import messages as disclosure
from ungeapi.documents import messages as documents
from ungeapi.education_orders import messages as education_orders
from ungeapi.events import messages as events
from ungeapi.feeds import messages as feeds
from ungeapi.guides import messages as guides
from ungeapi.imports import messages as imports
from ungeapi.law import messages as law
from ungeapi.me import messages as me
from ungeapi.meetings import messages as meetings
from ungeapi.municipality import messages as municipality
from ungeapi.network import messages as network
from ungeapi.notes import messages as notes
from ungeapi.obligations import messages as obligations
from ungeapi.offers import messages as offers
from ungeapi.placements import messages as placements
from ungeapi.plans import messages as plans
from ungeapi.privacy import messages as privacy
from ungeapi.progression import messages as progression
from ungeapi.referrals import messages as referrals
from ungeapi.teams import messages as teams
from ungeapi.transitions import messages as transitions
from ungeapi.youth import messages as youth

CATALOGUE = core.merge(
    core.CATALOGUE,
    absence.CATALOGUE,
    assessments.CATALOGUE,
    cases.CATALOGUE,
    concerns.CATALOGUE,
    consents.CATALOGUE,
    disclosure.CATALOGUE,
    documents.CATALOGUE,
    events.CATALOGUE,
    feeds.CATALOGUE,
    guides.CATALOGUE,
    imports.CATALOGUE,
    law.CATALOGUE,
    me.CATALOGUE,
    meetings.CATALOGUE,
    municipality.CATALOGUE,
    network.CATALOGUE,
    notes.CATALOGUE,
    obligations.CATALOGUE,
    offers.CATALOGUE,
    placements.CATALOGUE,
    education_orders.CATALOGUE,
    plans.CATALOGUE,
    privacy.CATALOGUE,
    progression.CATALOGUE,
    referrals.CATALOGUE,
    teams.CATALOGUE,
    transitions.CATALOGUE,
    youth.CATALOGUE,
)
