"""The restricted-documents API in the authorisation matrix: 200 (or the status named) for the
mayor's office, 404 problem+json for every other persona (not 403: even the endpoint does not
exist for them), 401 without credentials."""

from __future__ import annotations

from samenspel.restricted.tests.matrix import MAYORS_OFFICE, _document, a_grant_to_revoke
from samenspel.testing.matrix import Route, only
from samenspel.testing.personas import Personas

BASE = "/api/v1/restricted-documents/"


def doc(suffix: str = "", **kwargs):
    return lambda p: f"{BASE}{_document(p, **kwargs).pk}/{suffix}"


def api_revoke(p: Personas) -> str:
    web = a_grant_to_revoke(p)  # /vertrouwelijk/<doc>/toegang/<grant>/intrekken/
    parts = web.strip("/").split("/")
    return f"{BASE}{parts[1]}/grants/{parts[3]}/revoke/"


def restricted(path, **kwargs) -> Route:
    kwargs.setdefault("denied", 404)
    kwargs.setdefault("anonymous", 401)
    return only(path, MAYORS_OFFICE, **kwargs)


ROUTES: dict[str, Route] = {
    # Posts without a JSON body: 415 for the mayor's office (bad JSON input is tested in test_api.py).
    "api:restricted-document-list": restricted(BASE),
    "api:restricted-document-detail": restricted(doc()),
    "api:restricted-document-content": restricted(doc("content/", with_file=True)),
    "api:restricted-document-grants": restricted(doc("grants/"), ok=415, method="post"),
    "api:restricted-document-revoke": restricted(api_revoke, method="post"),
    "api:restricted-document-release-decisions": restricted(doc("release-decisions/"), ok=415, method="post"),
}
