"""The retention job: run_retention(today) deletes what has expired and pseudonymises the
audit log, in batches, and writes one DeletionRun and one audit entry per run.

What one expired record takes with it (every dependent, so nothing is left pointing at it):

- a signal: its transitions, notes, decisions, information requests (and their answers'
  items), information items, concern categories, legal holds that ended, the attachment rows
  and, after the commit, the attachment files; notifications linking to the signal or its
  requests; its subject when nothing else is left of the subject.
- a case: its actions and agenda items at case conferences (with minutes, decisions and
  disclosures), plan, goals, interventions, reviews, assessments, information items and
  requests, team, phase history, closures, reopenings and transfers, the signals that became
  the case (as above), notifications linking to it; its subject (with related persons) when
  the subject has no other case or signal left.
- a subject deleted this way: its audit entries keep their place in the chain, but their
  subject id is replaced by a random pseudonym (the same for all entries of that subject, so
  an investigator still sees they concern one person, and unrelated to the old id).

Audit entries older than their period are pseudonymised entirely (actor, subject, address
blanked) and stay: deleting the oldest entries would break the hash chains, see
docs/domain/retention.md. Each batch is one transaction with its own locks, so a failure
rolls back one batch and the next run picks it up again.
"""

from __future__ import annotations

import datetime
import logging
import os
import secrets
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from samenspel.accounts.models import Municipality
from samenspel.audit.models import AuditEntry
from samenspel.audit.services import record
from samenspel.cases.models import Case, CaseReopening, Intervention, Subject
from samenspel.intake import attachments
from samenspel.intake.models import Attachment, InformationRequest, Signal, TriageDecision
from samenspel.meetings.models import Action, AgendaItem
from samenspel.notifications import links
from samenspel.notifications.models import Notification
from samenspel.retention import selectors
from samenspel.retention.models import DeletionRun, LegalHold
from samenspel.retention.policy import SIGNAL_STATUSES, Periods

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
PURPOSE = "retention"
PSEUDONYM_PREFIX = "p-"
FILES = "files"
FILES_FAILED = "files.failed"
PSEUDONYMISED_SUBJECT = "audit.AuditEntry.subject_pseudonymised"
PSEUDONYMISED_AGE = "audit.AuditEntry.pseudonymised"
# A file without a row younger than this may be an upload whose row is not committed yet.
ORPHAN_MIN_AGE_SECONDS = 24 * 3600


def run_retention(today: datetime.date | None = None, *, batch_size: int = BATCH_SIZE) -> DeletionRun:
    """Delete and pseudonymise what has expired on `today` (default: the local date). Safe
    to run again: a second run on the same day finds nothing left and records zero counts."""
    today = today or timezone.localdate()
    started = timezone.now()
    counts: Counter[str] = Counter()
    periods = Periods()
    for municipality_id in Municipality.objects.order_by("pk").values_list("pk", flat=True):
        for record_type in SIGNAL_STATUSES:

            def signals(record_type=record_type, municipality_id=municipality_id):
                return selectors.expired_signals(record_type, municipality_id, today, periods)

            for ids in selectors.id_batches(signals, batch_size):
                _delete_signals(signals, ids, today, counts)

        def cases(municipality_id=municipality_id):
            return selectors.expired_cases(municipality_id, today, periods)

        for ids in selectors.id_batches(cases, batch_size):
            _delete_cases(cases, ids, today, counts)

    def old_entries():
        return selectors.identified_audit_entries(today)

    for ids in selectors.id_batches(old_entries, batch_size):
        with transaction.atomic():
            counts[PSEUDONYMISED_AGE] += (
                old_entries()
                .filter(pk__in=ids)
                .update(
                    actor_id=None, actor_label="", subject_id="", source_address=None, pseudonymised_at=timezone.now()
                )
            )
    _sweep_orphaned_files(counts, batch_size)
    with transaction.atomic():
        run = DeletionRun.objects.create(
            run_date=today,
            started_at=started,
            finished_at=timezone.now(),
            counts={key: value for key, value in sorted(counts.items()) if value},
        )
        record("retention.run", object_type="deletion_run", object_id=run.pk, purpose=PURPOSE)
    return run


def _add(counts: Counter, deleted: tuple[int, dict[str, int]]) -> None:
    for label, number in deleted[1].items():
        counts[label] += number


def _locked(queryset, ids: list[int]) -> list[int]:
    """The ids that still qualify, locked until the batch commits (a hold placed meanwhile
    locks the same row first, see services.place_hold)."""
    return list(queryset().filter(pk__in=ids).select_for_update().order_by("pk").values_list("pk", flat=True))


def _delete_signals(queryset, ids: list[int], today: datetime.date, counts: Counter) -> None:
    with transaction.atomic():
        ids = _locked(queryset, ids)
        if not ids:
            return
        subject_ids = set(Signal.objects.filter(pk__in=ids, subject__isnull=False).values_list("subject_id", flat=True))
        request_ids = list(InformationRequest.objects.filter(signal_id__in=ids).values_list("pk", flat=True))
        files = list(Attachment.objects.filter(signal_id__in=ids).values_list("stored_name", flat=True))
        _add(counts, Signal.objects.filter(pk__in=ids).delete())
        _delete_notifications(
            [links.signal_page(pk) for pk in ids] + [links.information_request_page(pk) for pk in request_ids], counts
        )
        _delete_orphaned_subjects(subject_ids, today, counts)
    _remove_files(files, counts)


