"""The ranking table's template tags give what Django's own tags give (``jury_ranking``)."""

from django.template import Context, Template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import override

from jury.templatetags.jury_ranking import figure


def test_item_url_equals_reverse_for_every_row():
    template = Template(
        "{% load jury_ranking %}{% for pk in pks %}"
        "{% item_url 'jury:decision' session_pk pk %} "
        "{% item_url 'jury:remove_item' session_pk pk %}|"
        "{% endfor %}"
    )
    pks = [1, 7, 10, 918, 123456]
    rendered = template.render(Context({"session_pk": 91, "pks": pks}))
    expected = "".join(
        f"{reverse('jury:decision', args=[91, pk])} {reverse('jury:remove_item', args=[91, pk])}|"
        for pk in pks
    )
    assert rendered == expected


def test_figure_equals_floatformat_in_each_language():
    values = [0.0, 2.675, 12.345, 13.5, 19.999, 20.0, 1 / 3, 7.25]
    for language in ("fr", "en"):
        with override(language):
            for value in values:
                for places in (1, 2):
                    assert figure(value, places) == floatformat(value, places)
            assert figure(None, 2) == "—"
