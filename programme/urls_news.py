"""The news, under French paths (in English under /en/, see the root URLconf)."""

from django.urls import path

from programme import views_news as views

app_name = "news"

urlpatterns = [
    path("actualites/", views.news_list, name="list"),
    path("actualites/flux.atom", views.news_feed, name="feed"),
    path("actualites/<slug:slug>/", views.news_detail, name="detail"),
]
