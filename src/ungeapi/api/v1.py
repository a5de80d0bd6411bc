from fastapi import APIRouter

from ungeapi.youth.router import router as youth_router

router = APIRouter(prefix="/v1")
router.include_router(youth_router)
