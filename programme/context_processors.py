from programme.models import Programme


def current_programme(request):
    """The programme this site runs, fetched once per request."""
    if not hasattr(request, "_tremplin_programme"):
        request._tremplin_programme = Programme.objects.current()
    return request._tremplin_programme


def branding(request):
    """The programme whose name, colours and logo the templates show."""
    return {"programme": current_programme(request)}
