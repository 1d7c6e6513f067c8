"""Marks for the few views that do not need a fully verified staff login (deny by default)."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required

__all__ = ["login_not_required", "second_factor_not_required"]


def second_factor_not_required(view: Callable) -> Callable:
    """The view needs a password login but not (yet) the second factor: verify and enrol."""
    view.forlob_second_factor_required = False
    return view
