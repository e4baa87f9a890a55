"""Helpers for the end-to-end story (tests/browser/test_story.py): pages per person, the
admin's widgets, screenshots at both widths."""

import base64
import datetime
import re
import time
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from editions.models import Call, Edition
from tests.browser.conftest import (
    _open_page,
    _page_kinds,
)

PASSWORD = "mot-de-passe-de-test"
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
PHONE_VIEWPORT = {"width": 390, "height": 844}


class Story:
    """What the story needs from the browser fixtures, in one place."""

    def __init__(self, chromium, live_server, assert_accessible, assert_no_csp, save_screenshot):
        self.chromium = chromium
        self.live_server = live_server
        self._accessible = assert_accessible
        self._no_csp = assert_no_csp
        self._save = save_screenshot
        self._contexts = []

    def new_page(self, phone=False):
        from tests.browser.conftest import DESKTOP, PHONE

        context, page = _open_page(
            self.chromium,
            self.live_server,
            "phone" if phone else "desktop",
            PHONE if phone else DESKTOP,
        )
        self._contexts.append(context)
        return page

    def close(self):
        for context in self._contexts:
            context.close()

    def check(self, page):
        """axe (WCAG 2.1 A/AA: serious or critical violations fail) on every page, and
        the CSP on the site's own pages (Django's admin pages set inline styles)."""
        self._accessible(page)
        if "/admin/" not in page.url:
            self._no_csp(page)

    def shoot(self, page, label):
        """A full-page screenshot at the page's own width, then at the other width."""
        kind = _page_kinds.get(page, "desktop")
        self._save(page, label=label)
        other = "desktop" if kind == "phone" else "phone"
        own_size = page.viewport_size
        page.set_viewport_size(DESKTOP_VIEWPORT if other == "desktop" else PHONE_VIEWPORT)
        _page_kinds[page] = other
        try:
            self._save(page, label=label)
        finally:
            _page_kinds[page] = kind
            page.set_viewport_size(own_size)

    def visit(self, page, url):
        page.goto(url)
        self.check(page)
        return page


