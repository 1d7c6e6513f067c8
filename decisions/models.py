"""The decision on a treatment request, free choice of provider, and complaints (DOMAIN.md §2.4; G3.6).

The deadline engine (``deadlines.services.course_facts``) reads ``course.decision`` with
``decided_on``, ``outcome``, ``written_reasons_requested_on`` and ``written_reasons_sent_on``, and
``decision.complaints`` with ``received_on`` and ``reassessed_on``: keep these names.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Centre, OfferKind
from standards.models import StandardOffer

from . import rules


class Outcome(models.TextChoices):
    """Every request ends in a grant, a partial grant or a refusal (G3.6.2)."""

    GRANT = rules.GRANT, _("Grant")
    PARTIAL = rules.PARTIAL, _("Partial grant")
    REFUSAL = rules.REFUSAL, _("Refusal")


class Medium(models.TextChoices):
    """How a decision was given, or a complaint made."""

    WRITTEN = rules.WRITTEN, _("Written")
    ORAL = rules.ORAL, _("Oral")


class Channel(models.TextChoices):
    """How a letter goes out; the complaint deadline runs from when the citizen receives it
    (``rules.received_on``)."""

    DIGITAL_POST = rules.DIGITAL_POST, _("Digital Post")
    POST = rules.POST, _("Letter by post")
    HANDED_OVER = rules.HANDED_OVER, _("Handed over")


class DecisionContent(models.Model):
    """What a decision says beyond its outcome and form: the offer, and the reasons the letter
    gives (FVL §§22–24; SEL §3(2)). Shared by the decision, its draft, and so by the form of both."""

    offer_kind = models.CharField(_("kind of offer"), max_length=20, choices=OfferKind.choices, blank=True)
    provider = models.ForeignKey(
        Centre, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("provider")
    )
    intensity_tier = models.ForeignKey(
        StandardOffer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offer or intensity tier in the standard"),
    )
    reasons = models.TextField(_("reasons"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    considerations = models.TextField(_("main considerations"), blank=True)
    key_facts = models.TextField(_("key facts"), blank=True)
    implementation = models.TextField(_("how the offer will be carried out"), blank=True)
    purpose = models.TextField(_("purpose of the offer"), blank=True)
    other_help = models.TextField(_("how other help may meet the need"), blank=True)
    not_dual_diagnosis = models.BooleanField(
        _("the refusal does not rest on mental illness as well as drug use"), default=False
    )
    mental_illness_explanation = models.TextField(_("why the refusal does not rest on mental illness"), blank=True)

    class Meta:
        abstract = True


class Decision(DecisionContent):
    """The decision on a course's treatment request (G3.6.1–3.6.4; FVL §§22–25; SEL §3(2))."""

    course = models.OneToOneField("courses.Course", on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    form = models.CharField(_("how the decision is given"), max_length=10, choices=Medium.choices)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    mentions_mental_illness = models.BooleanField(
        _("the refusal mentions mental illness"),
        default=False,
        db_index=True,
        help_text=_("Set from the texts (rules.mental_illness_terms); such refusals are on the manager's review list."),
    )
    refused_outside_law = models.BooleanField(
        _("refused because the request falls outside the law or the quality standard"),
        default=False,
        help_text=_("Such a refusal may be issued without an assessment."),
    )
    letter = models.FileField(_("letter"), upload_to="letters/", blank=True)
    letter_generated_at = models.DateTimeField(_("letter generated at"), null=True, blank=True)
    letter_dated_on = models.DateField(_("letter dated"), null=True, blank=True)
    letter_channel = models.CharField(
        _("the letter is written to be sent by"), max_length=20, choices=Channel.choices, blank=True
    )
    letter_complaint_deadline = models.DateField(_("complaint deadline stated in the letter"), null=True, blank=True)
    reissued_on = models.DateField(
        _("new decision issued on"),
        null=True,
        blank=True,
        help_text=_("After a complaint; decided_on keeps the date the request was first decided."),
    )
    written_reasons_requested_on = models.DateField(_("written reasons requested on"), null=True, blank=True)
    written_reasons_sent_on = models.DateField(_("written reasons sent on"), null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.decided_on:%d.%m.%Y}"

    @property
    def issued_on(self):
        """The date of the decision in force: the new one after a complaint, else the first."""
        return self.reissued_on or self.decided_on

    @property
    def requirements(self) -> rules.LetterRequirements:
        return rules.letter_requirements(self.outcome, self.form)

    def snapshot(self) -> dict:
        """The decision as issued, in plain values (related objects by id, dates as ISO text): what
        a ``DecisionRevision`` keeps and ``rules.changed_fields`` compares."""
        values = {name: getattr(self, name) for name in rules.SNAPSHOT_FIELDS}
        values["provider"] = self.provider_id
        values["intensity_tier"] = self.intensity_tier_id
        values["issued_on"] = self.issued_on
        return {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in values.items()}


class DecisionRevision(models.Model):
    """One issued version of a decision, kept when the decision is issued anew (never edited in
    place): its fields as issued, its letter, and who replaced it, when and why.

    ``number`` 1 is the first decision; the ``Decision`` row always holds the version in force.
    The letter file stays in storage under its old name (``services.decision_reissue`` never
    deletes it), so the citizen's earlier letter can be read again exactly as it was sent.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("version"))
    issued_on = models.DateField(_("issued on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    fields = models.JSONField(_("the decision as issued"), default=dict)
    letter = models.FileField(_("letter"), upload_to="letters/", blank=True)
    letter_dated_on = models.DateField(_("letter dated"), null=True, blank=True)
    letter_channel = models.CharField(_("the letter was written to be sent by"), max_length=20, blank=True)
    replaced_on = models.DateField(_("replaced on"))
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("replaced by")
    )
    reason = models.TextField(_("why the decision was changed"))
    changed = models.JSONField(_("fields changed"), default=list)
    complaint = models.ForeignKey(
        "Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("complaint")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision", "number"]
        constraints = [models.UniqueConstraint(fields=["decision", "number"], name="decision_revision_number_unique")]
        verbose_name = _("earlier version of a decision")
        verbose_name_plural = _("earlier versions of a decision")

    def __str__(self) -> str:
        return f"{self.number}: {self.issued_on:%d.%m.%Y}"

    @property
    def outcome_label(self) -> str:
        outcome = self.fields.get("outcome", "")
        return Outcome(outcome).label if outcome in Outcome.values else outcome

    @property
    def changed_labels(self) -> list[str]:
        return rules.change_labels(self.changed)


class DecisionDraft(DecisionContent):
    """A decision prepared before it is issued: written by a visitator (or the authority), read
    with its letter as it would be, and issued by the authority only (``services.decision_issue``
    takes its fields and deletes it). Not a ``Decision``: the deadline engine reads
    ``course.decision``, and a draft decides nothing.

    ``sent_at`` is set when the writer hands it to the authority ("ready for decision").
    """

    course = models.OneToOneField("courses.Course", on_delete=models.CASCADE, related_name="decision_draft")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    form = models.CharField(_("how the decision is given"), max_length=10, choices=Medium.choices, blank=True)
    refused_outside_law = models.BooleanField(
        _("refused because the request falls outside the law or the quality standard"), default=False
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    sent_at = models.DateTimeField(_("sent to the authority at"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("decision draft")
        verbose_name_plural = _("decision drafts")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.updated_at:%d.%m.%Y}"

    def decision_fields(self) -> dict:
        """The draft's values under the names of ``services.DECISION_FIELDS`` (without the date)."""
        return {name: getattr(self, name) for name in rules.DRAFT_FIELDS}


class LetterDispatch(models.Model):
    """A decision letter sent to the citizen: which letter, how, when and by whom."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="dispatches")
    letter_name = models.CharField(_("letter"), max_length=200)
    channel = models.CharField(_("how it was sent"), max_length=20, choices=Channel.choices)
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "id"]
        # The citizen's timeline: letters sent, by date (timeline.sources.letters_sent).
        indexes = [models.Index(fields=["decision", "sent_on", "id"], name="letter_decision_sent_idx")]
        verbose_name = _("letter sent")
        verbose_name_plural = _("letters sent")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.sent_on:%d.%m.%Y}"

    @property
    def received_on(self):
        """The day the citizen is taken to receive it (``rules.received_on``)."""
        return rules.received_on(self.sent_on, self.channel)


class FreeChoice(models.Model):
    """The citizen chose another provider of the same kind (SEL §101(5); G3.6.4). It sets the
    14-day guarantee aside (SEL §101(6)); treatment must still start as soon as possible."""

    course = models.OneToOneField("courses.Course", on_delete=models.CASCADE, related_name="free_choice")
    chosen_provider = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="+", verbose_name=_("chosen provider")
    )
    chosen_kind = models.CharField(
        _("kind of offer chosen"),
        max_length=20,
        choices=OfferKind.choices,
        help_text=_("The same kind as the offer allocated to (SEL §101(5))."),
    )
    chosen_on = models.DateField(_("chosen on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("free choice of provider")
        verbose_name_plural = _("free choices of provider")

    def __str__(self) -> str:
        return f"{self.chosen_provider} {self.chosen_on:%d.%m.%Y}"


class ReassessmentOutcome(models.TextChoices):
    CHANGED = "changed", _("Changed: a new decision is issued")
    UPHELD = "upheld", _("Upheld: forwarded to Ankestyrelsen")


class AppealsOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld (stadfæstet)")
    CHANGED = "changed", _("Changed (ændret)")
    REMITTED = "remitted", _("Sent back for a new decision (hjemvist)")
    DISMISSED = "dismissed", _("Dismissed (afvist)")


class Complaint(models.Model):
    """A complaint about the decision (RSL §§66–67; DOMAIN.md §2.4).

    Within 4 weeks of receiving the decision; no form is required, and an oral complaint is
    written down by the centre. Only the person the decision concerns may
    complain, in person or through a representative with a power of attorney (Odsherred). The
    municipality re-assesses; an upheld decision goes with the case documents to Ankestyrelsen.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="complaints")
    received_on = models.DateField(_("complaint received on"))
    decision_received_on = models.DateField(
        _("the citizen received the decision on"),
        help_text=_("The complaint deadline runs from this day (RSL §67)."),
    )
    form = models.CharField(_("how the complaint was made"), max_length=10, choices=Medium.choices)
    oral_account = models.TextField(
        _("the oral complaint, written down"),
        blank=True,
        help_text=_("An oral complaint is written down by the centre."),
    )
    summary = models.TextField(_("what the complaint is about"), blank=True)
    complainant_is_citizen = models.BooleanField(
        _("the complaint comes from the citizen the decision concerns, or their representative"), default=True
    )
    representative = models.CharField(
        _("representative with a power of attorney"), max_length=200, blank=True, help_text=_("Leave empty if none.")
    )
    is_late = models.BooleanField(_("received after the deadline"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reassessed_on = models.DateField(_("re-assessed on"), null=True, blank=True)
    reassessment_outcome = models.CharField(
        _("outcome of the re-assessment"), max_length=10, choices=ReassessmentOutcome.choices, blank=True
    )
    reassessment_note = models.TextField(_("reasons for the re-assessment"), blank=True)
    forwarded_on = models.DateField(_("forwarded to Ankestyrelsen on"), null=True, blank=True)
    appeals_outcome = models.CharField(
        _("Ankestyrelsen's decision"), max_length=10, choices=AppealsOutcome.choices, blank=True
    )
    appeals_outcome_on = models.DateField(_("Ankestyrelsen decided on"), null=True, blank=True)
    decision_reissued_on = models.DateField(_("new decision issued on"), null=True, blank=True)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.received_on:%d.%m.%Y}"

    @property
    def calls_for_new_decision(self) -> bool:
        """Re-assessed as changed, or changed or sent back by Ankestyrelsen, and not yet re-issued."""
        changed = self.reassessment_outcome == ReassessmentOutcome.CHANGED or self.appeals_outcome in (
            AppealsOutcome.CHANGED,
            AppealsOutcome.REMITTED,
        )
        return changed and self.decision_reissued_on is None
