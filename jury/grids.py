"""The criteria grids a new session starts from; staff adapt them before scoring opens."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from jury.enums import CriterionGrid

DEFAULT_GRIDS = {
    CriterionGrid.SELECTION: [
        (_("Valeur pour le service public"), Decimal("2")),
        (_("Faisabilité"), Decimal("1")),
        (_("Engagement de l'équipe"), Decimal("1")),
        (_("Potentiel de mise à l'échelle"), Decimal("1")),
        (_("Caractère innovant"), Decimal("1")),
    ],
    CriterionGrid.REVIEW: [
        (_("Résultats au regard des objectifs"), Decimal("2")),
        (_("Impact mesuré"), Decimal("2")),
        (_("Potentiel de mise à l'échelle"), Decimal("1")),
    ],
}
DEFAULT_SCALE = 5
