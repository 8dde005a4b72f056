from django.conf import settings
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.functional import SimpleLazyObject

from samenspel.core.navigation import CapabilityLookup, navigation_for


def language_switch_available(request) -> bool:
    """Whether the language switch can work for this visitor. Logged-in users can always reach
    Django's set_language view; anonymous visitors (the login page) only when the view is
    exempt from the login requirement, otherwise the switch would lead to the login page."""
    try:
        view = resolve(reverse("set_language")).func
    except NoReverseMatch:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return getattr(view, "login_required", True) is False


def samenspel(request):
    """Shell context for every page: demo mode, the user's navigation and capabilities.
    Navigation is computed only when a template uses it."""
    return {
        "demo_mode": settings.DEMO_MODE,
        "navigation": SimpleLazyObject(lambda: navigation_for(request)),
        "can": CapabilityLookup(getattr(request, "user", None)),
        "language_switch": SimpleLazyObject(lambda: language_switch_available(request)),
    }
