"""The anonymous services' records (SEL §101a, SEL §10(2), SUL §141(7); DOMAIN.md §2.10).

Kept apart from the citizens' records so that anonymity holds against a curious colleague and a
database dump (SEL §101a(7)): no model here has a relation to ``citizens`` or ``courses``, and no
field can hold a CPR number (text fields refuse runs of six or more digits, the phone field holds
exactly eight). Only staff with the anonymous-service role at the record's centre see them
(``anonymous.access``). ``__str__`` names a record by kind and internal number only, so the audit
log never receives a nickname or a reference code.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules, validators


class Service(models.TextChoices):
    DRUG_TREATMENT = rules.DRUG_TREATMENT, _("Anonymous drug treatment (SEL §101a)")
    ADVICE = rules.ADVICE_SERVICE, _("Anonymous advice (SEL §10(2))")
    ALCOHOL = rules.ALCOHOL, _("Anonymous alcohol treatment (SUL §141(7))")


class State(models.TextChoices):
    REQUESTED = rules.REQUESTED, _("Awaiting the clarifying conversation")
    ADVICE = rules.ADVICE, _("In advice")
    ELIGIBLE = rules.ELIGIBLE, _("In the target group, awaiting a group")
    NOT_ELIGIBLE = rules.NOT_ELIGIBLE, _("Not in the target group")
    IN_TREATMENT = rules.IN_TREATMENT, _("In treatment")
    COMPLETED = rules.COMPLETED, _("Completed")
    ENDED = rules.ENDED, _("Ended")


class ContactBy(models.TextChoices):
    SELF = "self", _("The person themselves")
    RELATIVE = "relative", _("A relative")
    OTHER = "other", _("Someone else (network, professional)")


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Not stated")


class Substance(models.TextChoices):
    CANNABIS = "cannabis", _("Cannabis")
    COCAINE = "cocaine", _("Cocaine")
    AMPHETAMINE = "amphetamine", _("Amphetamine")
    ECSTASY = "ecstasy", _("Ecstasy / MDMA")
    OPIOIDS = "opioids", _("Opioids")
    SEDATIVES = "sedatives", _("Sedatives (e.g. benzodiazepines)")
    ALCOHOL = "alcohol", _("Alcohol")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Not stated")


class NotEligibleReason(models.TextChoices):
    """Why the clarifying conversation found the person outside the target group (SEL §101a(1))."""

    OTHER_SOCIAL_PROBLEMS = "other_social_problems", _("Has other social problems than the drug use")
    NOT_TREATMENT_REQUIRING = "not_treatment_requiring", _("The drug use does not require treatment")
    NEEDS_MEDICAL_TREATMENT = "needs_medical_treatment", _("Needs medical treatment")
    LOCAL_CRITERIA = "local_criteria", _("Outside the municipality's own criteria")
    OTHER = "other", _("Other")


class Referral(models.TextChoices):
    """Where a person not in the target group, or leaving advice, is referred."""

    SEL_101 = "sel_101", _("Treatment under SEL §101 (with name and CPR number)")
    ALCOHOL = "alcohol", _("Alcohol treatment (SUL §141)")
    ADVICE = "advice", _("Anonymous advice (SEL §10(2))")
    HEALTH = "health", _("Own doctor or other health services")
    OTHER_HELP = "other_help", _("Other help")
    NONE = "none", _("No referral")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Stopped coming")
    WITHDREW = "withdrew", _("Withdrew")
    REFERRED = "referred", _("Referred to other help")
    NO_FURTHER_ACTION = "no_further_action", _("No further action needed")
    NOT_REACHED = "not_reached", _("Could not be reached")
    OTHER = "other", _("Other")


class AnonymousClient(models.Model):
    """A person known only by a reference code and a nickname: one course of one service.

    A first contact by a relative or an anonymous caller (SEL §10(2)) is such a record too, with
    ``contact_by`` saying who called; no citizen is created and no CPR number is asked.
    """

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    reference_code = models.CharField(
        _("reference code"), max_length=9, unique=True, validators=[validators.reference_code]
    )
    nickname = models.CharField(
        _("nickname"),
        max_length=rules.NICKNAME_MAX,
        blank=True,
        validators=[validators.no_identifying_digits],
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.NOT_STATED)
    substance = models.CharField(
        _("main substance"), max_length=12, choices=Substance.choices, default=Substance.NOT_STATED
    )
    contact_by = models.CharField(
        _("contact made by"), max_length=10, choices=ContactBy.choices, default=ContactBy.SELF
    )
    state = models.CharField(_("state"), max_length=15, choices=State.choices, default=State.REQUESTED)
    first_contact_on = models.DateField(_("first contact"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
        help_text=_("Empty when the person asked on the public page."),
    )
    # The decision after the clarifying conversation (SEL §101a(4)); no complaint guidance (§101a(6)).
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    not_eligible_reason = models.CharField(
        _("why not in the target group"), max_length=30, choices=NotEligibleReason.choices, blank=True
    )
    referral = models.CharField(_("referred to"), max_length=15, choices=Referral.choices, blank=True)
    referral_note = models.CharField(
        _("about the referral"), max_length=300, blank=True, validators=[validators.no_identifying_digits]
    )
    started_on = models.DateField(_("treatment started"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-first_contact_on", "-id"]
        indexes = [
            models.Index(fields=["centre", "state", "-first_contact_on"], name="anon_client_state_idx"),
            models.Index(fields=["centre", "-first_contact_on", "-id"], name="anon_client_contact_idx"),
        ]
        verbose_name = _("anonymous client")
        verbose_name_plural = _("anonymous clients")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"

    @property
    def is_open(self) -> bool:
        return rules.is_open(self.state)


class ConversationSlot(models.Model):
    """A time the service offers for a clarifying conversation (SEL §101a(3)), bookable on the
    public page; held at the centre's separate entrance or by phone."""

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"), default=45, validators=[MinValueValidator(10), MaxValueValidator(180)]
    )
    place = models.CharField(_("place"), max_length=200, validators=[validators.no_identifying_digits])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["centre", "starts_at"], name="anon_slot_centre_idx")]
        verbose_name = _("conversation time")
        verbose_name_plural = _("conversation times")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class ContactRequest(models.Model):
    """How the person asked for the clarifying conversation: a booked time or a call-back.

    The phone number is for the call-back only and is erased when the call has been made
    (``callback_done_at``) or the request is cancelled; a cancelled booking lets go of its time.
    """

    class Way(models.TextChoices):
        SLOT = "slot", _("A booked time")
        CALLBACK = "callback", _("A call-back")

    class Channel(models.TextChoices):
        WEB = "web", _("The public page")
        PHONE = "phone", _("Phone")
        IN_PERSON = "in_person", _("In person")

    class CallbackTime(models.TextChoices):
        ANY = "any", _("Any time in opening hours")
        MORNING = "morning", _("Before noon")
        AFTERNOON = "afternoon", _("After noon")

    client = models.OneToOneField(
        AnonymousClient, on_delete=models.CASCADE, related_name="contact_request", verbose_name=_("anonymous client")
    )
    channel = models.CharField(_("asked via"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    way = models.CharField(_("wish"), max_length=10, choices=Way.choices)
    slot = models.OneToOneField(
        ConversationSlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="request",
        verbose_name=_("conversation time"),
    )
    phone = models.CharField(
        _("phone for the call-back"), max_length=8, blank=True, validators=[validators.danish_phone]
    )
    callback_time = models.CharField(
        _("call me"), max_length=10, choices=CallbackTime.choices, default=CallbackTime.ANY, blank=True
    )
    submitted_at = models.DateTimeField(_("received"), default=timezone.now)
    # SHA-256 of the public form's one-time token: the same form sent twice gives one request.
    form_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    callback_done_at = models.DateTimeField(_("called back"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                # A booking holds its time until it is cancelled, which frees the time for others.
                condition=Q(way="slot", slot__isnull=False)
                | Q(way="callback", slot__isnull=True)
                | Q(cancelled_at__isnull=False, slot__isnull=True),
                name="anon_request_way_matches",
            ),
        ]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class Talk(models.Model):
    """A conversation held with an anonymous client: the clarifying conversation (SEL §101a(3)),
    an advice talk (SEL §10(2)), an individual treatment talk or the closing talk (§101a(8))."""

    class Kind(models.TextChoices):
        CLARIFYING = "clarifying", _("Clarifying conversation")
        ADVICE = "advice", _("Advice talk")
        INDIVIDUAL = "individual", _("Individual talk")
        CLOSING = "closing", _("Closing talk")

    client = models.ForeignKey(
        AnonymousClient, on_delete=models.CASCADE, related_name="talks", verbose_name=_("anonymous client")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("held by")
    )
    with_relative = models.BooleanField(_("with a relative"), default=False)
    note = models.TextField(
        _("note"), max_length=rules.NOTE_MAX, blank=True, validators=[validators.no_identifying_digits]
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["held_on", "id"]
        indexes = [models.Index(fields=["client", "held_on"], name="anon_talk_client_idx")]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class Group(models.Model):
    """A group course at a contracted provider (SEL §101a(2), (8)): the standard's number of
    sessions, a new group each quarter with rolling intake (Mariagerfjord)."""

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    provider = models.ForeignKey(
        "organisations.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices, default=Service.DRUG_TREATMENT)
    name = models.CharField(_("name"), max_length=100, validators=[validators.no_identifying_digits])
    starts_on = models.DateField(_("first session"))
    planned_sessions = models.PositiveSmallIntegerField(
        _("group sessions"), validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    closing_talk = models.BooleanField(_("individual closing talk offered"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["centre", "-starts_on"], name="anon_group_centre_idx")]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name


class GroupSession(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("group"))
    number = models.PositiveSmallIntegerField(_("session"))
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"), default=90, validators=[MinValueValidator(10), MaxValueValidator(480)]
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        ordering = ["group", "number"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="anon_session_unique_number")]
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class Enrolment(models.Model):
    """A client's place in a group; with rolling intake a client may join a running group and go on
    in the next one (a new enrolment)."""

    client = models.ForeignKey(
        AnonymousClient, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("anonymous client")
    )
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("group"))
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "group"], name="anon_enrolment_unique"),
            models.UniqueConstraint(
                fields=["client"], condition=Q(left_on__isnull=True), name="anon_enrolment_one_open"
            ),
        ]
        verbose_name = _("group place")
        verbose_name_plural = _("group places")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        GroupSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("group session")
    )
    client = models.ForeignKey(
        AnonymousClient, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("anonymous client")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["session", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "client"], name="anon_attendance_unique")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"
