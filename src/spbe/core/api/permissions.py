from rest_framework.permissions import BasePermission


class ObjectPolicyPermission(BasePermission):
    """Authenticated users only; what they may see or change is decided by the policy
    inside the viewset (restricted querysets and checks in the transaction)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_active)
