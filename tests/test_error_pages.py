"""The error pages: French, a way home, and a 500 page that needs nothing to render."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults


def test_server_error_page_renders_without_database_or_context():
    # No django_db mark: any query would fail the test.
    response = defaults.server_error(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Le site rencontre un problème</h1>" in html
    assert '<a class="btn btn-primary" href="/">Retour à l\'accueil</a>' in html
    assert 'href="/static/vendor/bootstrap/bootstrap.min.css"' in html
    assert "style=" not in html
    assert "<script" not in html


@pytest.mark.django_db
def test_permission_denied_page_is_french_with_a_link_home(rf):
    request = rf.get("/admin/quelque-chose/")

    response = defaults.permission_denied(request, PermissionDenied())

    html = response.content.decode()
    assert response.status_code == 403
    assert "<title>Accès refusé — Tremplin</title>" in html
    assert "Vous n'avez pas l'autorisation d'accéder à cette page." in html
    assert 'href="/">Retour à l\'accueil</a>' in html


@pytest.mark.django_db
def test_not_found_page_is_french_with_a_link_home(client):
    response = client.get("/cette-page-n-existe-pas/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in html
    assert 'href="/">Retour à l\'accueil</a>' in html
