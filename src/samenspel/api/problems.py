"""Every API error as an RFC 9457 problem: `application/problem+json` with `type`, a Dutch
`title`, `status`, `detail`, `instance` (the request path, never the query string) and, for
bad input, `invalid_params: [{name, reason, code}]`.

Refusals (samenspel.core.exceptions.AccessRefused) and failed authentication are audited
here as denied. This handler runs after the refused work has left its transaction, so the
denied entry survives. That only holds while ATOMIC_REQUESTS stays off: services own their
transactions.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from samenspel.api.exceptions import AuthenticationRefused, CsrfRefused, StepUpRequired
from samenspel.audit.services import record_denied
from samenspel.core.exceptions import AccessRefused, NotVisible

logger = logging.getLogger("samenspel.api")

CONTENT_TYPE = "application/problem+json"
NON_FIELD_NAME = "non_field_errors"
TYPE_PREFIX = "urn:samenspel:problem:"


def _titles() -> dict[int, tuple[str, str]]:
    """Status -> (type slug, Dutch title). A function so the titles follow the active language."""
    return {
        400: ("bad-request", _("Ongeldige aanvraag")),
        401: ("not-authenticated", _("Niet aangemeld")),
        403: ("forbidden", _("Geen toegang")),
        404: ("not-found", _("Niet gevonden")),
        405: ("method-not-allowed", _("Methode niet toegestaan")),
        406: ("not-acceptable", _("Antwoordformaat niet beschikbaar")),
        409: ("conflict", _("Conflict met bestaande gegevens")),
        413: ("too-large", _("Aanvraag te groot")),
        415: ("unsupported-media-type", _("Formaat niet ondersteund")),
        429: ("throttled", _("Te veel aanvragen")),
        500: ("server-error", _("Interne fout")),
    }


def problem_data(
    status_code: int,
    instance: str,
    *,
    detail: str = "",
    title: str = "",
    slug: str = "",
    invalid_params: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    default_slug, default_title = _titles().get(status_code, ("error", _("Fout")))
    data: dict[str, Any] = {
        "type": TYPE_PREFIX + (slug or default_slug),
        "title": title or default_title,
        "status": status_code,
        "detail": str(detail or title or default_title),
        "instance": instance,
    }
    if invalid_params is not None:
        data["invalid_params"] = invalid_params
    return data


def problem_json_response(request, status_code: int, **kwargs: Any) -> JsonResponse:
    """For plain Django views under /api/ (the catch-all 404)."""
    data = problem_data(status_code, request.path, **kwargs)
    return JsonResponse(data, status=status_code, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False})


# Field errors ---------------------------------------------------------------------------


def _join(prefix: str, key: object) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    if key in (api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS):
        return prefix or NON_FIELD_NAME
    return f"{prefix}.{key}" if prefix else str(key)


def _drf_params(detail: Any, prefix: str = "") -> Iterator[dict[str, str]]:
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _drf_params(value, _join(prefix, key))
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                # A list of nested objects (e.g. roles): name each by its position.
                yield from _drf_params(item, _join(prefix, index))
            else:
                yield from _drf_params(item, prefix)
    else:
        yield {"name": prefix or NON_FIELD_NAME, "reason": str(detail), "code": getattr(detail, "code", "invalid")}


def _django_params(exc: DjangoValidationError) -> Iterator[dict[str, str]]:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            name = _join("", field)
            for error in errors:
                for message in error:
                    yield {"name": name, "reason": str(message), "code": error.code or "invalid"}
    else:
        for error in exc.error_list:
            for message in error:
                yield {"name": NON_FIELD_NAME, "reason": str(message), "code": error.code or "invalid"}


# The handler ----------------------------------------------------------------------------


def _instance(request) -> str:
    return getattr(request, "path", "") if request is not None else ""


def _audit_denied(action: str, **fields: Any) -> None:
    record_denied(action, **{key: value for key, value in fields.items() if value not in (None, "")})


def _respond(status_code: int, request, *, headers: dict[str, str] | None = None, **kwargs: Any) -> Response:
    return Response(
        problem_data(status_code, _instance(request), **kwargs),
        status=status_code,
        headers=headers,
        content_type=CONTENT_TYPE,
    )


def _refused(exc: AccessRefused, request) -> Response:
    _audit_denied(exc.action, object_type=exc.object_type, object_id=exc.object_id, purpose=exc.purpose)
    if isinstance(exc, NotVisible):
        return _respond(404, request, detail=_("Dit gegeven bestaat niet of valt buiten uw bevoegdheid."))
    if isinstance(exc, StepUpRequired):
        return _respond(
            403,
            request,
            slug="second-factor-required",
            title=_("Bevestig eerst uw tweede factor"),
            detail=_(
                "Voor deze wijziging moet u uw tweede factor opnieuw bevestigen in de webinterface, "
                "of een API-sleutel gebruiken."
            ),
        )
    return _respond(403, request, detail=_("U hebt geen bevoegdheid voor deze handeling."))


def _takes_multipart(request) -> bool:
    """Whether the endpoint reads multipart/form-data (an upload) rather than JSON."""
    parsers = getattr(request, "parsers", None) or []
    return bool(parsers) and all(parser.media_type == "multipart/form-data" for parser in parsers)


def _api_exception(exc: exceptions.APIException, request) -> Response:
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        return _respond(
            400,
            request,
            slug="invalid-params",
            title=_("Ongeldige invoer"),
            detail=_("Een of meer velden zijn niet goed ingevuld."),
            invalid_params=list(_drf_params(exc.detail)),
        )
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed | CsrfRefused):
        actor = getattr(exc, "actor", None)
        _audit_denied(
            "api.authenticate",
            object_type="api_token" if getattr(exc, "token_id", "") else "",
            object_id=getattr(exc, "token_id", ""),
            actor=actor if actor is not None and actor.is_authenticated else None,
        )
    if isinstance(exc, exceptions.NotAuthenticated):
        detail = _("Meld u aan met een API-sleutel (Authorization: Bearer …) of een sessie met tweede factor.")
    elif isinstance(exc, exceptions.ParseError):
        if _takes_multipart(request):
            detail = _("De inhoud van de aanvraag is geen geldige multipart/form-data.")
        else:
            detail = _("De inhoud van de aanvraag is geen geldige JSON.")
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        if _takes_multipart(request):
            detail = _("Stuur de inhoud als multipart/form-data.")
        else:
            detail = _("Stuur de inhoud als application/json.")
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detail = _("Deze methode is hier niet toegestaan.")
    elif isinstance(exc, exceptions.NotAcceptable):
        detail = _("Deze API antwoordt alleen in JSON.")
    elif isinstance(exc, exceptions.NotFound):
        detail = _("Dit gegeven of deze pagina bestaat niet.")
    elif isinstance(exc, AuthenticationRefused | CsrfRefused):
        detail = str(exc.detail)
    else:
        detail = ""
    return _respond(exc.status_code, request, headers=headers, detail=detail)


def _handle(exc: Exception, request) -> Response:
    if isinstance(exc, AccessRefused):
        return _refused(exc, request)
    if isinstance(exc, exceptions.APIException):
        return _api_exception(exc, request)
    if isinstance(exc, DjangoValidationError):
        return _respond(
            400,
            request,
            slug="invalid-params",
            title=_("Ongeldige invoer"),
            detail=_("Een of meer velden zijn niet goed ingevuld."),
            invalid_params=list(_django_params(exc)),
        )
    if isinstance(exc, Http404):
        return _respond(404, request, detail=_("Dit gegeven of deze pagina bestaat niet."))
    if isinstance(exc, DjangoPermissionDenied):
        return _respond(403, request, detail=_("U hebt geen bevoegdheid voor deze handeling."))
    if isinstance(exc, IntegrityError):
        set_rollback()
        return _respond(409, request, detail=_("De wijziging botst met bestaande gegevens. Haal ze opnieuw op."))
    if isinstance(exc, RequestDataTooBig):
        return _respond(413, request, detail=_("De aanvraag is te groot."))
    if isinstance(exc, SuspiciousOperation):
        return _respond(400, request, detail=_("De aanvraag is niet geldig."))
    return _server_error(exc, request)


def _server_error(exc: BaseException, request) -> Response:
    """Log what a developer needs (type, stack, request id) and nothing a user typed: the
    exception message is left out because database errors quote the values involved."""
    set_rollback()
    request_id = getattr(getattr(request, "_request", request), "request_id", "")
    logger.error(
        "unhandled %s in API request %s\n%s",
        type(exc).__name__,
        request_id,
        "".join(traceback.format_tb(exc.__traceback__)),
    )
    detail = _("Er ging iets mis aan onze kant. Noem verzoek-id %(request_id)s als u contact opneemt.") % {
        "request_id": request_id
    }
    return _respond(500, request, detail=detail)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]. Never returns None: unhandled errors too become a
    problem (500) without details."""
    request = context.get("request")
    if request is not None:
        # Errors are JSON whatever the view renders otherwise (the schema as YAML, the docs
        # page as HTML) and whatever the client asked for.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = CONTENT_TYPE
    try:
        return _handle(exc, request)
    except Exception as failure:  # noqa: BLE001 - e.g. the audit entry could not be written
        return _server_error(failure, request)
