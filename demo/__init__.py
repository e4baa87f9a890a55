"""The demo story of ``../shared/seed/``: Le Havre Seine Métropole's editions 1 and 2 and
the jury of 15 March 2022, replayed through the services of the four apps.

The one package allowed to import all four apps (import-linter's layers contract puts it
on top). It is an installed app only for its commands: ``seed_demo`` and
``lifecycle_diagrams``; it has no models.
"""
