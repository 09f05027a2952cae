"""The signed-in user's own account: their API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import tokens


@login_required
def api_tokens(request):
    if request.method == "POST":
        count = tokens.revoke(request.user)
        messages.success(request, _("%(n)d token API dicabut.") % {"n": count})
        return redirect("core:api_tokens")
    context = {"tokens": tokens.tokens_of(request.user), "days": settings.SPBE_API_TOKEN_DAYS}
    return render(request, "core/api_tokens.html", context)
