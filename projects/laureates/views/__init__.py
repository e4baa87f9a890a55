"""The follow-up pages: ``follow_up`` (the coach's list, overview, coaching log,
milestones) and ``reporting`` (time given, impact indicators, phase report)."""
