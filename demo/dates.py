from django.utils import timezone


def paris(naive):
    """The story's dates are Paris wall-clock times."""
    return timezone.make_aware(naive, timezone.get_default_timezone())
