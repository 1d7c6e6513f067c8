"""Fictional daily casework on the demo citizens: journal notes (one corrected), a decision draft
waiting for the authority, and a citizen under name and address protection."""

from datetime import date

from decisions import services as decisions
from journal import services as journal

# The scenario (demo.citizens.SCENARIOS) whose citizen has name and address protection
# (registered so by demo.citizens).
PROTECTED = "requested"


def add_casework(scenario: str, citizen, cast, today: date) -> None:
    course = citizen.courses.order_by("id").first()
    note = journal.journal_note_add(
        citizen=citizen,
        by=cast.visitator,
        course=course,
        event_on=course.first_contact_on,
        kind="phone",
        text="Borgeren ringede selv. Aftalt, hvordan vi kontakter hende/ham, og hvad der sker nu.",
    )
    if scenario == "assessed":
        journal.journal_note_correct(
            note=note,
            by=cast.visitator,
            text="Borgeren ringede selv. Aftalt kontakt pr. sms; borgeren venter på afgørelsen.",
            reason="Kontaktformen var noteret forkert.",
            based_on=1,
        )
        # The visitator has written the grant as a draft; the authority issues it.
        decisions.decision_draft_save(
            course=course,
            by=cast.visitator,
            send=True,
            outcome="grant",
            form="written",
            offer_kind="outpatient",
            purpose="At borgeren mindsker og på sigt stopper sit forbrug.",
            implementation="Samtaler hver uge på centret i tre måneder.",
            key_facts="Afdækningen viser dagligt forbrug og ønske om at stoppe.",
        )
