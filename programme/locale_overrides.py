"""French wordings that replace Django's own: this project's catalogue is read first
(``LOCALE_PATHS``), so these msgids, translated in ``locale/fr``, win. Marked here so that
``makemessages`` keeps them.

- file sizes in « Ko / Mo / Go », as French readers write them, not « Kio / Mio / Gio »;
- the usual abbreviations of January and February (« janv. », « févr. »).
"""

from django.utils.translation import gettext_noop, pgettext_lazy

FILE_SIZES = (gettext_noop("%s KB"), gettext_noop("%s MB"), gettext_noop("%s GB"))
MONTH_ABBREVIATIONS = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
)
