"""Web pages for a user's own API tokens, and the API's catch-all 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.accounts.stepup import require_recent_second_factor
from samenspel.api.forms import ApiTokenForm
from samenspel.api.models import ApiToken
from samenspel.api.problems import problem_json_response
from samenspel.api.services import create_token, revoke_token


@never_cache
@require_http_methods(["GET", "HEAD"])
def token_list(request):
    tokens = ApiToken.objects.owned_by(request.user)
    return render(request, "api/token_list.html", {"tokens": tokens})


@never_cache
@require_http_methods(["GET", "POST"])
@require_recent_second_factor
def token_create(request):
    """The new token is shown on this response only: not stored, not put in a URL or a
    message, not logged, and the page is never cached."""
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        issued = create_token(request.user, owner=request.user, name=form.cleaned_data["name"])
        return render(request, "api/token_created.html", {"token": issued.token, "plaintext": issued.plaintext})
    return render(request, "api/token_form.html", {"form": form})


@require_POST
def token_revoke(request, pk: str):
    """Revoke one of the user's own tokens; anyone else's answers 404 (audited)."""
    revoke_token(request.user, int(pk))
    return redirect("api_tokens:list")


@csrf_exempt
@login_not_required
def not_found(request, *args, **kwargs):
    return problem_json_response(request, 404, detail=_("Dit gegeven of deze pagina bestaat niet."))
