"""The letterhead of the documents a citizen takes home (forlob/documents.py)."""

from types import SimpleNamespace

from django.template.loader import render_to_string


def _head(centre_name: str) -> str:
    return render_to_string(
        "includes/letterhead.html",
        {
            "citizen": SimpleNamespace(first_name="Bo", last_name="Fiktivsen"),
            "centre": SimpleNamespace(name=centre_name, address="Torvet 1"),
            "municipality": SimpleNamespace(name="Odsherred Kommune"),
        },
    )


def test_the_municipality_is_named_once():
    assert _head("Rusmiddelteamet Odsherred Kommune").count("Odsherred Kommune") == 1
    assert _head("Rusmiddelcenter Nord").count("Odsherred Kommune") == 1


def test_the_citizen_is_named_without_a_cpr_number():
    head = _head("Rusmiddelcenter Nord")
    assert "Bo Fiktivsen" in head and "Torvet 1" in head
