"""During treatment (DOMAIN.md §2.6–2.7; G3.10, G2.3.8): gift cards, lapses and relapses with the
relapse-prevention plan, and residential stays at external providers with their supervision.

The duties the assessment calls for stay ``assessments.models.Task`` rows; the end of a
residential stay adds one (``TaskKind.AFTERCARE``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Centre

from . import rules


class GiftCard(models.Model):
    """A gift card given to support the citizen through treatment (SEL §101(9–11); G3.10.1): an
    electronic or physical voucher of a fixed amount. Not deducted from benefits (SEL §101(11))."""

    class Kind(models.TextChoices):
        ELECTRONIC = "electronic", _("Electronic")
        PHYSICAL = "physical", _("Physical")

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="gift_cards")
    # The course's centre, repeated so the centre's list is one indexed range scan.
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+", verbose_name=_("centre"))
    issued_on = models.DateField(_("issued on"))
    amount = models.PositiveIntegerField(_("amount (kroner)"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ELECTRONIC)
    reason = models.CharField(_("reason"), max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["centre", "-issued_on", "-id"], name="giftcard_centre_issued_idx"),
            models.Index(fields=["course", "issued_on"], name="giftcard_course_issued_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=rules.GIFT_CARD_MIN_KRONER, amount__lte=rules.GIFT_CARD_MAX_KRONER),
                name="giftcard_amount_bounds",
            )
        ]
        verbose_name = _("gift card")
        verbose_name_plural = _("gift cards")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.issued_on:%d.%m.%Y}"


class Lapse(models.Model):
    """A lapse (slip: a short, temporary return to earlier use) or a relapse (tilbagefald: a return
    to the earlier pattern), recorded without judgement (G3.10 "værd at vide", G3.10.5), with the
    decision whether to change the offer (G3.10.7)."""

    class Kind(models.TextChoices):
        LAPSE = "lapse", _("Lapse (a short, temporary return to earlier use)")
        RELAPSE = "relapse", _("Relapse (a return to the earlier pattern of use)")

    class OfferChange(models.TextChoices):
        KEEP = "keep", _("Keep the offer as it is")
        CHANGE = "change", _("Change the offer")
        LATER = "later", _("Decide later")

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="lapses")
    occurred_on = models.DateField(_("when"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    substances = models.CharField(_("substances"), max_length=200)
    account = models.TextField(_("what happened, in the citizen's own words"))
    helped = models.TextField(_("what helped"), blank=True)
    triggers = models.TextField(_("what led up to it"), blank=True)
    offer_change = models.CharField(_("the offer"), max_length=10, choices=OfferChange.choices)
    offer_change_note = models.TextField(_("note on the offer"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["course", "-occurred_on"], name="lapse_course_occurred_idx")]
        verbose_name = _("lapse or relapse")
        verbose_name_plural = _("lapses and relapses")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d.%m.%Y}"


class RelapsePreventionPlan(models.Model):
    """One version of the course's relapse-prevention plan (G3.10.2). Each change adds a version;
    the earlier ones stay readable."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="relapse_plans")
    number = models.PositiveSmallIntegerField(_("version"))
    made_on = models.DateField(_("made with the citizen on"))
    warning_signs = models.TextField(_("warning signs"))
    high_risk_situations = models.TextField(_("high-risk situations"))
    strategies = models.TextField(_("what the citizen can do"))
    contacts = models.TextField(_("who to contact"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    TEXT_FIELDS = ("warning_signs", "high_risk_situations", "strategies", "contacts")

    class Meta:
        ordering = ["course", "-number"]
        constraints = [models.UniqueConstraint(fields=["course", "number"], name="relapse_plan_unique_number")]
        verbose_name = _("relapse-prevention plan")
        verbose_name_plural = _("relapse-prevention plans")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.number} ({self.made_on:%d.%m.%Y})"


class ResidentialStay(models.Model):
    """A residential stay (døgnbehandling), usually at an external provider, supervised by the
    centre: a pre-talk, a mid-way and a final status meeting, and written mid-way and final statuses
    from the provider (DOMAIN.md §2.4; G2.3.8). After it, intensive outpatient or day treatment."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="residential_stays")
    provider = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider"))
    starts_on = models.DateField(_("starts on"))
    planned_end_on = models.DateField(_("planned to end on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.TextField(_("note on the end"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course"], condition=models.Q(ended_on__isnull=True), name="stay_one_open_per_course"
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end_on__gt=models.F("starts_on")), name="stay_ends_after"
            ),
        ]
        # The citizen's timeline: stays, by the day they began (timeline.sources.residential_stays).
        indexes = [models.Index(fields=["course", "starts_on", "id"], name="stay_course_starts_idx")]
        verbose_name = _("residential stay")
        verbose_name_plural = _("residential stays")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.starts_on:%d.%m.%Y}"


class StatusMeeting(models.Model):
    """A status meeting of a stay: the pre-talk, mid-way or final meeting (Odsherred)."""

    class Kind(models.TextChoices):
        START = rules.START, _("Pre-talk")
        MIDWAY = rules.MIDWAY, _("Mid-way status meeting")
        END = rules.END, _("Final status meeting")

    stay = models.ForeignKey(ResidentialStay, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("meeting"), max_length=10, choices=Kind.choices)
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["stay", "planned_on", "id"]
        constraints = [models.UniqueConstraint(fields=["stay", "kind"], name="meeting_unique_kind")]
        verbose_name = _("status meeting")
        verbose_name_plural = _("status meetings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_on:%d.%m.%Y}"


class ProviderStatus(models.Model):
    """The provider's written mid-way or final status of the stay (Odsherred requires both)."""

    class Kind(models.TextChoices):
        MIDWAY = rules.STATUS_MIDWAY, _("Mid-way status")
        FINAL = rules.STATUS_FINAL, _("Final status")

    stay = models.ForeignKey(ResidentialStay, on_delete=models.CASCADE, related_name="statuses")
    kind = models.CharField(_("written status"), max_length=10, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("summary"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["stay", "received_on", "id"]
        constraints = [models.UniqueConstraint(fields=["stay", "kind"], name="provider_status_unique_kind")]
        verbose_name = _("written status from the provider")
        verbose_name_plural = _("written statuses from the provider")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%d.%m.%Y}"
