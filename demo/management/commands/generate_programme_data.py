import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.generator import ProgrammeGenerator
from jury.models import Score
from programme.models import Programme
from projects.models import Application, Project


def session_size(value):
    """``ITEMSxVOTERSxCRITERIA``, e.g. ``100x15x6``."""
    try:
        items, voters, criteria = (int(part) for part in value.lower().split("x"))
    except ValueError as error:
        raise CommandError(f"--deliberation: ITEMSxVOTERSxCRITERIA, not {value!r}") from error
    if items < 1 or voters < 2 or criteria < 1:
        raise CommandError("--deliberation: at least 1 item, 2 voters and 1 criterion")
    return items, voters, criteria


class Command(BaseCommand):
    help = (
        "Build a large programme for benchmarks, through the services: SCALE past editions "
        "of 100 applications, 10 laureates and about 1,000 marks each, a jury session in "
        "deliberation and an open call. Deterministic for a given seed and day. Refuses a "
        "database that already holds a programme (the demo's or a previous run's)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="past editions (default 1)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--deliberation",
            type=session_size,
            default=(20, 8, 5),
            help="the session in deliberation, ITEMSxVOTERSxCRITERIA (default 20x8x5; "
            "100x15x6 for the deliberation target, 400x50x50 for a million marks)",
        )
        parser.add_argument(
            "--scores-via-service",
            action="store_true",
            help="record every mark with jury.services.record_score (slow) instead of one "
            "bulk insert per agenda item with the same audit entries",
        )

    def handle(self, *args, scale, seed, deliberation, scores_via_service, **options):
        if scale < 1:
            raise CommandError("--scale: at least 1")
        if Programme.objects.exists():
            raise CommandError("The database already holds a programme: use an empty one.")
        started = time.monotonic()
        generator = ProgrammeGenerator(
            scale=scale,
            seed=seed,
            deliberation=deliberation,
            scores_via_service=scores_via_service,
        )
        with transaction.atomic():
            generator.run()
        self.stdout.write(
            f"Generated in {time.monotonic() - started:.0f} s: "
            f"{Application.objects.count()} applications, "
            f"{Project.objects.filter(is_published=True).count()} published laureates, "
            f"{Score.objects.count()} marks; session in deliberation: "
            f"{generator.deliberation_session.pk}."
        )
