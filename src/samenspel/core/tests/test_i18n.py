import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from samenspel.core.i18n import ChosenLanguageMiddleware


def run(**headers_and_cookies):
    cookies = headers_and_cookies.pop("cookies", {})
    request = RequestFactory().get("/", **headers_and_cookies)
    request.COOKIES.update(cookies)
    seen = {}

    def view(req):
        seen["language"] = translation.get_language()
        return HttpResponse("ok")

    with translation.override("nl"):
        response = ChosenLanguageMiddleware(view)(request)
    return seen["language"], request.LANGUAGE_CODE, response


def test_dutch_by_default_whatever_the_browser_says():
    language, code, response = run(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert language == code == "nl"
    assert response["Content-Language"] == "nl"


def test_the_language_switch_cookie_is_followed(settings):
    language, code, _response = run(cookies={settings.LANGUAGE_COOKIE_NAME: "en"})
    assert language == code == "en"


def test_an_unknown_language_in_the_cookie_falls_back_to_dutch(settings):
    language, _code, _response = run(cookies={settings.LANGUAGE_COOKIE_NAME: "xx-evil"})
    assert language == "nl"


def test_english_catalogue_of_the_shell_is_complete():
    """Every Dutch text of the shell has an English translation (the switch must not lead
    to a half-translated page)."""
    import ast
    from pathlib import Path

    po = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries, current, key = [], None, None
    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current, key = {"msgid": ast.literal_eval(line[6:]), "msgstr": ""}, "msgid"
        elif line.startswith("msgstr "):
            current["msgstr"], key = ast.literal_eval(line[7:]), "msgstr"
            entries.append(current)
        elif line.startswith('"') and current is not None:
            current[key] += ast.literal_eval(line)
    translated = [e for e in entries if e["msgid"]]
    assert len(translated) > 50
    assert not [e["msgid"] for e in translated if not e["msgstr"]]


def test_language_switch_is_offered_to_anonymous_visitors_only_when_it_works(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.test import override_settings
    from django.urls import resolve, reverse

    from samenspel.core.context_processors import language_switch_available

    request = rf.get("/account/inloggen/")
    request.user = AnonymousUser()
    exempt = getattr(resolve(reverse("set_language")).func, "login_required", True) is False
    assert language_switch_available(request) is exempt
    with override_settings(ROOT_URLCONF="samenspel.core.tests.setlang_exempt_urls"):
        assert language_switch_available(request) is True


def test_language_switch_is_always_offered_to_logged_in_users(rf, personas):
    from samenspel.core.context_processors import language_switch_available

    request = rf.get("/")
    request.user = personas.teacher
    assert language_switch_available(request) is True


@pytest.mark.django_db
def test_the_switch_works_before_login_and_the_next_page_is_english(client, settings):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/account/inloggen/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/account/inloggen/")
    assert page["Content-Language"] == "en"
    assert 'lang="en"' in page.content.decode()
    # An English browser alone does not switch the language.
    client.cookies.clear()
    page = client.get("/account/inloggen/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="nl"' in page.content.decode()
