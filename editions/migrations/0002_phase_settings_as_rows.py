"""The phase settings of an edition become one row per period phase (``EditionPhase``).

Each edition's pre-incubation and experimentation columns are copied into its two rows,
then the columns go; unapplied, the rows are copied back into the columns.
"""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

# The columns each phase's row is made of, as they were named on the edition.
COLUMNS = {
    "pre_incubation": {
        "months": "preincubation_months",
        "days_per_week": "preincubation_days_per_week",
        "place": "preincubation_place",
    },
    "experimentation": {
        "months": "experimentation_months",
        "days_per_week": "experimentation_days_per_week",
    },
}


def columns_to_rows(apps, schema_editor):
    Edition = apps.get_model("editions", "Edition")
    EditionPhase = apps.get_model("editions", "EditionPhase")
    EditionPhase.objects.bulk_create(
        EditionPhase(
            edition=edition,
            phase=phase,
            **{field: getattr(edition, column) for field, column in columns.items()},
        )
        for edition in Edition.objects.order_by("pk")
        for phase, columns in COLUMNS.items()
    )


def rows_to_columns(apps, schema_editor):
    Edition = apps.get_model("editions", "Edition")
    EditionPhase = apps.get_model("editions", "EditionPhase")
    for row in EditionPhase.objects.filter(phase__in=COLUMNS).select_related("edition"):
        edition = row.edition
        for field, column in COLUMNS[row.phase].items():
            setattr(edition, column, getattr(row, field))
        edition.save(update_fields=list(COLUMNS[row.phase].values()))


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EditionPhase",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "phase",
                    models.CharField(
                        choices=[
                            ("pre_incubation", "Pré-incubation"),
                            ("experimentation", "Expérimentation"),
                        ],
                        max_length=20,
                        verbose_name="phase",
                    ),
                ),
                (
                    "months",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(24),
                        ],
                        verbose_name="durée (mois)",
                    ),
                ),
                (
                    "days_per_week",
                    models.DecimalField(
                        decimal_places=1,
                        max_digits=2,
                        validators=[
                            django.core.validators.MinValueValidator(Decimal("0.5")),
                            django.core.validators.MaxValueValidator(Decimal("5.0")),
                        ],
                        verbose_name="temps consacré (jours par semaine)",
                    ),
                ),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="lieu")),
                (
                    "edition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phases",
                        to="editions.edition",
                        verbose_name="édition",
                    ),
                ),
            ],
            options={
                "verbose_name": "phase de l'édition",
                "verbose_name_plural": "phases de l'édition",
                "ordering": ["edition", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("edition", "phase"), name="edition_phase_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("phase__in", ["pre_incubation", "experimentation"])),
                        name="edition_phase_phase_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("months__gte", 1)),
                        name="edition_phase_months_at_least_1",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("days_per_week__gt", 0), ("days_per_week__lte", 5)),
                        name="edition_phase_days_in_range",
                    ),
                ],
            },
        ),
        migrations.RunPython(columns_to_rows, rows_to_columns),
        migrations.RemoveConstraint(model_name="edition", name="edition_phase_months_gte_1"),
        migrations.RemoveConstraint(model_name="edition", name="edition_days_per_week_in_range"),
        migrations.RemoveField(model_name="edition", name="preincubation_months"),
        migrations.RemoveField(model_name="edition", name="preincubation_days_per_week"),
        migrations.RemoveField(model_name="edition", name="preincubation_place"),
        migrations.RemoveField(model_name="edition", name="experimentation_months"),
        migrations.RemoveField(model_name="edition", name="experimentation_days_per_week"),
    ]
