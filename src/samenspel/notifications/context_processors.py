from django.utils.functional import SimpleLazyObject

from samenspel.notifications import selectors


def notifications(request):
    """The unread count for the header: one bounded query, and only when a page shows it."""
    user = getattr(request, "user", None)

    def label() -> str:
        count = selectors.unread_count_for(user)
        return selectors.unread_label(count) if count else ""

    return {"unread_notifications": SimpleLazyObject(label)}
