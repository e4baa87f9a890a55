"""Laureates: the projects born of a selection, their phases and periods, and their
follow-up (coaching, milestones, time given, resources, impact indicators, phase reports)."""
