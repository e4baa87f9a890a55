"""The crispy-forms helpers the team's and the follow-up's forms share."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit


def form_helper(*layout, submit_label=None):
    """A form in ``layout``, with a submit button when ``submit_label`` names one."""
    helper = FormHelper()
    helper.layout = Layout(*layout)
    if submit_label:
        helper.add_input(Submit("submit", submit_label))
    return helper


def fragment_helper(*layout):
    """A form rendered inside a ``<form>`` the template writes, with its token and buttons."""
    helper = form_helper(*layout)
    helper.form_tag = False
    helper.disable_csrf = True
    return helper
