"""CPR numbers at rest: AES-GCM encryption, and a keyed hash (HMAC-SHA256) for look-up and
uniqueness, so that a database dump shows neither the number nor a guessable hash of it."""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class CprVault:
    def __init__(self, key: bytes, hash_key: bytes) -> None:
        if len(key) not in (16, 24, 32):
            raise ValueError("the CPR key must be 16, 24 or 32 bytes (base64 in UNGEAPI_CPR_KEY)")
        if len(hash_key) < 16:
            raise ValueError("the CPR hash key must be at least 16 bytes")
        self._aead = AESGCM(key)
        self._hash_key = hash_key

    def encrypt(self, plaintext: str, municipality: str) -> bytes:
        # The municipality is authenticated data: a ciphertext copied to another tenant won't open.
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext.encode(), municipality.encode())

    def decrypt(self, blob: bytes, municipality: str) -> str:
        nonce, ciphertext = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
        return self._aead.decrypt(nonce, ciphertext, municipality.encode()).decode()

    def lookup_hash(self, cpr: str) -> bytes:
        return hmac.new(self._hash_key, cpr.encode(), hashlib.sha256).digest()
