from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.consents import service
from ungeapi.consents.schemas import ConsentCreate, ConsentRead, ConsentRevoke, GiverAdd
from ungeapi.core.http import CHANGE_STATE, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection

router = APIRouter(prefix="/v1/consents", tags=["consents"])

Reader = Annotated[Call, call_as("consents:read", purpose="casework")]
Writer = Annotated[Call, call_as("consents:write", purpose="casework")]
Revoker = Annotated[Call, call_as("consents:revoke", purpose="casework")]


class ConsentsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's consents (den unge).")
    department: str | None = Field(
        None, max_length=20, description="Only consents naming this recipient (afdeling)."
    )
    in_force: bool | None = Field(
        None, description="Only consents in force today (true) or not in force (false)."
    )


consents = Collection(router, ConsentRead, "consent_id", reader=Reader, writer=Writer)
consents.create(
    "register_consent",
    ConsentCreate,
    service.register_consent,
    "Register a consent (registrér samtykke) to share named data with named departments.",
    responses=problems(400, 401, 403, 404, 409, 422),
)
consents.page(
    "list_consents",
    ConsentsQuery,
    service.list_consents,
    "List the consents you may see (samtykker), oldest first.",
)
consents.read("read_consent", service.read_consent, "Read one consent (læs samtykke).")
consents.change(
    "add_giver",
    GiverAdd,
    service.add_giver,
    "Add a giver (tilføj samtykkegiver), e.g. the second custody holder; needs If-Match.",
    action="givers",
    responses=CHANGE_STATE,
)
consents.change(
    "revoke_consent",
    ConsentRevoke,
    service.revoke_consent,
    """Revoke a consent (tilbagekald samtykke): it opens nothing from the next request on; needs If-Match.

    Recorded on the giver's side: by the department that registered the consent or owns the
    youth's record, the dpo or admin; a receiving department gets 403 `consent.not_giver_side`.""",
    action="revoke",
    optional=True,
    responses=CHANGE_STATE,
    call=Revoker,
)
