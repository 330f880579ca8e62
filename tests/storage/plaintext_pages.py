"""Decrypts every page of an SQLCipher 4 file (and its WAL) with the store's raw key, for searching.

SQLCipher 4 with a raw key: each page is AES-256-CBC with the raw key, its IV in the reserved bytes at
the page's end (16 IV + 64 HMAC-SHA512 = 80 bytes); page 1 starts with the 16-byte salt. The decrypted
page 1 must show the SQLite header's page size and reserve, which proves the decryption is right.
"""

from __future__ import annotations

import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, number: int) -> bytes:
    start = SALT if number == 1 else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def database_pages(path: Path, key: bytes) -> list[bytes]:
    data = Path(path).read_bytes()
    assert len(data) % PAGE == 0, "unexpected page size"
    pages = [_decrypt_page(key, data[i : i + PAGE], i // PAGE + 1) for i in range(0, len(data), PAGE)]
    # Page 1 after the salt holds the header from byte 16 on: page size and reserved bytes.
    page_size, reserve = struct.unpack(">H", pages[0][0:2])[0], pages[0][4]
    assert (page_size, reserve) == (PAGE, RESERVE), "the key or the cipher settings do not fit"
    return pages


def wal_pages(path: Path, key: bytes) -> list[bytes]:
    wal = Path(str(path) + "-wal")
    if not wal.exists():
        return []
    data = wal.read_bytes()
    pages = []
    for offset in range(WAL_HEADER, len(data) - FRAME_HEADER - PAGE + 1, FRAME_HEADER + PAGE):
        number = struct.unpack(">I", data[offset : offset + 4])[0]
        frame = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        pages.append(_decrypt_page(key, frame, number))
    return pages


def occurrences(path: Path, key: bytes, needles: list[bytes]) -> dict[bytes, int]:
    """How many decrypted pages (database and WAL) contain each needle, compared case-insensitively."""
    pages = [p.lower() for p in database_pages(path, key) + wal_pages(path, key)]
    return {n: sum(1 for p in pages if n.lower() in p) for n in needles}
