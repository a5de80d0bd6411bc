from fastapi import Request

from ungeapi.core.crypto import CprVault


async def get_vault(request: Request) -> CprVault:
    vault: CprVault = request.app.state.vault
    return vault
