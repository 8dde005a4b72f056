"""How an audit entry is hashed. One definition for writing and verifying, so both always
agree. Fields are joined with the ASCII unit separator, which record() strips from values.

The hashed text of an entry is its CHAINED_FIELDS, each as text (None as the empty string,
the timestamp as ``datetime.isoformat()`` of the UTC time), joined by SEP, encoded as UTF-8.
entry_hash() builds it from Python values. The verifier's fast pass on PostgreSQL has the
database print the same fields as text joined by SEP and hashes those bytes as they come
(with isoformat_from_postgres() below for the time), without making Python objects first. It
can only accept an entry whose recomputed hash equals the stored one; anything else is re-read
and named by the exact path (verify.verify_chain), which uses entry_hash()."""

from __future__ import annotations

import hashlib
from datetime import datetime

GENESIS = "0" * 64
SEP = "\x1f"
SEP_BYTES = SEP.encode()

# The fields, in hash order, that a verifier reads back from the database.
CHAINED_FIELDS = (
    "chain",
    "seq",
    "timestamp",
    "actor_organisation_id",
    "actor_role",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "result",
    "channel",
    "request_id",
    "identity_digest",
    "prev_hash",
)
IDENTITY_FIELDS = ("actor_id", "actor_label", "subject_id", "source_address")

_sha256 = hashlib.sha256


def clean(value: object) -> str:
    return "" if value is None else str(value).replace(SEP, " ")


def identity_digest(actor_id: object, actor_label: str, subject_id: str, source_address: object) -> str:
    """The identifying fields are hashed apart, so that retention can later pseudonymise them
    without breaking the chain (the digest stays, the chain still verifies)."""
    raw = SEP.join((clean(actor_id), actor_label, subject_id, clean(source_address)))
    return _sha256(raw.encode()).hexdigest()


def entry_hash(
    chain: int,
    seq: int,
    timestamp: datetime,
    actor_organisation_id: object,
    actor_role: str,
    action: str,
    object_type: str,
    object_id: str,
    purpose: str,
    result: str,
    channel: str,
    request_id: str,
    digest: str,
    prev_hash: str,
) -> str:
    raw = SEP.join(
        (
            str(chain),
            str(seq),
            timestamp.isoformat(),
            clean(actor_organisation_id),
            actor_role,
            action,
            object_type,
            object_id,
            purpose,
            result,
            channel,
            request_id,
            digest,
            prev_hash,
        )
    )
    return _sha256(raw.encode()).hexdigest()


# The same text as PostgreSQL prints it ------------------------------------------------------

_UTC_SUFFIX = b"+00:00"


def isoformat_from_postgres(text: bytes) -> bytes:
    """``datetime.isoformat()`` of a UTC time, from PostgreSQL's ISO text of the same time as
    a ``timestamp without time zone`` (``2026-01-05 08:00:00.12``: a fraction only when not
    zero, trailing zeros dropped). isoformat() writes ``2026-01-05T08:00:00.120000+00:00`` and
    leaves the fraction out when it is zero."""
    if len(text) == 19:
        return text[:10] + b"T" + text[11:] + _UTC_SUFFIX
    return text[:10] + b"T" + text[11:].ljust(15, b"0") + _UTC_SUFFIX
