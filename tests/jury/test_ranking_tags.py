"""The ranking table's template tags give what Django's own tags give (``jury_ranking``)."""

from decimal import Decimal
from types import SimpleNamespace

from django.template import Context, Template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import override

from jury.templatetags.jury_ranking import criterion_means, figure


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


def test_criterion_means_escape_each_name_once_and_render_as_without_the_shared_labels():
    criteria = [
        SimpleNamespace(pk=1, name="Impact <local>", scale_max=20),
        SimpleNamespace(pk=2, name="Équipe", scale_max=Decimal("10")),
    ]
    rows = [
        SimpleNamespace(criterion_means=[(criteria[0], 12.25), (criteria[1], None)]),
        SimpleNamespace(criterion_means=[(criteria[0], None), (criteria[1], 7.5)]),
    ]
    labels = {}
    shared = [criterion_means(row, labels) for row in rows]
    assert shared == [criterion_means(row) for row in rows]
    assert shared[0] == "<li>Impact &lt;local&gt;\u202f: 12,3/20</li><li>Équipe\u202f: —</li>"
    assert set(labels) == {1, 2}
    with override("en"):
        assert criterion_means(rows[1]) == "<li>Impact &lt;local&gt;: —</li><li>Équipe: 7.5/10</li>"
