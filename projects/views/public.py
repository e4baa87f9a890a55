"""Pages citizens read, without an account."""

from django.shortcuts import render

from editions.models import Edition
from programme.models import NewsItem
from projects.models import Project


def home(request):
    context = {
        "editions": Edition.objects.published().select_related("call")[:3],
        "laureates": Project.objects.published().with_related().order_by("-created_at")[:6],
        "news": NewsItem.objects.public().order_by("-published_at")[:3],
    }
    return render(request, "projects/public/home.html", context)
