"""Workflow steps of the decision, free choice and complaints (DOMAIN.md §2.4; G3.6).

Each step checks its preconditions with ``rules``, changes state in one transaction, writes the
audit trail and recomputes the course's deadlines. A broken precondition raises Django's
ValidationError with a message for the form (keyed by field where there is one).
"""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessments.models import Assessment
from audit.models import AuditEvent
from audit.services import audit_record, changed_fields
from courses import services as course_services
from courses.models import KIND_LAW, Course, CourseState
from deadlines.services import recompute_course_deadlines
from organisations.models import Centre
from standards.models import StandardOffer

from . import letters, rules
from .models import (
    Channel,
    Complaint,
    Decision,
    DecisionDraft,
    DecisionRevision,
    FreeChoice,
    LetterDispatch,
    Outcome,
    ReassessmentOutcome,
)

# The fields of a decision as the authority writes them (issue and re-issue).
DECISION_FIELDS = rules.SNAPSHOT_FIELDS
_TEXTS = tuple(name for name in rules.TEXT_FIELDS if name != "mental_illness_explanation")
_OPTIONAL_TEXTS = rules.TEXT_FIELDS


def _audit(by, action: str, obj, course: Course, changes: dict | None = None) -> None:
    audit_record(
        actor=by, action=action, obj=obj, citizen_id=course.citizen_id, centre_id=course.centre_id, changes=changes
    )


def _lock(course: Course) -> None:
    """Take the course's row lock and its current state, so two submits cannot both pass a check."""
    course.state = Course.objects.select_for_update().values_list("state", flat=True).get(pk=course.pk)


def _raise(problems: list[rules.Problem]) -> None:
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(problem.message)
        raise ValidationError(errors)


def _check_decision(course: Course, fields: dict) -> None:
    """The rules' checks plus the ones that need the course: provider, tier, dates."""
    provider: Centre | None = fields.get("provider")
    tier: StandardOffer | None = fields.get("intensity_tier")
    draft = rules.DecisionDraft(
        outcome=fields["outcome"],
        form=fields["form"],
        offer_kind=fields.get("offer_kind") or "",
        has_provider=provider is not None,
        provider_offer_kinds=tuple(provider.offer_kinds) if provider else (),
        intensity_tier_kind=tier.kind if tier else None,
        **{name: fields[name] for name in _TEXTS},
        not_dual_diagnosis_confirmed=bool(fields.get("not_dual_diagnosis")),
        mental_illness_explanation=fields["mental_illness_explanation"],
        refused_outside_law=fields["refused_outside_law"],
    )
    problems = rules.decision_problems(draft)
    if provider is not None and (provider.municipality_id != course.centre.municipality_id or not provider.is_active):
        problems.append(rules.Problem("provider", _("Choose an active provider of the course's municipality.")))
    request = course.request
    if tier is not None and tier.standard_id != request.standard_id:
        problems.append(rules.Problem("intensity_tier", _("Choose an offer from the quality standard in force.")))
    decided_on: date = fields["decided_on"]
    if decided_on < request.expressed_on:
        problems.append(rules.Problem("decided_on", _("The decision cannot be before the treatment request.")))
    if decided_on > timezone.localdate():
        problems.append(rules.Problem("decided_on", _("The decision date cannot be in the future.")))
    completed_on = _assessment_completed_on(course)
    if completed_on is not None and decided_on < completed_on and not fields["refused_outside_law"]:
        problems.append(
            rules.Problem(
                "decided_on",
                _("The decision cannot be dated before the assessment was completed on %(date)s.")
                % {"date": date_format(completed_on, "SHORT_DATE_FORMAT")},
            )
        )
    _raise(problems)
    fields["mentions_mental_illness"] = fields["outcome"] == Outcome.REFUSAL and bool(draft.mental_illness_terms())


def _assessment_completed_on(course: Course) -> date | None:
    assessment = Assessment.objects.filter(course=course).only("completed_on").first()
    return assessment.completed_on if assessment else None


