"""Citizens, the people around them, and their consents (DOMAIN.md §1, §2.3; G3.2)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Centre

from . import crypto, rules


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    DIGITAL_POST = "digital_post", _("Digital Post")
    IN_PERSON = "in_person", _("In person")


class Citizen(models.Model):
    """A citizen known to one centre. The CPR number is stored encrypted (``citizens.crypto``)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="citizens", verbose_name=_("centre"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    cpr_encrypted = models.TextField(editable=False)
    cpr_index = models.CharField(max_length=64, editable=False, db_index=True)
    birth_date = models.DateField(_("birth date"), editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    contact_channel = models.CharField(
        _("agreed contact channel for follow-up"), max_length=20, choices=ContactChannel.choices, blank=True
    )
    expecting_child_on = models.DateField(_("expecting a child (due date)"), null=True, blank=True)
    address_protected = models.BooleanField(
        _("name and address protection"),
        default=False,
        help_text=_(
            "Registered in the CPR register. The address is shown only to those who need it,"
            " and letters go only by Digital Post or hand-over."
        ),
    )
    died_on = models.DateField(_("date of death"), null=True, blank=True)
    # "first last", case-folded (set on save): the name search is case-insensitive for æ, ø and å
    # on every database (SQLite's LIKE folds only ASCII letters).
    search_name = models.CharField(max_length=201, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [models.UniqueConstraint(fields=["centre", "cpr_index"], name="citizen_unique_cpr_per_centre")]
        indexes = [
            # The citizen list and search results, by name (citizens.selectors.LIST_ORDER), a centre's
            # citizens in order. The name search's trigram index (GIN on search_name) is PostgreSQL
            # only and made in migration 0004, outside the model state.
            models.Index(fields=["centre", "last_name", "first_name", "id"], name="citizen_centre_name_idx"),
        ]
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        # Never the CPR number: this text goes to the audit log and page titles.
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.search_name = rules.search_name(self.first_name, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def set_cpr(self, cpr: str) -> None:
        self.cpr_encrypted = crypto.encrypt_cpr(cpr)
        self.cpr_index = crypto.cpr_index(cpr)
        self.birth_date = rules.birth_date_of(cpr)

    @property
    def cpr(self) -> str:
        return crypto.decrypt_cpr(self.cpr_encrypted)

    @property
    def cpr_masked(self) -> str:
        return f"{self.birth_date:%d%m%y}-XXXX"


class RelatedPerson(models.Model):
    """Children, custody holders, representatives (FVL §8), relatives and network (G3.2)."""

    class Kind(models.TextChoices):
        CHILD_AT_HOME = "child_at_home", _("Child under 18 living at home")
        CHILD_ELSEWHERE = "child_elsewhere", _("Child under 18 living elsewhere (contact)")
        CUSTODY_HOLDER = "custody_holder", _("Custody holder")
        REPRESENTATIVE = "representative", _("Representative (power of attorney)")
        ASSISTANT = "assistant", _("Assistant (FVL §8)")
        RELATIVE = "relative", _("Relative")
        NETWORK = "network", _("Network person")

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="related_people")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=100, blank=True, help_text=_("E.g. mother, partner, lawyer."))
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    ended_on = models.DateField(
        _("no longer relevant from"),
        null=True,
        blank=True,
        help_text=_("E.g. the child moved away, or the power of attorney ended. The person stays on record."),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("related person")
        verbose_name_plural = _("related people")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Consent(models.Model):
    """Who may receive what, from when, until when; withdrawn when (G2.5, G3.2)."""

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="consents")
    recipient = models.CharField(_("recipient"), max_length=200)
    scope = models.CharField(_("what may be shared"), max_length=300)
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.recipient}: {self.scope}"


class EarlierVersion(models.Model):
    """A row as it was before a change: the history of corrections (kept, never changed).

    ``values`` holds the corrected fields before the change by ``changed_by`` at ``changed_at``;
    ``changed`` names the fields that changed. ``ROW`` names the foreign key to the corrected row.
    """

    ROW = ""

    values = models.JSONField(default=dict)
    changed = models.JSONField(default=list)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        # Never the values (free text about people): the row's id and when.
        return f"{self._meta.verbose_name} {getattr(self, f'{self.ROW}_id')} {self.changed_at:%d.%m.%Y}"


class RelatedPersonVersion(EarlierVersion):
    ROW = "person"
    person = models.ForeignKey(RelatedPerson, on_delete=models.CASCADE, related_name="versions")

    class Meta(EarlierVersion.Meta):
        verbose_name = _("earlier version of a related person")
        verbose_name_plural = _("earlier versions of related people")


class ConsentVersion(EarlierVersion):
    ROW = "consent"
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="versions")

    class Meta(EarlierVersion.Meta):
        verbose_name = _("earlier version of a consent")
        verbose_name_plural = _("earlier versions of consents")