def _delete_cases(queryset, ids: list[int], today: datetime.date, counts: Counter) -> None:
    with transaction.atomic():
        ids = _locked(queryset, ids)
        if not ids:
            return
        subject_ids = set(Case.objects.filter(pk__in=ids).values_list("subject_id", flat=True))
        signal_ids = list(Signal.objects.filter(case_id__in=ids).values_list("pk", flat=True))
        request_ids = list(
            InformationRequest.objects.filter(Q(case_id__in=ids) | Q(signal_id__in=signal_ids)).values_list(
                "pk", flat=True
            )
        )
        files = list(Attachment.objects.filter(signal_id__in=signal_ids).values_list("stored_name", flat=True))
        # First what protects the case or its parts from deletion (on_delete=PROTECT).
        _add(counts, Action.objects.filter(item__case_id__in=ids).delete())
        _add(counts, AgendaItem.objects.filter(case_id__in=ids).delete())
        _add(counts, Intervention.objects.filter(plan__case_id__in=ids).delete())
        _add(counts, CaseReopening.objects.filter(case_id__in=ids).delete())
        # A decision of a signal that stays (not the case's own) only loses its link.
        TriageDecision.objects.filter(case_id__in=ids).exclude(signal_id__in=signal_ids).update(case=None)
        _add(counts, Signal.objects.filter(pk__in=signal_ids).delete())
        _add(counts, Case.objects.filter(pk__in=ids).delete())
        _delete_notifications(
            [links.case_page(pk) for pk in ids]
            + [links.signal_page(pk) for pk in signal_ids]
            + [links.information_request_page(pk) for pk in request_ids],
            counts,
        )
        _delete_orphaned_subjects(subject_ids, today, counts)
    _remove_files(files, counts)


def _delete_notifications(paths: list[str], counts: Counter) -> None:
    """Notifications lead to pages by path; those of deleted records would lead nowhere."""
    if paths:
        _add(counts, Notification.objects.filter(link__in=paths).delete())


def _delete_orphaned_subjects(subject_ids: Iterable[int], today: datetime.date, counts: Counter) -> None:
    """Subjects with no case and no signal left, and no active hold, go too; their audit
    entries are pseudonymised in the same transaction."""
    subject_ids = list(subject_ids)
    if not subject_ids:
        return
    orphans = list(
        Subject.objects.filter(pk__in=subject_ids)
        .exclude(Exists(Case.objects.filter(subject=OuterRef("pk"))))
        .exclude(Exists(Signal.objects.filter(subject=OuterRef("pk"))))
        .exclude(Exists(LegalHold.objects.active(today).filter(subject=OuterRef("pk"))))
        .select_for_update()
        .values_list("pk", flat=True)
    )
    if not orphans:
        return
    _add(counts, Subject.objects.filter(pk__in=orphans).delete())
    pseudonymise_subjects(orphans, counts)


def pseudonymise_subjects(subject_ids: Iterable[int], counts: Counter | None = None) -> int:
    """Replace the subject id of every audit entry about these subjects by a random pseudonym
    per subject. The entry's identity digest stays, so its chain still verifies."""
    done = 0
    now = timezone.now()
    for subject_id in subject_ids:
        pseudonym = PSEUDONYM_PREFIX + secrets.token_hex(8)
        done += AuditEntry.objects.filter(subject_id=str(subject_id)).update(subject_id=pseudonym, pseudonymised_at=now)
    if counts is not None:
        counts[PSEUDONYMISED_SUBJECT] += done
    return done


def _remove_files(stored_names: list[str], counts: Counter) -> None:
    """After the commit: a rolled-back batch keeps its files. A file that cannot be removed
    now is removed by a later run's sweep (its row is gone)."""
    if not stored_names:
        return
    storage = attachments.storage()
    for name in stored_names:
        try:
            storage.delete(name)
        except OSError:
            counts[FILES_FAILED] += 1
        else:
            counts[FILES] += 1
    if counts[FILES_FAILED]:
        logger.warning("retention: %d attachment files could not be removed yet", counts[FILES_FAILED])


def _sweep_orphaned_files(counts: Counter, batch_size: int) -> None:
    """Attachment files whose row is gone (a removal that failed, a crash between commit
    and removal): checked per directory in chunks, removed when older than a day."""
    root = Path(attachments.storage().location)
    if not root.is_dir():
        return
    cutoff = time.time() - ORPHAN_MIN_AGE_SECONDS
    for directory in sorted(entry.path for entry in os.scandir(root) if entry.is_dir(follow_symlinks=False)):
        chunk: list[tuple[str, str]] = []
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                    chunk.append((f"{Path(directory).name}/{entry.name}", entry.path))
                if len(chunk) >= batch_size:
                    _remove_unreferenced(chunk, counts)
                    chunk = []
        _remove_unreferenced(chunk, counts)


def _remove_unreferenced(chunk: list[tuple[str, str]], counts: Counter) -> None:
    if not chunk:
        return
    known = set(
        Attachment.objects.filter(stored_name__in=[name for name, _ in chunk]).values_list("stored_name", flat=True)
    )
    for name, path in chunk:
        if name not in known:
            try:
                os.remove(path)
            except OSError:
                counts[FILES_FAILED] += 1
            else:
                counts[FILES] += 1
