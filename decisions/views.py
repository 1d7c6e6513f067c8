"""Pages of the decision, its letter, free choice and complaints. Thin: scope, role, form, service.

Every view finds the course with ``courses.selectors.course_for_user`` first, so another centre's
course is simply not found (404); the role is then checked at the course's own centre (403), and
the read of the citizen is logged (the decision page logs the decision it shows, a download its
export). The review list logs which citizens it showed.
The authority (myndighed) decides and re-assesses; a visitator prepares (letter, free choice,
registering a complaint or a demand for written reasons); staff read.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from audit.services import audit_list_read, audit_record
from courses.models import Course, CourseState
from courses.selectors import course_for_user
from forlob.forms import add_service_errors
from forlob.forms import submit as submit_step
from forlob.paging import keyset_page
from organisations.access import centre_ids_with_role, get_or_404, has_role, role_required, scope_to_centres
from organisations.models import CASE_READ_ROLES, Role

from . import forms, letters, rules, services
from .models import Channel, Complaint, Decision, DecisionDraft, DecisionRevision, Outcome

DECIDE_ROLES = (Role.AUTHORITY,)
PREPARE_ROLES = (Role.AUTHORITY, Role.VISITATOR)
READ_ROLES = (Role.VISITATOR, Role.AUTHORITY, Role.THERAPIST, Role.PHYSICIAN, Role.MANAGER)
REVIEW_PAGE_SIZE = 50


def _course(request: HttpRequest, course_pk: int, roles: tuple[str, ...], *, audit: bool = True) -> Course:
    """The course if the user may see it (else 404) and holds one of ``roles`` at its centre (else
    403); the read is logged unless the page logs what it shows itself."""
    return course_for_user(request.user, course_pk, roles=roles, audit=audit)


def _decision(course: Course) -> Decision:
    try:
        return course.decision
    except Decision.DoesNotExist as missing:
        raise Http404 from missing


def _form_page(request: HttpRequest, course: Course, form, *, title: str, submit: str, intro: str = "") -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit_label": submit,
        "intro": " – ".join(part for part in (f"{course.citizen} – {course.get_kind_display()}", intro) if part),
        "back_url": reverse("decisions:detail", args=[course.pk]),
        "back_label": _("Back to the decision"),
    }
    return render(request, "form_page.html", context)


def detail(request: HttpRequest, course_pk: int) -> HttpResponse:
    course = _course(request, course_pk, READ_ROLES, audit=False)
    decision = Decision.objects.filter(course=course).select_related("provider", "intensity_tier").first()
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        obj=decision or course,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
    )
    complaints = list(decision.complaints.all()) if decision else []
    today = timezone.localdate()
    protected = course.citizen.address_protected
    draft = None if decision else DecisionDraft.objects.filter(course=course).select_related("written_by").first()
    dispatches = list(decision.dispatches.select_related("sent_by")) if decision else []
    can_prepare = has_role(request.user, PREPARE_ROLES, centre_id=course.centre_id)
    context = {
        "course": course,
        "citizen": course.citizen,
        "decision": decision,
        "draft": draft,
        "can_issue": _may_be_decided(course),
        "needs": decision.requirements if decision else None,
        "mental_illness_terms": _mental_illness_terms(decision),
        "dispatches": dispatches,
        "letter_sent": bool(decision and decision.letter)
        and any(d.letter_name == decision.letter.name for d in dispatches),
        "revisions": list(decision.revisions.select_related("decided_by", "replaced_by")) if decision else [],
        "address_protected": protected,
        "letter_form": forms.LetterForm(address_protected=protected),
        "letter_send_form": forms.LetterSendForm(
            address_protected=protected,
            initial={"channel": getattr(decision, "letter_channel", "") or Channel.DIGITAL_POST, "sent_on": today},
        ),
        "free_choice": getattr(course, "free_choice", None),
        "complaints": complaints,
        "can_decide": has_role(request.user, DECIDE_ROLES, centre_id=course.centre_id),
        "can_prepare": can_prepare,
        "can_draft": can_prepare and decision is None and _may_be_decided(course),
        "complaint_calls_for_new_decision": any(c.calls_for_new_decision for c in complaints),
        "can_reissue": decision is not None and course.state in (CourseState.DECIDED, CourseState.IN_TREATMENT),
        "written_reasons_form": forms.WrittenReasonsRequestForm(initial={"requested_on": today}),
        "written_reasons_sent_form": forms.WrittenReasonsSentForm(initial={"sent_on": today}),
    }
    return render(request, "decisions/detail.html", context)


def _may_be_decided(course: Course) -> bool:
    """Assessed, or a request outside the law or the standard, which may be refused without an
    assessment (``services.decision_issue``)."""
    if course.state == CourseState.ASSESSED:
        return True
    request = getattr(course, "request", None)
    return course.state == CourseState.REQUESTED and bool(request and request.outside_standard)


def _mental_illness_terms(decision: Decision | None) -> list[str]:
    if decision is None or decision.outcome != Outcome.REFUSAL:
        return []
    return rules.mental_illness_terms(
        decision.reasons, decision.legal_basis, decision.considerations, decision.key_facts, decision.other_help
    )


def issue(request: HttpRequest, course_pk: int) -> HttpResponse:
    """Issue the decision (prefilled from the draft, if one was written); once a decision is in
    force, issue a new one in its place: it is never edited (``services.decision_reissue``)."""
    course = _course(request, course_pk, DECIDE_ROLES)
    decision = Decision.objects.filter(course=course).first()
    if decision is not None and course.state not in (CourseState.DECIDED, CourseState.IN_TREATMENT):
        messages.info(request, _("The course is closed: its decision can no longer be changed."))
        return redirect("decisions:detail", course.pk)
    if decision is None and not _may_be_decided(course):
        messages.error(request, _("A decision is made when the assessment is complete."))
        return redirect("decisions:detail", course.pk)
    draft = None if decision else DecisionDraft.objects.filter(course=course).first()
    initial = {"decided_on": timezone.localdate(), **(forms.draft_initial(draft) if draft else {})}
    form = forms.DecisionForm(
        request.POST or None, instance=decision, initial=initial, course=course, reissue=decision is not None
    )
    if request.method == "POST" and form.is_valid():
        # The form has set its values on the instance; the service reads the decision afresh and saves.
        try:
            if decision is None:
                services.decision_issue(course=course, by=request.user, **form.service_fields())
                messages.success(request, _("The decision is issued. Generate the letter next."))
            else:
                services.decision_reissue(
                    decision=decision, by=request.user, reason=form.cleaned_data["reason"], **form.service_fields()
                )
                messages.success(request, _("The new decision is issued. Generate the new letter."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("decisions:detail", course.pk)
    complaint = next((c for c in decision.complaints.all() if c.calls_for_new_decision), None) if decision else None
    title = _("Issue the decision") if decision is None else _("Issue a new decision")
    return _decision_form(
        request, course, form, title, submit_label=title, decision=decision, draft=draft, complaint=complaint
    )


def _decision_form(request: HttpRequest, course, form, title: str, **context) -> HttpResponse:
    """The one decision form, for issuing, re-issuing and the draft."""
    context = {"course": course, "citizen": course.citizen, "form": form, "title": title, **context}
    return render(request, "decisions/decision_form.html", context)


def draft(request: HttpRequest, course_pk: int) -> HttpResponse:
    """Write or change the decision draft (a visitator or the authority); the authority issues it."""
    course = _course(request, course_pk, PREPARE_ROLES)
    if Decision.objects.filter(course=course).exists():
        messages.info(request, _("The course already has a decision."))
        return redirect("decisions:detail", course.pk)
    if not _may_be_decided(course):
        messages.error(request, _("A decision draft is written while the course awaits its decision."))
        return redirect("decisions:detail", course.pk)
    existing = DecisionDraft.objects.filter(course=course).first()
    form = forms.DecisionDraftForm(request.POST or None, instance=existing, course=course)
    if request.method == "POST" and form.is_valid():
        send = request.POST.get("send") == "1"
        try:
            services.decision_draft_save(course=course, by=request.user, send=send, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if send:
                messages.success(request, _("The draft is saved and waits for the authority's decision."))
            else:
                messages.success(request, _("The draft is saved. Read it with its letter before it is issued."))
            return redirect("decisions:draft_preview", course.pk)
    return _decision_form(
        request, course, form, _("Decision draft"), draft=existing, is_draft_form=True, submit_label=_("Save the draft")
    )


def draft_preview(request: HttpRequest, course_pk: int) -> HttpResponse:
    """The draft as the decision and the letter would be, marked as a draft; what it still lacks;
    and, for the authority, the way on to issue it."""
    course = _course(request, course_pk, PREPARE_ROLES)
    decision = Decision.objects.filter(course=course).first()
    if decision is not None:
        messages.info(request, _("The decision is issued; the draft is gone."))
        return redirect("decisions:detail", course.pk)
    draft_obj = DecisionDraft.objects.filter(course=course).select_related("written_by", "provider", "intensity_tier")
    draft_obj = draft_obj.first()
    if draft_obj is None:
        raise Http404
    today = timezone.localdate()
    unsaved = services.draft_as_decision(draft_obj, decided_on=today, decided_by=draft_obj.written_by)
    problems = services.draft_problems(draft_obj)
    letter_html = ""
    if draft_obj.outcome and draft_obj.form:
        channel = rules.allowed_channels(course.citizen.address_protected)[0]
        content = letters.letter_content(unsaved, dated_on=today, channel=channel)
        letter_html = letters.render_body(content, preview=True)
    return render(
        request,
        "decisions/draft_preview.html",
        {
            "course": course,
            "citizen": course.citizen,
            "draft": draft_obj,
            "decision": unsaved,
            "problems": problems,
            "problem_fields": {p.field for p in problems},
            "letter_html": letter_html,
            "can_decide": has_role(request.user, DECIDE_ROLES, centre_id=course.centre_id) and _may_be_decided(course),
        },
    )


@require_POST
def draft_discard(request: HttpRequest, course_pk: int) -> HttpResponse:
    course = _course(request, course_pk, PREPARE_ROLES)
    try:
        services.decision_draft_discard(course=course, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft is deleted."))
    return redirect("decisions:detail", course.pk)


@require_POST
def letter(request: HttpRequest, course_pk: int) -> HttpResponse:
    """Generate the letter (PDF), dated today, and store it with the case."""
    course = _course(request, course_pk, PREPARE_ROLES)
    decision = _decision(course)
    form = forms.LetterForm(
        request.POST or {"channel": Channel.DIGITAL_POST}, address_protected=course.citizen.address_protected
    )
    step = partial(services.letter_generate, decision=decision, by=request.user)
    if submit_step(request, form, step, saved=_("The letter is generated. Record it as sent when it goes out.")).done:
        return redirect("decisions:detail", course.pk)
    return _form_page(request, course, form, title=_("Generate letter"), submit=_("Generate letter"))


def _decision_step(
    request, course_pk, form_class, service, *, done: str, title: str, submit: str, **extra
) -> HttpResponse:
    """A POST-only step on the decision: the form, the service, its refusal on the form."""
    course = _course(request, course_pk, PREPARE_ROLES)
    decision = _decision(course)
    form = form_class(request.POST, **extra)
    if submit_step(request, form, partial(service, decision=decision, by=request.user), saved=done).done:
        return redirect("decisions:detail", course.pk)
    return _form_page(request, course, form, title=title, submit=submit)


@require_POST
def letter_send(request: HttpRequest, course_pk: int) -> HttpResponse:
    """Record that the letter went out: channel, date, by whom."""
    return _decision_step(
        request,
        course_pk,
        forms.LetterSendForm,
        services.letter_send,
        done=_("The letter is recorded as sent."),
        title=_("Record the letter as sent"),
        submit=_("Record as sent"),
        address_protected=_course(request, course_pk, PREPARE_ROLES, audit=False).citizen.address_protected,
    )


@role_required(Role.MANAGER)
def mental_illness_review(request: HttpRequest) -> HttpResponse:
    """Refusals whose texts mention mental illness (G2.6.14), at the centres the user manages."""
    refusals = Decision.objects.filter(
        outcome=Outcome.REFUSAL,
        mentions_mental_illness=True,
        course__centre_id__in=centre_ids_with_role(request.user, (Role.MANAGER,)),
    ).select_related("course__citizen", "course__centre", "decided_by")
    # Keyset (``?efter=``/``?foer=``: a decision id), newest first: the list grows for ever.
    page = keyset_page(refusals, order=("-decided_on", "-id"), params=request.GET, size=REVIEW_PAGE_SIZE)
    for decision in page:
        decision.terms = _mental_illness_terms(decision)
    audit_list_read(
        actor=request.user, citizen_ids=[d.course.citizen_id for d in page], what="decisions:mental_illness_review"
    )
    return render(request, "decisions/mental_illness_review.html", {"page": page})


def letter_download(request: HttpRequest, course_pk: int) -> FileResponse:
    """The stored letter as a PDF attachment; every download is audited as an export."""
    course = _course(request, course_pk, READ_ROLES, audit=False)
    decision = _decision(course)
    letter, issued_on, version = decision.letter, decision.issued_on, None
    if request.GET.get("version"):
        # An earlier version's letter, exactly as it was (``DecisionRevision``).
        try:
            number = int(request.GET["version"])
        except ValueError as bad:
            raise Http404 from bad
        revision = DecisionRevision.objects.filter(decision=decision, number=number).first()
        if revision is None:
            raise Http404
        letter, issued_on, version = revision.letter, revision.issued_on, number
    if not letter:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        obj=decision,
        citizen_id=course.citizen_id,
        centre_id=course.centre_id,
        changes={"letter": letter.name, "download": True, **({"version": version} if version else {})},
    )
    filename = f"afgoerelse-{issued_on:%Y-%m-%d}.pdf"
    return FileResponse(letter.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


@require_POST
def written_reasons_request(request: HttpRequest, course_pk: int) -> HttpResponse:
    return _decision_step(
        request,
        course_pk,
        forms.WrittenReasonsRequestForm,
        services.written_reasons_request,
        done=_("The demand for written reasons is recorded. Answer within 14 days."),
        title=_("The citizen asks for written reasons"),
        submit=_("Record the demand"),
    )


@require_POST
def written_reasons_send(request: HttpRequest, course_pk: int) -> HttpResponse:
    return _decision_step(
        request,
        course_pk,
        forms.WrittenReasonsSentForm,
        services.written_reasons_send,
        done=_("The written reasons are recorded as sent."),
        title=_("Written reasons sent"),
        submit=_("Save"),
    )


def free_choice(request: HttpRequest, course_pk: int) -> HttpResponse:
    course = _course(request, course_pk, PREPARE_ROLES)
    decision = _decision(course)
    initial = {"chosen_on": timezone.localdate(), "chosen_kind": decision.offer_kind}
    form = forms.FreeChoiceForm(request.POST or None, course=course, initial=initial)
    step = partial(services.free_choice_record, course=course, by=request.user)
    if submit_step(
        request, form, step, saved=_("Free choice is recorded, and the 14-day guarantee is set aside.")
    ).done:
        return redirect("decisions:detail", course.pk)
    intro = _(
        "The citizen may choose another public or approved private provider of the same kind as %(kind)s "
        "(Social Services Act §101(5)). Using free choice sets the 14-day guarantee aside; treatment must still "
        "start as soon as possible."
    ) % {"kind": decision.get_offer_kind_display() or "–"}
    return _form_page(
        request, course, form, title=_("The citizen uses free choice"), submit=_("Record free choice"), intro=intro
    )


def complaint_add(request: HttpRequest, course_pk: int) -> HttpResponse:
    course = _course(request, course_pk, PREPARE_ROLES)
    decision = _decision(course)
    # The deadline runs from the letter in force: a dispatch of an earlier version's letter does not count.
    sent = decision.dispatches.filter(letter_name=decision.letter.name).last() if decision.letter else None
    initial = {
        "received_on": timezone.localdate(),
        "decision_received_on": sent.received_on if sent else decision.issued_on,
    }
    form = forms.ComplaintForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_register(decision=decision, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if complaint.is_late:
                messages.warning(
                    request, _("The complaint is registered. It came after the deadline and is marked late.")
                )
            else:
                messages.success(request, _("The complaint is registered. Re-assess the decision within 4 weeks."))
            return redirect("decisions:detail", course.pk)
    intro = _(
        "No form is required: an oral complaint is written down here. The deadline is 4 weeks from when the "
        "citizen received the decision (Legal Protection Act §67); a late complaint is still registered, marked late."
    )
    return _form_page(request, course, form, title=_("Register a complaint"), submit=_("Register"), intro=intro)


def _complaint(request: HttpRequest, complaint_pk: int) -> tuple[Complaint, Course]:
    complaints = scope_to_centres(
        Complaint.objects.select_related("decision"),
        request.user,
        roles=CASE_READ_ROLES,
        centre_path="decision__course__centre",
    )
    complaint = get_or_404(complaints, pk=complaint_pk)
    return complaint, _course(request, complaint.decision.course_id, DECIDE_ROLES)


def complaint_reassess(request: HttpRequest, complaint_pk: int) -> HttpResponse:
    complaint, course = _complaint(request, complaint_pk)
    form = forms.ReassessForm(request.POST or None, initial={"reassessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.complaint_reassess(
                complaint=complaint,
                by=request.user,
                reassessed_on=data["reassessed_on"],
                outcome=data["outcome"],
                note=data["note"],
                forwarded_on=data["forwarded_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if data["outcome"] == "changed":
                messages.success(request, _("The re-assessment is recorded. Issue the new decision."))
            else:
                messages.success(request, _("The re-assessment is recorded, and the complaint is forwarded."))
            return redirect("decisions:detail", course.pk)
    return _form_page(request, course, form, title=_("Re-assess the decision"), submit=_("Save the re-assessment"))


def complaint_appeals_outcome(request: HttpRequest, complaint_pk: int) -> HttpResponse:
    complaint, course = _complaint(request, complaint_pk)
    form = forms.AppealsOutcomeForm(request.POST or None)
    step = partial(services.complaint_appeals_outcome, complaint=complaint, by=request.user)
    if submit_step(request, form, step, saved=_("Ankestyrelsen's decision is recorded.")).done:
        return redirect("decisions:detail", course.pk)
    return _form_page(request, course, form, title=_("Ankestyrelsen's decision"), submit=_("Save"))
