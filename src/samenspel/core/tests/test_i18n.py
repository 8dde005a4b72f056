import ast
import re
from pathlib import Path

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


SAMENSPEL = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale") / "en" / "LC_MESSAGES" / "django.po"
# %(name)s, %(count)d, %s ... and {name}, {code_point:X}; "%%" is a literal percent sign.
PERCENT_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE_PLACEHOLDER = re.compile(r"\{\w*(?:[!:][^{}]*)?\}")
TEMPLATE_TRANSLATION = re.compile(r"\{%-?\s*(?:block)?trans(?:late)?\b")
PYTHON_TRANSLATION = re.compile(r"(?<![\w.])(?:_|[nNpP]{0,2}gettext(?:_lazy|_noop)?)\(")


def read_catalogue(po: Path) -> list[dict]:
    """The entries of a .po file: {"flags": {...}, "msgid": ..., "msgid_plural": ..., "msgstr[0]": ...};
    obsolete entries (#~) are left out."""
    entries, current, key = [], None, None
    flags: set[str] = set()
    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("msgid "):
            current = {"flags": flags}
            entries.append(current)
            flags = set()
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _space, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return entries


def placeholders(text: str) -> list[str]:
    text = text.replace("%%", "")
    return sorted(PERCENT_PLACEHOLDER.findall(text) + BRACE_PLACEHOLDER.findall(text))


def english_catalogues() -> list[Path]:
    return sorted(SAMENSPEL.glob(f"*/{CATALOGUE.as_posix()}"))


def apps_with_translatable_text() -> list[str]:
    """Samenspel's Django apps (a package with apps.py, or an installed app) whose templates
    use {% translate %}/{% blocktranslate %} or whose code calls gettext/_()."""
    from django.apps import apps as django_apps

    packages = {path.parent for path in SAMENSPEL.glob("*/apps.py")}
    packages |= {Path(config.path) for config in django_apps.get_app_configs()}
    found = []
    for package in sorted(p for p in packages if p.parent == SAMENSPEL):
        templates = [f for f in package.glob("templates/**/*") if f.suffix in {".html", ".txt"}]
        code = [f for f in package.rglob("*.py") if not {"tests", "migrations"} & set(f.relative_to(package).parts)]
        if any(TEMPLATE_TRANSLATION.search(f.read_text(encoding="utf-8")) for f in templates) or any(
            PYTHON_TRANSLATION.search(f.read_text(encoding="utf-8")) for f in code
        ):
            found.append(package.name)
    return found


def test_every_english_catalogue_is_complete():
    """Every Dutch text has an English translation (the switch must not lead to a
    half-translated page), none is fuzzy, and each keeps the placeholders of its msgid."""
    catalogues = english_catalogues()
    assert {po.relative_to(SAMENSPEL).parts[0] for po in catalogues} >= {"core", "accounts", "api", "audit"}
    problems = []
    for po in catalogues:
        app = po.relative_to(SAMENSPEL).parts[0]
        entries = read_catalogue(po)
        translated = [e for e in entries if e["msgid"]]
        if not translated:
            problems.append(f"{app}: the catalogue is empty")
        for entry in entries:
            msgid = entry["msgid"]
            if "fuzzy" in entry["flags"]:
                problems.append(f"{app}: fuzzy: {msgid!r}")
            if not msgid:
                continue
            forms = {key: value for key, value in entry.items() if key.startswith("msgstr")}
            if not forms or not all(forms.values()):
                problems.append(f"{app}: not translated: {msgid!r}")
                continue
            if "msgid_plural" in entry:
                expected = sorted(set(placeholders(msgid)) | set(placeholders(entry["msgid_plural"])))
                wrong = [key for key, text in forms.items() if sorted(set(placeholders(text))) != expected]
            else:
                wrong = [key for key, text in forms.items() if placeholders(text) != placeholders(msgid)]
            if wrong:
                problems.append(f"{app}: placeholders differ in {', '.join(wrong)}: {msgid!r}")
    assert not problems, "\n".join(problems)


def test_every_app_with_translatable_text_has_an_english_catalogue():
    """A new app with Dutch texts must bring its own catalogue. Create it inside the app:
        cd src/samenspel/<app> && mkdir -p locale
        ../../../.venv/bin/python ../../../manage.py makemessages -l en --no-obsolete
    Without the app's own locale/ directory makemessages writes to LOCALE_PATHS instead."""
    apps = apps_with_translatable_text()
    assert {"core", "accounts", "api", "audit"} <= set(apps)
    missing = [app for app in apps if not (SAMENSPEL / app / CATALOGUE).is_file()]
    assert not missing, f"apps without {CATALOGUE}: {', '.join(missing)}"


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
