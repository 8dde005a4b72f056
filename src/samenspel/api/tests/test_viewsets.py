"""The base viewset keeps the scope central: a subclass cannot define its own queryset."""

from __future__ import annotations

import inspect

import pytest

from samenspel.accounts.models import User
from samenspel.accounts.roles import Capability
from samenspel.api.urls import router
from samenspel.api.viewsets import ScopedViewSet


@pytest.mark.parametrize("name", ["queryset", "get_queryset", "get_object"])
def test_a_viewset_cannot_bypass_the_scope(name):
    with pytest.raises(TypeError, match="scoped_queryset"):
        type("Leaky", (ScopedViewSet,), {name: lambda self: User.objects.all()})


def test_a_viewset_without_scope_fails_closed():
    class Forgetful(ScopedViewSet):
        model = User
        capability = Capability.MANAGE_ACCOUNTS
        object_type = "user"

    with pytest.raises(NotImplementedError):
        Forgetful().scoped_queryset(None)


def test_every_registered_viewset_is_scoped():
    for _prefix, viewset, _basename in router.registry:
        assert issubclass(viewset, ScopedViewSet)
        capability = inspect.getattr_static(viewset, "capability")
        if isinstance(capability, property):
            # Chosen per request (e.g. reading vs. managing the catalogue); the matrix tests
            # exercise each choice, here it must at least promise a Capability.
            assert inspect.signature(capability.fget).return_annotation in {Capability, "Capability"}
        else:
            assert capability in Capability, viewset
        assert "scoped_queryset" in viewset.__dict__
