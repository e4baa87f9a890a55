"""PDFs drawn on the server by WeasyPrint (the jury's minutes and sheets, the decision
letters) with the system's fonts (Debian's fonts-dejavu-core) and a stylesheet read from
disk: rendering never touches the network (``NoNetwork`` refuses every URL the document
might name)."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STYLESHEET = "css/minutes.css"


class NoNetwork(URLFetcher):
    """Refuses every URL, external or local: the documents need no resource but their
    stylesheet, which is read from disk."""

    def fetch(self, url, _headers=None):
        raise ValueError(f"The documents fetch no resource: {url}")


def render_pdf(template, context):
    """The PDF of ``template`` rendered with ``context`` (``pdf`` set), styled by the
    documents' stylesheet. Returns its bytes."""
    html = render_to_string(template, {**context, "pdf": True})
    fetcher = NoNetwork()
    stylesheet = CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])