def last_link(pattern, to=None):
    messages = [m for m in mail.outbox if to is None or to in m.to]
    body = messages[-1].body
    link = re.search(pattern, body).group(0)
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def admin_sign_in(story, page, email):
    """The admin's login, then the second factor: enrolled at the first sign-in (the key
    read off the page, as an authenticator app would), typed from the app after."""
    story.visit(page, "/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    pass_second_factor(page, email, story=story)
    page.locator("#user-tools").wait_for()


def pass_second_factor(page, email, *, story=None):
    """The second-factor page (accessible, within the CSP, when ``story`` checks it)."""
    page.wait_for_url("**/connexion/second-facteur/**")
    page.wait_for_load_state()
    if story is not None:
        story.check(page)
    if "/activer/" in page.url:
        key = page.locator("figcaption code").inner_text().replace(" ", "")
        page.get_by_label("Code à usage unique").fill(_totp(base64.b32decode(key)))
        page.get_by_role("button", name="Activer").click()
        page.get_by_text("Le second facteur est activé.").wait_for()
        if story is not None:
            story.check(page)
        page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
    else:
        device = TOTPDevice.objects.get(user__email=email, confirmed=True)
        page.get_by_label("Code à usage unique").fill(_accepted_code(device))
        page.get_by_role("button", name="Valider le code").click()


def _totp(key, ahead=0):
    totp = TOTP(key)
    totp.time = totp.time + ahead * 30
    return f"{totp.token():06d}"


def _accepted_code(device):
    """A code the device takes now: within its tolerance of the clock (and its drift),
    and of a later period than the last code it took, since a code is good only once
    (a second sign-in within the same 30 seconds waits for the next period)."""
    while True:
        device.refresh_from_db()
        now = int((time.time() - device.t0) // device.step) + device.drift
        target = max(now, device.last_t + 1)
        if target <= now + device.tolerance:
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
            totp.time = device.t0 + target * device.step + 1
            return f"{totp.token():0{device.digits}d}"
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)


def password_sign_in(page, email):
    """The site's password form; a jury chair goes on through the second factor."""
    page.goto("/connexion/mot-de-passe/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    if "/connexion/second-facteur/" in page.url:
        pass_second_factor(page, email)


def fill_split_datetime(page, field, moment):
    """The admin's date and time inputs, in Paris time and the French formats."""
    local = timezone.localtime(moment)
    page.fill(f"#id_{field}_0", local.strftime("%d/%m/%Y"))
    page.fill(f"#id_{field}_1", local.strftime("%H:%M:%S"))


def pick_autocomplete(page, field_id, text):
    """Drive the admin's select2 autocomplete for the <select id=field_id>."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def admin_save(page):
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").first.wait_for()


def fill_session_form(story, page, programme, *, quorum):
    """The admin's new-session form for the jury of 15 March, started five minutes ago
    (a session is closed only once it has started); not saved yet."""
    story.visit(page, "/admin/jury/session/add/")
    page.locator("#id_programme").select_option(label=str(programme))
    page.fill("#id_title", "Jury du 15 mars")
    fill_split_datetime(page, "starts_at", timezone.now() - datetime.timedelta(minutes=5))
    page.fill("#id_place", "Cité numérique")
    page.fill("#id_quorum", quorum)


def run_session_step(story, page, session_pk, label):
    story.visit(page, f"/admin/jury/session/{session_pk}/change/")
    page.get_by_role("link", name=label).click()
    story.check(page)
    page.get_by_role("button", name="Confirmer").click()
    page.locator(".messagelist .success").first.wait_for()


def sign_in_by_link(story, page, email):
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_role("button", name="Recevoir un lien de connexion").click()
    story.check(page)
    page.goto(last_link(r"https?://\S+/connexion/lien/\S+", to=email))
    story.check(page)
    page.get_by_role("button", name="Me connecter").click()


def start_application(story, page, email, title, problem):
    """Sign in from the call page by e-mail link, start a draft and describe the project."""
    story.visit(page, "/appels/saison-2/")
    page.get_by_role("link", name="Candidater").first.click()
    sign_in_by_link(story, page, email)
    page.get_by_label("Titre du projet").fill(title)
    page.get_by_role("button", name="Commencer ma candidature").click()
    page.get_by_label("Problème à résoudre").wait_for()
    story.check(page)
    page.get_by_label("Problème à résoudre").fill(problem)
    page.get_by_label("Qui en souffre").fill("Les habitants du territoire.")
    page.get_by_label("Idée proposée").fill(f"{title} : une idée à tester avec les usagers.")
    page.get_by_label("Impact attendu").fill("Un service plus simple pour les usagers.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Brouillon enregistré.").wait_for()


def edit_lead(story, page, application, first, last, kind, fill_kind_fields):
    lead = application.team_members.get()
    story.visit(page, f"/candidatures/{application.pk}/equipe/{lead.pk}/")
    page.get_by_label("Prénom").fill(first)
    page.locator("#id_last_name").fill(last)
    page.locator(f"input[name=kind][value={kind}]").check()
    fill_kind_fields(page)
    page.get_by_label("accepte d'être nommé·e publiquement").check()
    story.check(page)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Membre mis à jour.").wait_for()
    return lead


def attach_pdf(story, page, application, path):
    story.visit(page, f"/candidatures/{application.pk}/pieces/")
    page.get_by_label("Fichier").set_input_files(str(path))
    page.get_by_role("button", name="Ajouter la pièce").click()
    page.get_by_text("Pièce ajoutée.").wait_for()
    story.check(page)


def submit(story, page, application):
    story.visit(page, f"/candidatures/{application.pk}/deposer/")
    page.get_by_role("button", name="Déposer la candidature").click()
    page.get_by_text("Candidature déposée.").wait_for()
    story.check(page)


def screen(story, page, edition_pk, titles, action, reason):
    """Staff tick rows in the applications list, pick a bulk action, give the reason."""
    story.visit(page, f"/admin/projects/application/?call__edition__id__exact={edition_pk}")
    for title in titles:
        page.locator("#result_list tbody tr", has_text=title).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()
    page.get_by_label("Motif de la décision").wait_for()
    story.check(page)
    page.get_by_label("Motif de la décision").fill(reason)
    page.get_by_role("button", name="Confirmer").click()
    page.locator(".messagelist .success").first.wait_for()


def score_all(story, page, session_pk, item_title, value="4"):
    story.visit(page, f"/jury/seances/{session_pk}/")
    page.get_by_role("link", name=item_title).click()
    story.check(page)
    for spin in page.get_by_role("spinbutton").all():
        spin.fill(value)
    page.get_by_role("button", name="Enregistrer mes notes").click()
    page.get_by_text("Vos notes sont enregistrées.").wait_for()


def decide(story, page, session_pk, item_pk, outcome, votes_for, votes_against, public):
    story.visit(page, f"/jury/seances/{session_pk}/points/{item_pk}/decision/")
    page.get_by_label("Décision").select_option(outcome)
    page.locator("#id_public_reasons").fill(public)
    page.get_by_label("Voix pour").fill(str(votes_for))
    page.get_by_label("Voix contre").fill(str(votes_against))
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.get_by_text("Décision enregistrée").wait_for()


def open_edition_two(story, staff, programme, now):
    """Staff create edition 2 and its call, open from yesterday for 20 days, and publish
    both; returns the call."""
    story.visit(staff, "/admin/editions/edition/add/")
    staff.locator("#id_programme").select_option(label=str(programme))
    staff.fill("#id_number", "2")
    staff.fill("#id_name", "Saison 2")
    staff.fill("#id_year", str(now.year))
    staff.fill("#id_slug", "saison-2")
    staff.locator("#id_is_published").check()
    admin_save(staff)
    edition = Edition.objects.get(slug="saison-2")
    story.visit(staff, "/admin/editions/call/add/")
    pick_autocomplete(staff, "id_edition", "Saison 2")
    staff.fill("#id_title", "Appel à innovateur territorial — saison 2")
    fill_split_datetime(staff, "opens_at", now - datetime.timedelta(days=1))
    fill_split_datetime(staff, "closes_at", now + datetime.timedelta(days=20))
    staff.locator("#id_is_published").check()
    story.shoot(staff, "1-staff-call-form")
    admin_save(staff)
    call = Call.objects.get(edition=edition)
    assert call.is_published and edition.is_published
    return call
