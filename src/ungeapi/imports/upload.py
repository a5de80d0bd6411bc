"""An uploaded import file, kept on disk only encrypted, and removed whatever happens.

An import file is full of CPR numbers and may be far larger than memory, so it is streamed to
a temporary file, encrypted on the way (AES-CTR) with a key that lives only in this process's
memory: a file left behind by a crash is noise. The file is removed when the import ends, when
the upload fails or the client goes away mid-body, and at the latest when the object is
collected or the process exits.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import weakref
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers import Cipher, CipherContext, algorithms, modes

PREFIX = "ungeapi-import-"
_BLOCK = 16


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _cipher(key: bytes, nonce: bytes, offset: int) -> Cipher[modes.CTR]:
    counter = (int.from_bytes(nonce, "big") + offset // _BLOCK) % (1 << 128)
    return Cipher(algorithms.AES(key), modes.CTR(counter.to_bytes(_BLOCK, "big")))


class SealedFile:
    """Write once (`write`, then `close`), read as often as needed (`open_binary`)."""

    def __init__(self, suffix: str = "") -> None:
        handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=suffix)
        self.path = Path(name)
        self.size = 0
        self._key = os.urandom(32)
        self._nonce = os.urandom(_BLOCK)
        self._out: BinaryIO | None = os.fdopen(handle, "wb")
        self._encryptor = _cipher(self._key, self._nonce, 0).encryptor()
        self._remover = weakref.finalize(self, _remove, name)

    def write(self, data: bytes) -> None:
        if self._out is None:
            raise ValueError("the upload is closed for writing")
        self._out.write(self._encryptor.update(data))
        self.size += len(data)

    def close(self) -> None:
        if self._out is not None:
            self._out.write(self._encryptor.finalize())
            self._out.close()
            self._out = None

    def open_binary(self) -> BinaryIO:
        """The plain bytes, decrypted as they are read; seekable."""
        self.close()
        return io.BufferedReader(_Unsealing(self.path, self._key, self._nonce))

    def remove(self) -> None:
        """Closes and removes the file (once; later calls do nothing)."""
        if self._out is not None:
            with contextlib.suppress(OSError):
                self._out.close()
            self._out = None
        self._remover()

    @property
    def removed(self) -> bool:
        return not self._remover.alive


class _Unsealing(io.RawIOBase):
    def __init__(self, path: Path, key: bytes, nonce: bytes) -> None:
        self._file = open(path, "rb", buffering=0)
        self._key = key
        self._nonce = nonce
        self._position = 0
        self._decryptor = self._from(0)

    def _from(self, offset: int) -> CipherContext:
        decryptor = _cipher(self._key, self._nonce, offset).decryptor()
        decryptor.update(bytes(offset % _BLOCK))  # into the block at `offset`
        return decryptor

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._file.read(len(buffer))
        count = len(data)
        buffer[:count] = self._decryptor.update(data)
        self._position += count
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._position = self._file.seek(offset, whence)
        self._decryptor = self._from(self._position)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()