def _clean_fields(fields: dict) -> dict:
    """Only the decision's own fields; a refusal allocates nothing, a grant confirms nothing."""
    unknown = set(fields) - set(DECISION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown decision fields: {sorted(unknown)}")
    cleaned = {name: fields.get(name) for name in DECISION_FIELDS}
    missing = {name: [_("This field is required.")] for name in ("outcome", "form", "decided_on") if not cleaned[name]}
    if missing:
        raise ValidationError(missing)
    for name in (*_OPTIONAL_TEXTS, "offer_kind"):
        cleaned[name] = (cleaned[name] or "").strip()
    refusal = cleaned["outcome"] == Outcome.REFUSAL
    cleaned["not_dual_diagnosis"] = bool(cleaned["not_dual_diagnosis"]) and refusal
    cleaned["refused_outside_law"] = bool(cleaned["refused_outside_law"])
    if not refusal:
        cleaned["mental_illness_explanation"] = ""
    return cleaned


@transaction.atomic
def decision_issue(*, course: Course, by, **fields) -> Decision:
    """Issue the decision on the treatment request (G3.6.2), after the assessment (G3.5.3).

    ``fields`` are the names in ``DECISION_FIELDS`` (outcome, form and decided_on required; the
    rest as the outcome needs, ``rules.decision_problems``). The decision is dated no earlier
    than the assessment was completed (G3.5.3).

    A refusal because the request falls outside the law or the standard (``refused_outside_law``)
    may be issued while the request awaits assessment: no assessment is then made, and the letter
    says so. The course moves to "decided" whatever the outcome: a refusal answers the request
    (and meets the guarantee, ``deadlines.rules.guarantee_deadline``); the course is then closed by
    its own step once any complaint is settled.
    """
    _lock(course)
    if Decision.objects.filter(course=course).exists():
        raise ValidationError(_("The course already has a decision."))
    fields = _clean_fields(fields)
    if course.state == CourseState.REQUESTED and not fields["refused_outside_law"]:
        raise ValidationError(
            {
                "refused_outside_law": _(
                    "Without a completed assessment only a refusal because the request falls outside the law "
                    "or the quality standard can be issued."
                )
            }
        )
    if course.state not in (CourseState.REQUESTED, CourseState.ASSESSED):
        raise ValidationError(_("A decision is made when the assessment is complete."))
    _check_decision(course, fields)
    decision = Decision.objects.create(course=course, decided_by=by, **fields)
    course_services.course_move(course, CourseState.DECIDED)
    changes = {"outcome": decision.outcome, "form": decision.form, "decided_on": str(decision.decided_on)}
    draft = DecisionDraft.objects.filter(course=course).first()
    if draft is not None:
        changes["draft"] = draft.pk
        changes["draft_written_by"] = draft.written_by_id
        _audit(by, AuditEvent.Action.DELETE, draft, course, {"issued_as": decision.pk})
        draft.delete()
    _audit(by, AuditEvent.Action.CREATE, decision, course, changes)
    recompute_course_deadlines(course)
    return decision


@transaction.atomic
def decision_reissue(*, decision: Decision, by, reason: str = "", **fields) -> Decision:
    """Issue a new decision in place of the one in force: an issued decision is never edited.

    Called after a complaint that calls for it (re-assessed as changed, RSL §66, or changed or
    sent back by Ankestyrelsen: the complaint records the date) or to correct a decision, always
    with a ``reason`` the letter tells the citizen (``rules.reissue_problems``).

    1. The version in force is kept as a ``DecisionRevision``: its fields, its letter (the file
       stays in storage), who replaces it, when and why, and which fields changed.
    2. ``fields["decided_on"]`` is the date of the new decision and is kept as ``reissued_on``;
       ``decided_on`` keeps the date the request was first decided, which the deadline engine
       reads (the guarantee was answered then).
    3. The letter is cleared: a new one must be generated, and its complaint deadline runs from
       when the citizen receives it (``rules.letter_deadline``). It says what changed and why.
    """
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    course = Course.objects.select_related("centre", "request__standard").get(pk=decision.course_id)
    complaint = next((c for c in decision.complaints.all() if c.calls_for_new_decision), None)
    if course.state not in (CourseState.DECIDED, CourseState.IN_TREATMENT):
        raise ValidationError(_("The course is closed: its decision can no longer be changed."))
    fields = _clean_fields(fields)
    previous = decision.snapshot()
    proposed = {**previous, **{name: _plain(value) for name, value in fields.items()}}
    changed = rules.changed_fields(previous, proposed)
    _raise(
        rules.reissue_problems(
            previous_issued_on=decision.issued_on,
            new_issued_on=fields["decided_on"],
            reason=reason,
            changed=changed,
            complaint_received_on=complaint.received_on if complaint else None,
            in_treatment=course.state == CourseState.IN_TREATMENT,
            outcome=fields["outcome"],
            free_choice_made=FreeChoice.objects.filter(course=course).exists(),
        )
    )
    _check_decision(course, fields)
    reissued_on = fields.pop("decided_on")
    number = decision.revisions.count() + 1
    revision = DecisionRevision.objects.create(
        decision=decision,
        number=number,
        issued_on=decision.issued_on,
        decided_by_id=decision.decided_by_id,
        fields=previous,
        letter=decision.letter.name or "",
        letter_dated_on=decision.letter_dated_on,
        letter_channel=decision.letter_channel,
        replaced_on=reissued_on,
        replaced_by=by,
        reason=reason.strip(),
        changed=changed,
        complaint=complaint,
    )
    before = {name: _plain(getattr(decision, name)) for name in (*fields, "reissued_on")}
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.reissued_on = reissued_on
    decision.decided_by = by
    decision.letter = ""
    decision.letter_generated_at = None
    decision.letter_dated_on = decision.letter_complaint_deadline = None
    decision.letter_channel = ""
    decision.save()
    if complaint is not None:
        complaint.decision_reissued_on = reissued_on
        complaint.save(update_fields=["decision_reissued_on"])
    after = {name: _plain(getattr(decision, name)) for name in (*fields, "reissued_on")}
    changes = changed_fields(before, after)
    changes["revision"] = revision.number
    if complaint is not None:
        changes["complaint"] = complaint.pk
    _audit(by, AuditEvent.Action.CREATE, revision, course, {"number": number, "changed": changed})
    _audit(by, AuditEvent.Action.UPDATE, decision, course, changes)
    recompute_course_deadlines(course)
    return decision


def previous_version(decision: Decision) -> DecisionRevision | None:
    """The version the decision in force replaced, if it was issued anew."""
    if decision.pk is None or decision.reissued_on is None:
        return None
    return decision.revisions.order_by("-number").first()


# --------------------------------------------------------------------------- the draft


def _draft_fields(fields: dict) -> dict:
    unknown = set(fields) - set(rules.DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown draft fields: {sorted(unknown)}")
    cleaned = {name: fields.get(name) for name in rules.DRAFT_FIELDS}
    for name in (*_OPTIONAL_TEXTS, "offer_kind", "outcome", "form"):
        cleaned[name] = (cleaned[name] or "").strip()
    for name in ("not_dual_diagnosis", "refused_outside_law"):
        cleaned[name] = bool(cleaned[name])
    return cleaned


@transaction.atomic
def decision_draft_save(*, course: Course, by, send: bool = False, **fields) -> DecisionDraft:
    """Save the decision as a draft (a visitator or the authority); nothing is decided.

    A draft may be incomplete: what it still lacks is shown beside it (``draft_problems``) and
    the authority completes it when issuing. ``send`` hands it to the authority ("ready for
    decision"): it then appears on the authority's list (``selectors.drafts_waiting``). Only a
    course that awaits its decision takes a draft; the provider must be one of the course's
    municipality and the tier one of the standard in force, as for the decision itself.
    """
    _lock(course)
    if Decision.objects.filter(course=course).exists():
        raise ValidationError(_("The course already has a decision: a new one is issued from the decision page."))
    if course.state not in (CourseState.REQUESTED, CourseState.ASSESSED):
        raise ValidationError(_("A decision draft is written while the course awaits its decision."))
    fields = _draft_fields(fields)
    errors: dict[str, list[str]] = {}
    provider: Centre | None = fields["provider"]
    if provider is not None and (provider.municipality_id != course.centre.municipality_id or not provider.is_active):
        errors["provider"] = [_("Choose an active provider of the course's municipality.")]
    tier: StandardOffer | None = fields["intensity_tier"]
    if tier is not None and tier.standard_id != course.request.standard_id:
        errors["intensity_tier"] = [_("Choose an offer from the quality standard in force.")]
    if errors:
        raise ValidationError(errors)
    draft = DecisionDraft.objects.select_for_update().filter(course=course).first()
    created = draft is None
    before = {} if created else {name: _plain(getattr(draft, name)) for name in rules.DRAFT_FIELDS}
    if created:
        draft = DecisionDraft(course=course, written_by=by)
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.written_by = by
    if send and draft.sent_at is None:
        draft.sent_at = timezone.now()
    draft.save()
    after = {name: _plain(getattr(draft, name)) for name in rules.DRAFT_FIELDS}
    # Field names only: the draft's texts are about the person and stay out of the audit trail.
    changed = sorted(name for name in after if before.get(name) != after[name])
    changes = {"fields": changed, "sent": draft.sent_at is not None}
    _audit(by, AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, draft, course, changes)
    return draft


@transaction.atomic
def decision_draft_discard(*, course: Course, by) -> None:
    """Throw the draft away (its writer or the authority); the audit trail keeps that it was."""
    _lock(course)
    draft = DecisionDraft.objects.filter(course=course).first()
    if draft is None:
        raise ValidationError(_("There is no draft."))
    _audit(by, AuditEvent.Action.DELETE, draft, course, {"written_by": draft.written_by_id})
    draft.delete()


def draft_as_decision(draft: DecisionDraft, *, decided_on: date, decided_by) -> Decision:
    """An unsaved ``Decision`` with the draft's fields, for reading it and its letter as they
    would be. Never saved: only ``decision_issue`` makes a decision."""
    return Decision(course=draft.course, decided_on=decided_on, decided_by=decided_by, **draft.decision_fields())


def draft_problems(draft: DecisionDraft) -> list[rules.Problem]:
    """What the draft lacks before it can be issued (``rules.decision_problems``); the outcome and
    form first, since the rest depends on them."""
    missing = [
        rules.Problem(name, message)
        for name, message in (
            ("outcome", _("Choose the outcome.")),
            ("form", _("Choose how the decision is given.")),
        )
        if not getattr(draft, name)
    ]
    if missing:
        return missing
    provider, tier = draft.provider, draft.intensity_tier
    return rules.decision_problems(
        rules.DecisionDraft(
            outcome=draft.outcome,
            form=draft.form,
            offer_kind=draft.offer_kind,
            has_provider=provider is not None,
            provider_offer_kinds=tuple(provider.offer_kinds) if provider else (),
            intensity_tier_kind=tier.kind if tier else None,
            **{name: getattr(draft, name) for name in _TEXTS},
            not_dual_diagnosis_confirmed=draft.not_dual_diagnosis,
            mental_illness_explanation=draft.mental_illness_explanation,
            refused_outside_law=draft.refused_outside_law,
        )
    )


def _plain(value):
    """A value for the audit log: a related object by its id, a date as text."""
    if value is None:
        return None
    return str(value) if isinstance(value, date) else getattr(value, "pk", value)


@transaction.atomic
def letter_generate(*, decision: Decision, by, channel: str = rules.DIGITAL_POST) -> Decision:
    """Render the letter to PDF (WeasyPrint), dated today, for sending by ``channel``.

    The letter's complaint deadline runs from when the citizen receives it (``rules.letter_deadline``),
    so a letter made days after the decision never states a deadline that has passed. The file is
    written only once the transaction commits, so a step that rolls back leaves no file behind;
    its name carries neither name nor CPR number. Generating a letter is audited as an export.
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the letter will be sent.")})
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    course = decision.course
    _raise(rules.channel_problems(channel, address_protected=course.citizen.address_protected))
    dated_on = timezone.localdate()
    content = letters.letter_content(decision, dated_on=dated_on, channel=channel)
    pdf = letters.render_pdf(content)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name = f"letters/decision-{decision.pk}-{stamp}-{uuid.uuid4().hex[:8]}.pdf"
    decision.letter.name = name
    decision.letter_generated_at = timezone.now()
    decision.letter_dated_on = dated_on
    decision.letter_channel = channel
    deadline = content["complaint_deadline"]
    decision.letter_complaint_deadline = deadline.due_on if content["needs"].complaint_guidance else None
    decision.save(
        update_fields=[
            "letter",
            "letter_generated_at",
            "letter_dated_on",
            "letter_channel",
            "letter_complaint_deadline",
            "updated_at",
        ]
    )
    storage = decision.letter.storage
    transaction.on_commit(lambda: storage.save(name, ContentFile(pdf)))
    _audit(by, AuditEvent.Action.EXPORT, decision, course, {"letter": name, "channel": channel})
    recompute_course_deadlines(course)
    return decision


@transaction.atomic
def letter_send(*, decision: Decision, by, channel: str, sent_on: date) -> LetterDispatch:
    """Record that the letter went out: how, when and by whom (the Digital Post integration
    itself comes later). Refused when, sent like this, the letter would state a shorter
    complaint deadline than the citizen has (``rules.dispatch_problems``)."""
    decision = (
        Decision.objects.select_for_update(of=("self",)).select_related("course__request__standard").get(pk=decision.pk)
    )
    if not decision.letter:
        raise ValidationError(_("Generate the letter first."))
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the letter was sent.")})
    course = decision.course
    _raise(rules.channel_problems(channel, address_protected=course.citizen.address_protected))
    _raise(
        rules.dispatch_problems(
            letter_dated_on=decision.letter_dated_on or timezone.localdate(),
            letter_channel=decision.letter_channel,
            stated_deadline=decision.letter_complaint_deadline,
            sent_on=sent_on,
            channel=channel,
            weeks=rules.complaint_weeks(course.request.standard.complaint_deadline_weeks),
            today=timezone.localdate(),
        )
    )
    dispatch = LetterDispatch.objects.create(
        decision=decision, letter_name=decision.letter.name, channel=channel, sent_on=sent_on, sent_by=by
    )
    _audit(by, AuditEvent.Action.CREATE, dispatch, course, {"channel": channel, "sent_on": str(sent_on)})
    recompute_course_deadlines(course)
    return dispatch


@transaction.atomic
def written_reasons_request(*, decision: Decision, by, requested_on: date) -> Decision:
    """The citizen told orally demands written reasons (FVL §23(1): within 14 days, unless the
    decision fully grants the request). The authority answers within 14 days (FVL §23(2))."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not rules.written_reasons_request_allowed(decision.outcome, decision.form):
        raise ValidationError(
            _("Written reasons can be demanded only for an oral decision that does not fully grant the request.")
        )
    if decision.written_reasons_requested_on is not None:
        raise ValidationError(_("Written reasons have already been requested."))
    if requested_on > timezone.localdate():
        raise ValidationError({"requested_on": _("The date cannot be in the future.")})
    if not rules.written_reasons_request_in_time(decision.issued_on, requested_on):
        raise ValidationError(
            {
                "requested_on": _(
                    "The demand must come within 14 days after the citizen was told the decision (FVL §23(1))."
                )
            }
        )
    decision.written_reasons_requested_on = requested_on
    decision.save(update_fields=["written_reasons_requested_on", "updated_at"])
    _audit(by, AuditEvent.Action.UPDATE, decision, decision.course, {"written_reasons_requested_on": str(requested_on)})
    recompute_course_deadlines(decision.course)
    return decision


@transaction.atomic
def written_reasons_send(*, decision: Decision, by, sent_on: date) -> Decision:
    """The written reasons are sent: the generated letter, which carries them (FVL §§23–24)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.written_reasons_requested_on is None:
        raise ValidationError(_("No written reasons have been requested."))
    if decision.written_reasons_sent_on is not None:
        raise ValidationError(_("The written reasons have already been sent."))
    if not decision.letter:
        raise ValidationError(_("Generate the letter with the reasons first."))
    if sent_on < decision.written_reasons_requested_on or sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("The date must be between the request and today.")})
    decision.written_reasons_sent_on = sent_on
    decision.save(update_fields=["written_reasons_sent_on", "updated_at"])
    _audit(by, AuditEvent.Action.UPDATE, decision, decision.course, {"written_reasons_sent_on": str(sent_on)})
    recompute_course_deadlines(decision.course)
    return decision


@transaction.atomic
def free_choice_record(
    *, course: Course, by, chosen_provider: Centre, chosen_on: date, chosen_kind: str = "", note: str = ""
) -> FreeChoice:
    """The citizen uses free choice of provider (SEL §101(5); G3.6.4).

    1. Allowed only after a grant or partial grant, for an offer of the same kind as the one
       allocated (``chosen_kind``, by default that kind) at a provider that has it
       (``rules.free_choice_problems``), from the course's municipality's provider list.
    2. The 14-day guarantee is set aside with reason "free_choice" (SEL §101(6)), unless
       treatment has already started or the guarantee was already set aside.
    """
    _lock(course)
    decision = Decision.objects.filter(course=course).first()
    if decision is None or decision.outcome == Outcome.REFUSAL:
        raise ValidationError(_("Free choice follows a grant or partial grant."))
    if FreeChoice.objects.filter(course=course).exists():
        raise ValidationError(_("Free choice is already recorded for this course."))
    if course.state not in (CourseState.DECIDED, CourseState.IN_TREATMENT):
        raise ValidationError(_("Free choice cannot be recorded on a closed course."))
    chosen_kind = chosen_kind or decision.offer_kind
    errors: dict[str, list[str]] = {}
    if chosen_provider.municipality_id != course.centre.municipality_id or not chosen_provider.is_active:
        errors.setdefault("chosen_provider", []).append(_("Choose an active provider from the municipality's list."))
    elif chosen_provider.pk == decision.provider_id:
        errors.setdefault("chosen_provider", []).append(_("This is the provider the citizen is allocated to."))
    else:
        problems = rules.free_choice_problems(
            allocated_kind=decision.offer_kind,
            chosen_kind=chosen_kind,
            provider_offer_kinds=chosen_provider.offer_kinds,
            provider_kind=chosen_provider.kind,
            provider_on_tilbudsportalen=chosen_provider.approved_on_tilbudsportalen,
        )
        if problems:
            errors["chosen_provider"] = problems
    if chosen_on < decision.decided_on or chosen_on > timezone.localdate():
        errors.setdefault("chosen_on", []).append(_("The date must be between the decision and today."))
    if errors:
        raise ValidationError(errors)
    choice = FreeChoice.objects.create(
        course=course,
        chosen_provider=chosen_provider,
        chosen_kind=chosen_kind,
        chosen_on=chosen_on,
        note=note,
        recorded_by=by,
    )
    _audit(by, AuditEvent.Action.CREATE, choice, course, {"chosen_provider": chosen_provider.pk, "kind": chosen_kind})
    if course.treatment_started_on is None and not hasattr(course, "waiver"):
        course_services.guarantee_waive_for_free_choice(course=course, by=by, waived_on=chosen_on, note=note)
    recompute_course_deadlines(course)
    return choice


@transaction.atomic
def complaint_register(
    *,
    decision: Decision,
    by,
    received_on: date,
    decision_received_on: date,
    form: str,
    oral_account: str = "",
    summary: str = "",
    complainant_is_citizen: bool = True,
    representative: str = "",
) -> Complaint:
    """Register a complaint about the decision (RSL §§66–67).

    A late complaint is registered and flagged late (the deadline runs 4 weeks, or the
    standard's longer period, from when the citizen received the decision). An oral complaint
    is written down. Only the person the decision concerns may complain, in
    person or through a representative with a power of attorney (Mariagerfjord; Odsherred).
    """
    decision = (
        Decision.objects.select_for_update(of=("self",)).select_related("course__request__standard").get(pk=decision.pk)
    )
    course = decision.course
    errors: dict[str, list[str]] = {}
    if not complainant_is_citizen:
        errors["complainant_is_citizen"] = [
            _(
                "Only the person the decision concerns may complain, or someone with their power of attorney. "
                "Guide the person instead."
            )
        ]
    if form == "oral" and not oral_account.strip():
        errors["oral_account"] = [_("Write down the oral complaint.")]
    if decision_received_on < decision.issued_on:
        errors["decision_received_on"] = [_("The citizen cannot receive the decision before it was made.")]
    if received_on < decision_received_on:
        errors["received_on"] = [_("The complaint cannot be received before the citizen received the decision.")]
    if received_on > timezone.localdate():
        errors.setdefault("received_on", []).append(_("The date cannot be in the future."))
    if not rules.can_be_appealed(_course_law(course)):
        errors.setdefault("__all__", []).append(
            _("Decisions on anonymous treatment cannot be appealed (SEL §101a(6)).")
        )
    if errors:
        raise ValidationError(errors)
    weeks = rules.complaint_weeks(course.request.standard.complaint_deadline_weeks)
    complaint = Complaint.objects.create(
        decision=decision,
        received_on=received_on,
        decision_received_on=decision_received_on,
        form=form,
        oral_account=oral_account.strip(),
        summary=summary.strip(),
        complainant_is_citizen=True,
        representative=representative.strip(),
        is_late=rules.is_late(received_on, decision_received_on, weeks),
        recorded_by=by,
    )
    _audit(by, AuditEvent.Action.CREATE, complaint, course, {"is_late": complaint.is_late, "form": form})
    recompute_course_deadlines(course)
    return complaint


def _course_law(course: Course) -> str:
    return str(KIND_LAW.get(course.kind, ""))


@transaction.atomic
def complaint_reassess(
    *, complaint: Complaint, by, reassessed_on: date, outcome: str, note: str = "", forwarded_on: date | None = None
) -> Complaint:
    """The municipality re-assesses the decision (RSL §66; Odsherred: within 4 weeks).

    Changed: the authority issues a new decision (``decision_reissue``). Upheld: the complaint
    goes with the case documents and the reasons for the re-assessment to Ankestyrelsen
    (Mariagerfjord; Odsherred), so the date it was forwarded is required.
    """
    complaint = (
        Complaint.objects.select_for_update(of=("self",)).select_related("decision__course").get(pk=complaint.pk)
    )
    if complaint.reassessed_on is not None:
        raise ValidationError(_("The complaint has already been re-assessed."))
    if outcome not in ReassessmentOutcome.values:
        raise ValidationError({"outcome": _("Choose changed or upheld.")})
    problems = rules.reassessment_problems(
        outcome=outcome, reassessed_on=reassessed_on, received_on=complaint.received_on, forwarded_on=forwarded_on
    )
    if reassessed_on > timezone.localdate():
        problems.append(rules.Problem("reassessed_on", _("The date cannot be in the future.")))
    _raise(problems)
    complaint.reassessed_on = reassessed_on
    complaint.reassessment_outcome = outcome
    complaint.reassessment_note = note.strip()
    complaint.forwarded_on = forwarded_on
    complaint.save(update_fields=["reassessed_on", "reassessment_outcome", "reassessment_note", "forwarded_on"])
    course = complaint.decision.course
    _audit(
        by,
        AuditEvent.Action.UPDATE,
        complaint,
        course,
        {"reassessment_outcome": outcome, "reassessed_on": str(reassessed_on), "forwarded_on": str(forwarded_on or "")},
    )
    recompute_course_deadlines(course)
    return complaint


@transaction.atomic
def complaint_appeals_outcome(*, complaint: Complaint, by, outcome: str, outcome_on: date) -> Complaint:
    """Record Ankestyrelsen's decision on a forwarded complaint. Changed or sent back: the
    municipality issues a new decision (``decision_reissue``)."""
    complaint = (
        Complaint.objects.select_for_update(of=("self",)).select_related("decision__course").get(pk=complaint.pk)
    )
    if complaint.forwarded_on is None:
        raise ValidationError(_("The complaint has not been forwarded to Ankestyrelsen."))
    if complaint.appeals_outcome:
        raise ValidationError(_("Ankestyrelsen's decision is already recorded."))
    if outcome_on < complaint.forwarded_on or outcome_on > timezone.localdate():
        raise ValidationError({"outcome_on": _("The date must be between the forwarding and today.")})
    complaint.appeals_outcome = outcome
    complaint.appeals_outcome_on = outcome_on
    complaint.save(update_fields=["appeals_outcome", "appeals_outcome_on"])
    course = complaint.decision.course
    _audit(by, AuditEvent.Action.UPDATE, complaint, course, {"appeals_outcome": outcome, "on": str(outcome_on)})
    recompute_course_deadlines(course)
    return complaint
