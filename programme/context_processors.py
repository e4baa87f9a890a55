from programme.models import Programme


def branding(request):
    """The programme whose name, colours and logo the templates show."""
    if not hasattr(request, "_tremplin_programme"):
        request._tremplin_programme = Programme.objects.current()
    return {"programme": request._tremplin_programme}
