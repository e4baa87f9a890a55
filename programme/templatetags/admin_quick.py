"""The admin's two costliest loops written in Python, with Django's HTML:

- ``{% quick_result_list cl %}``: Django's ``{% result_list cl %}`` (same template) with the
  rows written by ``programme.admin_rows``, the per-column work done once per table;
- ``{% quick_app_list app_list show_changelinks %}``: Django's ``admin/app_list.html``
  (the index page and the navigation sidebar), by ``programme.admin_navigation``.
"""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from programme import admin_rows
from programme.admin_navigation import app_list_html

register = template.Library()


@register.tag(name="quick_result_list")
def quick_result_list(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=admin_rows.result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )


@register.simple_tag(takes_context=True)
def quick_app_list(context, app_list, show_changelinks):
    request = context.get("request")
    return app_list_html(app_list, request.path if request else "", show_changelinks)
