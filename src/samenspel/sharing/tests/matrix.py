"""The agreement pages in the authorisation matrix: the application manager only."""

from __future__ import annotations

from samenspel.testing.matrix import Route, only
from samenspel.testing.personas import Personas


def status_page(model_path: str, prefix: str):
    def build(p: Personas) -> str:
        from samenspel.sharing import models
        from samenspel.sharing.defaults import install_defaults

        install_defaults()
        entry = getattr(models, model_path).objects.order_by("pk").first()
        return f"/beheer/convenant/{prefix}/{entry.pk}/status/"

    return build


ROUTES: dict[str, Route] = {
    "sharing:matrix": only("/beheer/convenant/", "app_manager"),
    "sharing:matrix_edit": only("/beheer/convenant/wijzigen/", "app_manager"),
    "sharing:information_categories": only("/beheer/convenant/gegevenscategorieen/", "app_manager"),
    "sharing:information_category_create": only("/beheer/convenant/gegevenscategorieen/nieuw/", "app_manager"),
    "sharing:information_category_status": only(
        status_page("InformationCategory", "gegevenscategorieen"), "app_manager"
    ),
    "sharing:concern_categories": only("/beheer/convenant/soorten-zorg/", "app_manager"),
    "sharing:concern_category_create": only("/beheer/convenant/soorten-zorg/nieuw/", "app_manager"),
    "sharing:concern_category_status": only(status_page("ConcernCategory", "soorten-zorg"), "app_manager"),
}
