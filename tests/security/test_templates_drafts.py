"""The key that binds text kept in the browser to its user (static/js/session.js, <body data-draft-owner>)."""

import re

from django.urls import reverse

from accounts.context_processors import draft_owner_key

OWNER = re.compile(r'<body[^>]* data-draft-owner="([0-9a-f]+)"')


def owner_on(response) -> str | None:
    match = OWNER.search(response.content.decode())
    return match.group(1) if match else None


def test_each_logged_in_user_gets_their_own_key_and_the_same_one_every_time(
    as_user, randers_therapist, randers_manager
):
    therapist_key = owner_on(as_user(randers_therapist).get(reverse("home:index")))
    assert therapist_key == draft_owner_key(randers_therapist)
    # The same in a new session: text kept across an idle logout comes back to its owner.
    assert owner_on(as_user(randers_therapist).get(reverse("home:index"))) == therapist_key
    assert owner_on(as_user(randers_manager).get(reverse("home:index"))) not in (None, therapist_key)


def test_the_key_cannot_be_derived_from_the_user_id_without_the_secret_key(randers_therapist, settings):
    key = draft_owner_key(randers_therapist)
    next_user = type(randers_therapist)(pk=randers_therapist.pk + 1)
    assert re.fullmatch(r"[0-9a-f]{64}", key) and key != draft_owner_key(next_user)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert draft_owner_key(randers_therapist) != key


def test_the_login_pages_carry_no_key(client, randers_therapist):
    from tests.factories import PASSWORD

    assert owner_on(client.get(reverse("accounts:login"))) is None
    client.post(reverse("accounts:login"), {"username": randers_therapist.username, "password": PASSWORD})
    # Password given, second factor not yet: still no key.
    verify_page = client.get(reverse("accounts:verify"))
    assert verify_page.status_code == 200 and owner_on(verify_page) is None
