from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """`?page=N` (and `page_size` up to 200). A page past the end, or not a number, answers
    404 as problem+json."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    page_query_description = _("Paginanummer, vanaf 1.")
    page_size_query_description = _("Aantal resultaten per pagina (standaard 50, hoogstens 200).")
