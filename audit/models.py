"""The append-only, hash-chained audit log (ARCHITECTURE.md §Audit).

Rows are only ever inserted. The application refuses to change or delete them (below), and on
PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002). Every insert extends a hash chain
(``audit.chain``): the row's ``prev_hash`` is the hash of the row before it in its lane and its
``hash`` covers its content and ``prev_hash``; ``manage.py verify_audit_chain`` checks every lane.

Lanes: on PostgreSQL the chain has up to ``FORLOB_AUDIT_LANES`` (16) lanes, each its own chain
under its own advisory lock, so that concurrent writers do not queue behind one lock (a writer
takes lane 0, or another free lane when lane 0 is busy; docs/performance.md has the measurement).
The log's head is a digest of every lane's head (``chain.combined_head``), which is what anchors keep.
"""

import json
import os

from django.conf import settings
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import chain

# The key of the PostgreSQL advisory lock that serialises writers of lane 0 of the chain ("forlobA");
# lane n is locked with CHAIN_LOCK_KEY + n.
CHAIN_LOCK_KEY = 0x666F726C6F6241
DEFAULT_LANES = 16


def lane_count() -> int:
    """How many lanes writers may spread over (``FORLOB_AUDIT_LANES``, at least 1)."""
    return max(1, int(getattr(settings, "FORLOB_AUDIT_LANES", DEFAULT_LANES)))


