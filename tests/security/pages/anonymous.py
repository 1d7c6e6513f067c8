"""The anonymous services for the read walker (tests/security/test_every_read_logged.py).

None of their pages shows a citizen: the anonymous records have no relation to citizens at all
(tests/anonymous/test_isolation.py), their staff pages answer 404 to every role but the anonymous
service's (the walker opens them as a user with every case role), and the public pages are for a
visitor who is not logged in. Their own reads and changes are audited without identifying data
(tests/anonymous/test_audit_hygiene.py).
"""

from organisations.models import Role
from tests.anonymous.reporting.world import anonymous_world

STAFF = "the anonymous service's page: 404 without its role, and never a citizen"
NO_CITIZEN_DATA = {
    **{
        f"anonymous:{name}": STAFF
        for name in (
            "index",
            "clients",
            "client_new",
            "client",
            "client_edit",
            "conversation",
            "advice_talk",
            "alcohol_start",
            "client_end",
            "callback_done",
            "request_cancel",
            "slots",
            "slot_delete",
            "groups",
            "group_new",
            "group",
            "group_enrol",
            "group_close",
            "session",
            "group_leave",
            "closing_talk",
        )
    },
    "anonymous:counts": "counts only, for the anonymous service and the service centre's managers",
    "anonymous:counts_csv": "counts only, POST only",
    "anonymous_public:index": "the public list of municipalities with anonymous treatment",
    "anonymous_public:book": "the public contact page (no login)",
    "anonymous_public:status": "the public status page, opened with a reference code",
}

NO_CITIZEN_DATA_OBJECTS = {
    **dict.fromkeys(
        [
            "anonymous:client",
            "anonymous:client_edit",
            "anonymous:conversation",
            "anonymous:advice_talk",
            "anonymous:alcohol_start",
            "anonymous:client_end",
            "anonymous:closing_talk",
        ],
        "anonymous_client",
    ),
    "anonymous:callback_done": "anonymous_request",
    "anonymous:request_cancel": "anonymous_request",
    "anonymous:slot_delete": "anonymous_slot",
    "anonymous:group": "anonymous_group",
    "anonymous:group_enrol": "anonymous_group",
    "anonymous:group_close": "anonymous_group",
    "anonymous:session": "anonymous_session",
    "anonymous:group_leave": "anonymous_enrolment",
}


def build(world, courses):
    anonymous = anonymous_world(world.randers, world.users[Role.ANONYMOUS_COUNSELLOR])
    return {
        "courses": {},
        "objects": {
            f"anonymous_{kind}": anonymous.object(kind)
            for kind in ("client", "request", "slot", "group", "session", "enrolment")
        },
    }
