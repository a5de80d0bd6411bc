from typing import Annotated

from fastapi import Depends, Request

from ungeapi.core.crypto import CprVault


async def get_vault(request: Request) -> CprVault:
    vault: CprVault = request.app.state.vault
    return vault


Vault = Annotated[CprVault, Depends(get_vault)]
