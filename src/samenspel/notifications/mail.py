"""The e-mail that tells someone there is a notification for them. It says only that there is
something new and where Samenspel is: no name, no case content, no id, no kind of
notification (even "a new signal" tells an outsider reading the mailbox something). The
details are behind the login.

One e-mail per person per batch: each write that creates notifications (a reported signal,
an information request, an action assigned) and each run of send_reminders sends at most
one e-mail to each person it notified, after the transaction committed. A failure to send is
logged without personal data and changes nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

import structlog
from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samenspel.accounts.models import User

log = structlog.get_logger("samenspel.notifications")


def subject_and_body() -> tuple[str, str]:
    """In the installation's language (Dutch): users have no stored language preference, and
    the mail is sent after the commit, outside the request's language."""
    start = settings.SAMENSPEL_BASE_URL + reverse("core:start")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Er is iets nieuws voor u in Samenspel")
        body = "\n\n".join(
            [
                _("Er is iets nieuws voor u in Samenspel."),
                _("Log in om het te bekijken: %(url)s") % {"url": start},
                _(
                    "Dit bericht bevat bewust geen details: wat er voor u klaarstaat, ziet u alleen na het "
                    "inloggen. U ontvangt dit bericht omdat u een account hebt in Samenspel."
                ),
            ]
        )
    return subject, body


def email_after_commit(recipient_ids: Iterable[int]) -> None:
    """Send the e-mail to these users once the current transaction commits; nothing if it
    rolls back."""
    ids = sorted(set(recipient_ids))
    if ids:
        transaction.on_commit(partial(send_emails, ids), robust=True)


def send_emails(recipient_ids: Iterable[int]) -> int:
    """One message per active user (never several addressees on one message, which would
    tell each who else was notified). Returns how many were sent."""
    users = list(User.objects.filter(pk__in=list(recipient_ids), is_active=True).exclude(email=""))
    if not users:
        return 0
    subject, body = subject_and_body()
    sent = failed = 0
    try:
        connection = get_connection()
        connection.open()
    except Exception as error:  # noqa: BLE001 - a mail server down must not break anything
        log.warning("notification_email_failed", recipients=len(users), error=type(error).__name__)
        return 0
    try:
        for user in users:
            try:
                send_mail(subject, body, None, [user.email], connection=connection)
            except Exception as error:  # noqa: BLE001 - go on with the others
                failed += 1
                log.warning("notification_email_failed", recipient_id=user.pk, error=type(error).__name__)
            else:
                sent += 1
    finally:
        try:
            connection.close()
        except Exception as error:  # noqa: BLE001
            log.warning("notification_email_close_failed", error=type(error).__name__)
    log.info("notification_emails_sent", sent=sent, failed=failed)
    return sent