def take_lane(cursor, lanes: int) -> int:
    """Lock a lane of the chain for the rest of the transaction and return it (PostgreSQL).

    Lane 0 first, so that a log written one event at a time stays one chain; when it is busy, the
    other lanes without waiting, starting at one chosen by the process (so that workers spread).
    A lane this transaction already holds is always granted again, so a transaction that holds a
    lane never waits for another (no deadlock between lanes). Only when every lane is busy does it
    wait, for lane 0.
    """
    cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    if cursor.fetchone()[0]:
        return 0
    first = os.getpid() % (lanes - 1) if lanes > 1 else 0
    for step in range(lanes - 1):
        lane = 1 + (first + step) % (lanes - 1)
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY + lane])
        if cursor.fetchone()[0]:
            return lane
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    return 0


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def about_citizen(self, citizen_id: int) -> "AuditEventQuerySet":
        """Events about one citizen: with the citizen as theirs, or naming them among the citizens a
        list or search showed (``AuditEventCitizen``)."""
        listed = AuditEventCitizen.objects.filter(citizen_id=citizen_id).values("event_id")
        return self.filter(models.Q(citizen_id=citizen_id) | models.Q(pk__in=listed))

    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are written one at a time, each extending the hash chain.")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", _("Password accepted")
        SECOND_FACTOR = "second_factor", _("Second factor accepted")
        LOGIN_FAILED = "login_failed", _("Failed login")
        OTP_FAILED = "otp_failed", _("Failed second factor")
        OTP_ENROLLED = "otp_enrolled", _("Authenticator app enrolled")
        LOGOUT = "logout", _("Logout")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        VIEW = "view", _("Read")
        SEARCH = "search", _("Search")
        CREATE = "create", _("Create")
        UPDATE = "update", _("Change")
        DELETE = "delete", _("Delete")
        EXPORT = "export", _("Export")
        ACCESS_DENIED = "access_denied", _("Access refused")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Succeeded")
        DENIED = "denied", _("Refused")
        FAILED = "failed", _("Failed")

    # Set by save() under the chain's lock, before the hash is computed (so not auto_now_add,
    # which would set it afterwards); times follow the order of the chain.
    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # No database constraint: users are deactivated, not deleted, and the log must never be
    # rewritten by an ON DELETE action. The username is kept as it was at the time.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    # The actor's roles at the centre concerned (all their roles if there is none), comma-separated.
    role = models.CharField(_("role"), max_length=200, blank=True, default="")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # Empty only on events written before outcomes were recorded; see implied_outcome().
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS, blank=True
    )
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    citizen_id = models.BigIntegerField(_("citizen (internal id)"), null=True, blank=True)
    centre_id = models.BigIntegerField(_("centre (internal id)"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    # The hash chain (audit.chain): hex SHA-256; empty on events written before the chain began.
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True, default="")
    # Which lane of the chain the event extends (0 on SQLite and for bulk loads); not hashed: the
    # links bind an event to its lane (prev_hash must be the lane's previous hash).
    lane = models.PositiveSmallIntegerField(_("chain lane"), default=0, db_default=0)
    hash = models.CharField(_("hash"), max_length=64, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The last event of a lane, read by every insert under the lane's lock.
            models.Index(fields=["lane", "-id"], name="audit_lane_idx"),
            # Who looked at a citizen, newest first (audit:citizen_access).
            models.Index(fields=["citizen_id", "-occurred_at", "-id"], name="audit_citizen_time_idx"),
            # A centre's refused attempts, newest first (audit:refused_attempts).
            models.Index(
                fields=["centre_id", "-occurred_at", "-id"],
                name="audit_refused_idx",
                condition=models.Q(action="access_denied"),
            ),
            # A user's recent searches, counted for the CPR search limit (citizens.selectors.cpr_searches_by).
            models.Index(
                fields=["actor", "occurred_at"],
                name="audit_search_idx",
                condition=models.Q(action="search"),
            ),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        """Insert the event as the next link of a lane of the hash chain.

        Writers of a lane are serialised so that it never forks: on PostgreSQL by a transaction-level
        advisory lock on the lane (``take_lane``), held until the surrounding transaction ends (so that
        the lane's next writer reads this row as its last one); SQLite lets one writer at a time anyway
        and uses lane 0 only. The lock is why ``audit_record()`` belongs late in a service's
        transaction. It needs READ COMMITTED (Django's default): the lane's last row is read in a
        statement after the lock is granted.
        """
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # As the database will give it back: text keys, lists, no NaN (jsonb refuses it).
        self.changes = json.loads(json.dumps(self.changes or {}, allow_nan=False))
        with transaction.atomic(using=using, savepoint=False):
            connection = connections[using]
            self.lane = 0
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    self.lane = take_lane(cursor, lane_count())
            last = (
                AuditEvent.objects.using(using)
                .filter(lane=self.lane)
                .order_by("-id")
                .values_list("hash", flat=True)
                .first()
            )
            self.prev_hash = last or chain.lane_genesis(self.lane)
            self.occurred_at = timezone.now()
            self.hash = chain.event_hash(self.chain_values, self.prev_hash)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

    @staticmethod
    def implied_outcome(action: str) -> str:
        """The outcome an action has unless told otherwise (failed logins fail, refusals are refused)."""
        if action in (AuditEvent.Action.LOGIN_FAILED, AuditEvent.Action.OTP_FAILED):
            return AuditEvent.Outcome.FAILED
        if action == AuditEvent.Action.ACCESS_DENIED:
            return AuditEvent.Outcome.DENIED
        return AuditEvent.Outcome.SUCCESS

    @property
    def outcome_label(self) -> str:
        return AuditEvent.Outcome(self.outcome or self.implied_outcome(self.action)).label

    @property
    def chain_values(self) -> dict:
        return {name: getattr(self, name) for name in chain.HASHED_FIELDS}


class AuditEventCitizenQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEventCitizen(models.Model):
    """One citizen a list or search page showed, for an event whose ``changes["citizens"]`` names
    them: so that the citizen's access log and own copy find list reads too. Written with the event
    (``audit_record``), append-only like it; the event's hashed ``changes`` stay the evidence."""

    event = models.ForeignKey(
        AuditEvent, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", verbose_name=_("event")
    )
    citizen_id = models.BigIntegerField(_("citizen (internal id)"))

    objects = AuditEventCitizenQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["citizen_id", "event"], name="audit_listed_citizen_idx")]
        verbose_name = _("citizen shown in an audit event")
        verbose_name_plural = _("citizens shown in audit events")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.citizen_id}"
