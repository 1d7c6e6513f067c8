"""The client address comes from a configured trusted proxy, never from a header anyone can send."""

import pytest
from django.core.checks import run_checks
from django.test import Client, override_settings
from django.urls import reverse

from audit.models import AuditEvent
from forlob.net import client_address, parse_address, parse_networks

PROXIES = parse_networks("10.0.0.2, 10.1.0.0/16, 2001:db8:a::/48")


def test_without_trusted_proxies_forwarded_for_is_ignored():
    assert client_address("198.51.100.7", "1.2.3.4", ()) == "198.51.100.7"
    assert client_address("198.51.100.7", "1.2.3.4", parse_networks("")) == "198.51.100.7"


def test_a_spoofed_header_from_an_untrusted_client_is_ignored():
    assert client_address("198.51.100.7", "10.0.0.2, 1.2.3.4", PROXIES) == "198.51.100.7"


def test_behind_the_proxy_the_right_most_untrusted_entry_is_the_client():
    assert client_address("10.0.0.2", "203.0.113.9", PROXIES) == "203.0.113.9"
    # What the client wrote itself stands further left and is not believed.
    assert client_address("10.0.0.2", "1.2.3.4, 203.0.113.9", PROXIES) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_walked():
    assert client_address("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.1.4.4, 10.1.0.7", PROXIES) == "203.0.113.9"


def test_ipv6_clients_and_proxies():
    assert client_address("2001:db8:a::1", "2001:db8:ffff::42", PROXIES) == "2001:db8:ffff::42"
    assert client_address("2001:db8:a::1", "[2001:db8:ffff::42]:51234", PROXIES) == "2001:db8:ffff::42"
    assert client_address("2001:db8:b::1", "203.0.113.9", PROXIES) == "2001:db8:b::1"
    assert client_address("::ffff:10.0.0.2", "203.0.113.9", PROXIES) == "203.0.113.9"


def test_junk_in_the_header_is_never_believed():
    # A non-address stops the walk at the nearest trusted hop; nothing left of it counts.
    assert client_address("10.0.0.2", "6.6.6.6, unknown", PROXIES) == "10.0.0.2"
    assert client_address("10.0.0.2", "6.6.6.6, 203.0.113.9:4711, \x00", PROXIES) == "10.0.0.2"
    assert client_address("10.0.0.2", "203.0.113.9:4711", PROXIES) == "203.0.113.9"
    assert client_address("10.0.0.2", "", PROXIES) == "10.0.0.2"
    assert client_address("10.0.0.2", " , ,", PROXIES) == "10.0.0.2"
    assert client_address("10.0.0.2", "10.1.0.7", PROXIES) == "10.1.0.7"  # only proxies: the farthest
    assert client_address("not-an-address", "203.0.113.9", PROXIES) is None


def test_invalid_proxy_entries_are_ignored_and_warned_about():
    assert parse_networks("10.0.0.2, nonsense, 10.1.0.0/33, ,2001:db8::/32") == parse_networks("10.0.0.2,2001:db8::/32")
    assert parse_address("[2001:db8::1]") == parse_address("2001:db8::1")
    with override_settings(FORLOB_TRUSTED_PROXIES="10.0.0.2,proxy.example"):
        assert "forlob.W003" in [message.id for message in run_checks()]


@pytest.mark.django_db
@override_settings(FORLOB_TRUSTED_PROXIES="10.0.0.2")
def test_the_audit_log_records_the_client_behind_the_proxy(randers_therapist):
    login = reverse("accounts:login")
    credentials = {"username": randers_therapist.username, "password": "forkert-kodeord-1"}
    Client().post(login, credentials, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    Client().post(login, credentials, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    addresses = AuditEvent.objects.filter(action="login_failed").order_by("id").values_list("client_address", flat=True)
    assert list(addresses) == ["203.0.113.9", "198.51.100.7"]


@pytest.mark.django_db
def test_without_a_proxy_setting_the_audit_log_ignores_forwarded_for(randers_therapist):
    Client().post(
        reverse("accounts:login"),
        {"username": randers_therapist.username, "password": "forkert-kodeord-1"},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert AuditEvent.objects.get(action="login_failed").client_address == "198.51.100.7"
