"""View decorators shared by the apps."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

PENDING_POSTS = "tremplin_pending_posts"


def login_required_keeping_post(view):
    """Like ``login_required``, but a form posted after the session expired is kept.

    The posted fields (not the files) wait in the session while the person signs in
    again; the view then finds them in ``request.restored_post`` and shows them, ready to
    be saved. Nothing typed is lost.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.method == "POST":
                pending = request.session.get(PENDING_POSTS, {})
                pending[request.path] = {
                    key: request.POST.getlist(key)
                    for key in request.POST
                    if key != "csrfmiddlewaretoken"
                }
                request.session[PENDING_POSTS] = pending
            return redirect_to_login(request.get_full_path())
        request.restored_post = None
        pending = request.session.get(PENDING_POSTS, {})
        if request.method == "GET" and request.path in pending:
            request.restored_post = MultiValueDict(pending.pop(request.path))
            request.session[PENDING_POSTS] = pending
            messages.warning(
                request,
                _(
                    "Votre session avait expiré : voici ce que vous aviez saisi. "
                    "Vérifiez-le puis enregistrez."
                ),
            )
        return view(request, *args, **kwargs)

    return wrapper


def form_data(request):
    """What a form of a ``login_required_keeping_post`` view is bound to: the POST, or
    the fields kept while the person signed in again, or nothing."""
    if request.method == "POST":
        return request.POST
    return getattr(request, "restored_post", None)
