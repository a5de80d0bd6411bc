from fastapi import APIRouter

from ungeapi.absence.router import router as absence_router
from ungeapi.cases.router import router as cases_router
from ungeapi.cases.router import youth_cases_router
from ungeapi.concerns.router import router as concerns_router
from ungeapi.consents.router import router as consents_router
from ungeapi.disclosure.router import router as disclosures_router
from ungeapi.events.router import events_router, webhooks_router
from ungeapi.guides.router import router as guides_router
from ungeapi.imports.router import router as imports_router
from ungeapi.meetings.router import feed_router as meetings_feed_router
from ungeapi.meetings.router import router as meetings_router
from ungeapi.municipality.router import departments_router, settings_router
from ungeapi.network.router import router as network_router
from ungeapi.obligations.router import router as obligations_router
from ungeapi.offers.router import router as offers_router
from ungeapi.overview.router import router as overview_router
from ungeapi.placements.router import aftercare_router, youth_plans_router
from ungeapi.plans.router import router as plans_router
from ungeapi.privacy.router import audit_router
from ungeapi.privacy.router import youth_router as privacy_youth_router
from ungeapi.referrals.router import router as referrals_router
from ungeapi.statistics.router import router as statistics_router
from ungeapi.teams.router import router as teams_router
from ungeapi.transitions.forecast import router as forecast_router
from ungeapi.transitions.router import router as transitions_router
from ungeapi.workflows.router import meetings_router as meeting_flows_router
from ungeapi.workflows.router import referrals_router as referral_flows_router
from ungeapi.youth.router import router as youth_router

router = APIRouter(prefix="/v1")
router.include_router(youth_router)
router.include_router(youth_cases_router)
router.include_router(settings_router)
router.include_router(departments_router)
router.include_router(cases_router)
router.include_router(guides_router)
router.include_router(obligations_router)
router.include_router(plans_router)
router.include_router(offers_router)
router.include_router(concerns_router)
router.include_router(network_router)
# Before referrals' POST /referrals/{referral_id}/{action}, which would take `schedule` for an action.
router.include_router(referral_flows_router)
router.include_router(referrals_router)
router.include_router(meetings_feed_router)
router.include_router(meetings_router)
router.include_router(meeting_flows_router)
router.include_router(consents_router)
router.include_router(disclosures_router)
router.include_router(privacy_youth_router)
router.include_router(audit_router)
router.include_router(statistics_router)
router.include_router(absence_router)
router.include_router(events_router)
router.include_router(webhooks_router)
router.include_router(imports_router)
router.include_router(overview_router)
router.include_router(transitions_router)
router.include_router(teams_router)
router.include_router(forecast_router)
router.include_router(youth_plans_router)
router.include_router(aftercare_router)
