"""The restricted-documents pages in the authorisation matrix. They exist only for the mayor's
office (and current grantees, none among the personas): every other persona gets 404, never
403, for the pages as for the documents. The documents are the mayor's office's own."""

from __future__ import annotations

from samenspel.testing.matrix import Route, only
from samenspel.testing.personas import Personas

MAYORS_OFFICE = "mayors_office"


def _document(p: Personas, **kwargs):
    from samenspel.restricted.tests.factories import document

    return document(p.mayors_office, p.municipality, **kwargs)


def page(suffix: str = "", **kwargs):
    return lambda p: f"/vertrouwelijk/{_document(p, **kwargs).pk}/{suffix}"


def a_grant_to_revoke(p: Personas) -> str:
    from samenspel.accounts.roles import Role
    from samenspel.restricted.tests.factories import grant
    from samenspel.testing.factories import RoleAssignmentFactory, UserFactory

    doc = _document(p)
    mayor = UserFactory(organisation=p.municipality_org)
    RoleAssignmentFactory(user=mayor, role=Role.MAYORS_OFFICE, municipality=p.municipality)
    return f"/vertrouwelijk/{doc.pk}/toegang/{grant(doc, mayor).pk}/intrekken/"


def restricted(path, **kwargs) -> Route:
    kwargs.setdefault("denied", 404)
    return only(path, MAYORS_OFFICE, **kwargs)


ROUTES: dict[str, Route] = {
    "restricted:list": restricted("/vertrouwelijk/"),
    "restricted:create": restricted("/vertrouwelijk/nieuw/"),
    "restricted:detail": restricted(page()),
    "restricted:file": restricted(page("bestand/", with_file=True)),
    # Empty posts: the page again with the form's errors (200).
    "restricted:grant": restricted(page("toegang/"), method="post"),
    "restricted:revoke": restricted(a_grant_to_revoke, ok=302, method="post"),
    "restricted:release": restricted(page("vrijgave/"), method="post"),
}
