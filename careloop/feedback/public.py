"""The public feedback form: no sign-in, no third-party captcha.

Spam protection, three layers, none of which loses what a person typed:
- a honeypot field people never see (hidden from screen readers too) that bots fill in;
- a signed time token: a form sent within 3 seconds of being opened (a bot) or more than
  12 hours later (a stale page) is shown again with everything kept and a fresh token;
- a limit per address (5 an hour, 20 a day), counted on a keyed hash of the address, never
  the address itself (`selectors.over_limit`, `services.note_submission`).

Plain logic: the tokens, the visitor's address and its hash; the public pages use it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core import signing
from django.utils import timezone

TOKEN_SALT = "careloop.feedback.public-form"  # noqa: S105 - a signing salt, not a secret
EQUALITY_SALT = "careloop.feedback.public-equality"
MIN_SECONDS = 3
MAX_AGE = dt.timedelta(hours=12)
PER_HOUR = 5
PER_DAY = 20


def new_token() -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign("form")


def token_problem(token: str, now: dt.datetime | None = None) -> str:
    """Why the token is not acceptable ("" if it is)."""
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    try:
        signer.unsign(token, max_age=MAX_AGE)
    except signing.SignatureExpired:
        return "This page was open for a long time. Check your feedback and send it again."
    except signing.BadSignature:
        return "Something went wrong with this page. Check your feedback and send it again."
    sent = signing.b62_decode(token.rsplit(":", 2)[1])
    age = (now or timezone.now()).timestamp() - sent
    if age < MIN_SECONDS:
        return "That was very quick. Check your feedback and send it again."
    return ""


def token_is_current(token: str) -> bool:
    """Signed by us and not expired (however young)."""
    try:
        signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    return True


def client_address(request) -> str:
    """The visitor's address, for the rate limit.

    Directly on the internet it is REMOTE_ADDR. Behind proxies (CARELOOP_BEHIND_PROXY), every
    visitor's REMOTE_ADDR is the nearest proxy, so the address comes from X-Forwarded-For:
    with CARELOOP_TRUSTED_PROXIES = N, the chain "X-Forwarded-For entries, then REMOTE_ADDR" is
    read from the right and the entry N places in is taken (the rightmost one no trusted proxy
    wrote itself). Entries further left are whatever the client sent and are ignored, so a
    visitor cannot dodge the limit by forging the header. A chain shorter than that, or an
    entry that is not an address, falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.CARELOOP_BEHIND_PROXY:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()] + [remote]
    trusted = settings.CARELOOP_TRUSTED_PROXIES
    if len(chain) <= trusted:
        return remote
    candidate = chain[-(trusted + 1)]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def address_hash(request) -> str:
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def equality_token(feedback_id: int) -> str:
    return signing.dumps(feedback_id, salt=EQUALITY_SALT)


def equality_feedback_id(token: str) -> int | None:
    try:
        return signing.loads(token, salt=EQUALITY_SALT, max_age=dt.timedelta(days=2))
    except signing.BadSignature:
        return None
