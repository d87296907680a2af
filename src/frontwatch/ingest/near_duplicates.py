"""Near-duplicate documents: syndicated copies of one article (datasketch MinHash).

A document's signature is the MinHash (``PERMUTATIONS`` permutations) of its word 5-shingles,
lower-cased, so a copy with another headline, a dateline or a trimmed last paragraph stays close.
Its locality-sensitive keys cut the signature into ``BANDS`` bands of ``ROWS`` values; two
documents that share a band are candidates, and a candidate whose estimated Jaccard similarity
reaches ``THRESHOLD`` is a near-duplicate. With 32 bands of 4, a pair at similarity 0.7 shares a
band with probability 0.9998, a pair at 0.3 with 0.23: the threshold check settles the rest.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

__all__ = ["BANDS", "ROWS", "THRESHOLD", "band_keys", "signature", "similarity"]

PERMUTATIONS = 128
BANDS, ROWS = 32, 4
THRESHOLD = 0.7
SHINGLE = 5
_WORDS = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> bytes:
    """The document's MinHash signature as bytes (to store beside it)."""
    words = _WORDS.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return minhash.hashvalues.astype(np.uint64).tobytes()


def band_keys(packed: bytes) -> list[tuple[int, str]]:
    """(band, key) pairs: documents with one pair in common are candidates."""
    values = np.frombuffer(packed, dtype=np.uint64)
    return [(band, hashlib.sha1(values[band * ROWS:(band + 1) * ROWS].tobytes()).hexdigest()[:16])
            for band in range(BANDS)]


def similarity(one: bytes, other: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal values)."""
    first, second = np.frombuffer(one, dtype=np.uint64), np.frombuffer(other, dtype=np.uint64)
    return float(np.mean(first == second)) if len(first) == len(second) else 0.0
