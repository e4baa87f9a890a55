"""Applications: calls answered by teams, their members and files, the line manager's
agreement, submission and screening, up to the jury's selection."""
