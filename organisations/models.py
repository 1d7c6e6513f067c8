"""Municipalities, centres (treatment providers), teams, staff users and their roles (DOMAIN.md §1)."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Law(models.TextChoices):
    """The laws a centre or a quality standard covers (current numbering, DOMAIN.md §2.2)."""

    SEL_101 = "SEL_101", _("Social Services Act §101 (drug treatment)")
    SEL_101A = "SEL_101A", _("Social Services Act §101a (anonymous drug treatment)")
    SUL_141 = "SUL_141", _("Health Act §141 (alcohol treatment)")
    SUL_142 = "SUL_142", _("Health Act §142 (medical drug treatment)")


class OfferKind(models.TextChoices):
    """Kinds of treatment offer (G2.3, DOMAIN.md §2.6)."""

    ADVICE = "advice", _("Advice")
    OUTPATIENT = "outpatient", _("Outpatient")
    DAY = "day", _("Day treatment")
    RESIDENTIAL = "residential", _("Residential")
    FOLLOW_UP = "follow_up", _("Follow-up treatment")
    ANONYMOUS = "anonymous", _("Anonymous treatment")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    """Staff roles (DOMAIN.md §1). A user holds one or more per centre."""

    VISITATOR = "visitator", _("Counsellor / visitator")
    AUTHORITY = "authority", _("Authority")
    THERAPIST = "therapist", _("Therapist")
    PHYSICIAN = "physician", _("Physician / health professional")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    ANONYMOUS_COUNSELLOR = "anonymous_counsellor", _("Anonymous counselling (§101a)")


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("municipality number"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("Enter the three-digit municipality number."))],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Centre(models.Model):
    """A treatment provider: the municipality's own centre or an external approved provider."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("The municipality's own centre")
        EXTERNAL_PUBLIC = "external_public", _("External public provider")
        EXTERNAL_PRIVATE = "external_private", _("External private provider")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="centres", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPAL)
    approved_on_tilbudsportalen = models.BooleanField(
        _("approved on Tilbudsportalen"),
        default=False,
        help_text=_("Only providers listed on Tilbudsportalen can be chosen under free choice (SEL §101(5))."),
    )
    laws = models.JSONField(_("laws covered"), default=list, blank=True)
    offer_kinds = models.JSONField(_("offers"), default=list, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    outside_municipality = models.BooleanField(
        _("lies outside the municipality"),
        default=False,
        help_text=_(
            "For a provider the municipality has contracted: it lies in another municipality "
            "(SEL §101a(2) asks for at least one such provider of anonymous treatment)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="centre_unique_name"),
        ]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown_laws = set(self.laws) - set(Law.values)
        if unknown_laws:
            raise ValidationError({"laws": _("Unknown law: %s") % ", ".join(sorted(unknown_laws))})
        unknown_offers = set(self.offer_kinds) - set(OfferKind.values)
        if unknown_offers:
            raise ValidationError({"offer_kinds": _("Unknown offer: %s") % ", ".join(sorted(unknown_offers))})

    def get_law_labels(self) -> list[str]:
        return [str(Law(code).label) for code in self.laws if code in Law.values]

    def get_offer_labels(self) -> list[str]:
        return [str(OfferKind(code).label) for code in self.offer_kinds if code in OfferKind.values]


class Team(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="teams", verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="team_unique_name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.name} ({self.centre})"


class User(AbstractUser):
    """A staff user. What they may see follows from their memberships, never from is_staff."""

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that a change of the flag is audited (audit_superuser_flag).
        instance._superuser_on_load = instance.__dict__.get("is_superuser")
        return instance


class Membership(models.Model):
    """One role a user holds at one centre, optionally within a team."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("centre"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships", verbose_name=_("team")
    )

    class Meta:
        ordering = ["centre__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "centre", "role"], name="membership_unique_role"),
        ]
        verbose_name = _("role at a centre")
        verbose_name_plural = _("roles at centres")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}, {self.centre}"

    def clean(self) -> None:
        if self.team_id and self.centre_id and self.team.centre_id != self.centre_id:
            raise ValidationError({"team": _("The team must belong to the same centre.")})


# Who works with citizens' records (never the administrator, never the anonymous service).
CASEWORK_ROLES = (Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN)
CASE_READ_ROLES = (*CASEWORK_ROLES, Role.MANAGER)
# Who sees the full CPR number on the citizen's own page (to identify and report the person).
FULL_CPR_ROLES = (Role.VISITATOR, Role.AUTHORITY, Role.PHYSICIAN)


class RoleRequest(models.Model):
    """A role asked for by an administrator; only a second person's approval creates the Membership.

    Every grant, administrator roles included, goes through a request (four eyes): the requester
    files it, a manager of the centre who is neither the requester nor the grantee decides it
    (``organisations.services.may_decide``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_requests", verbose_name=_("user"))
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="role_requests", verbose_name=_("centre"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    reason = models.TextField(_("reason"), max_length=500)
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "centre", "role"],
                condition=models.Q(status="pending"),
                name="role_request_one_pending",
                violation_error_message=_("This role has already been requested for the user at this centre."),
            ),
        ]
        indexes = [models.Index(fields=["centre", "status"], name="role_request_centre_idx")]
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}, {self.centre}"

    def clean(self) -> None:
        if self.team_id and self.centre_id and self.team.centre_id != self.centre_id:
            raise ValidationError({"team": _("The team must belong to the same centre.")})
        if (
            self.pk is None
            and self.user_id
            and self.centre_id
            and Membership.objects.filter(user_id=self.user_id, centre_id=self.centre_id, role=self.role).exists()
        ):
            raise ValidationError(_("The user already holds this role at this centre."))


@receiver(post_save, sender=User)
def audit_superuser_flag(sender, instance: User, created: bool, **kwargs) -> None:
    """Becoming (or ceasing to be) a superuser is audited, whoever does it (``createsuperuser``).

    The actor is unknown here: "command line" outside a request (the only intended way), "web
    request" otherwise, so that an auditor sees if it ever happened another way.
    """
    before = False if created else getattr(instance, "_superuser_on_load", None)  # None: not loaded here
    instance._superuser_on_load = instance.is_superuser
    if before == instance.is_superuser or (before is None and not instance.is_superuser):
        return
    from audit.context import current
    from audit.models import AuditEvent
    from audit.services import audit_record

    audit_record(
        actor=None,
        username="web request" if current.get().request_id else "command line",
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=instance,
        changes={"is_superuser": [before, instance.is_superuser]},
    )
