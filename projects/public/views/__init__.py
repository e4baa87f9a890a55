"""Public pages: ``pages`` (home, laureates), ``editions``, ``open_data``."""
