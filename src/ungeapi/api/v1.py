from starlette.routing import BaseRoute

from ungeapi.absence.router import router as absence_router
from ungeapi.api.vocabularies import router as vocabularies_router
from ungeapi.assessments.router import disability_router, target_group_router
from ungeapi.cases.router import router as cases_router
from ungeapi.cases.router import youth_cases_router
from ungeapi.concerns.router import router as concerns_router
from ungeapi.consents.router import router as consents_router
from ungeapi.disclosure.router import router as disclosures_router
from ungeapi.documents.router import router as documents_router
from ungeapi.education_orders.router import router as education_orders_router
from ungeapi.events.router import events_router, webhooks_router
from ungeapi.feeds.router import router as feed_tokens_router
from ungeapi.guides.router import router as guides_router
from ungeapi.imports.router import router as imports_router
from ungeapi.law.router import router as legal_bases_router
from ungeapi.me.router import router as me_router
from ungeapi.me.router import staff_router as statements_router
from ungeapi.me.router import subjects_router as citizen_subjects_router
from ungeapi.meetings.router import feed_router as meetings_feed_router
from ungeapi.meetings.router import router as meetings_router
from ungeapi.municipality.router import departments_router, settings_router
from ungeapi.network.router import router as network_router
from ungeapi.notes.router import router as notes_router
from ungeapi.obligations.router import router as obligations_router
from ungeapi.offers.router import router as offers_router
from ungeapi.overview.router import router as overview_router
from ungeapi.placements.router import aftercare_router, youth_plans_router
from ungeapi.plans.router import router as plans_router
from ungeapi.privacy.router import audit_router
from ungeapi.privacy.router import youth_router as privacy_youth_router
from ungeapi.progression.router import plans_router as progression_router
from ungeapi.progression.router import scale_router as progression_scale_router
from ungeapi.progression.router import statistics_router as progression_statistics_router
from ungeapi.referrals.router import router as referrals_router
from ungeapi.statistics.router import router as statistics_router
from ungeapi.teams.router import router as teams_router
from ungeapi.transitions.router import forecast_router
from ungeapi.transitions.router import router as transitions_router
from ungeapi.workflows.router import meetings_router as meeting_flows_router
from ungeapi.workflows.router import referrals_router as referral_flows_router
from ungeapi.youth.router import router as youth_router

# The API's routes in one flat list, in the order they are tried. Each domain router carries
# its whole path (/v1/...): FastAPI 0.165 walks an included router's tree and checks its routes
# version on every request, which cost up to 0.3 ms for a route near the end of the list
# (bench/ANALYSIS.md); a flat list is matched by the routes themselves.
routes: list[BaseRoute] = [
    *youth_router.routes,
    *youth_cases_router.routes,
    *settings_router.routes,
    *departments_router.routes,
    *cases_router.routes,
    *guides_router.routes,
    *obligations_router.routes,
    *progression_router.routes,
    *plans_router.routes,
    *progression_scale_router.routes,
    *offers_router.routes,
    *concerns_router.routes,
    *network_router.routes,
    # Before referrals' POST /referrals/{referral_id}/{action}, which would take `schedule` for an action.
    *referral_flows_router.routes,
    *referrals_router.routes,
    *meetings_feed_router.routes,
    *feed_tokens_router.routes,
    *meetings_router.routes,
    *meeting_flows_router.routes,
    *consents_router.routes,
    *disclosures_router.routes,
    *privacy_youth_router.routes,
    *statements_router.routes,
    *audit_router.routes,
    *statistics_router.routes,
    *progression_statistics_router.routes,
    *absence_router.routes,
    *events_router.routes,
    *webhooks_router.routes,
    *imports_router.routes,
    *overview_router.routes,
    *transitions_router.routes,
    *teams_router.routes,
    *forecast_router.routes,
    *youth_plans_router.routes,
    *aftercare_router.routes,
    *target_group_router.routes,
    *disability_router.routes,
    *education_orders_router.routes,
    *vocabularies_router.routes,
    *legal_bases_router.routes,
    *notes_router.routes,
    *documents_router.routes,
    # The youth's own door: a citizen's token, and nothing else, opens these (core/citizen.py).
    *me_router.routes,
    *citizen_subjects_router.routes,
]
