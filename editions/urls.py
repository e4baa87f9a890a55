from django.urls import path

from editions import views

app_name = "editions"

urlpatterns = [
    path("appels/<slug:edition_slug>/", views.call_detail, name="call"),
]
