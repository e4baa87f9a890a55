"""The applicant's pages: ``team`` (space, drafts, submission) and ``members`` (team,
files, the line manager's answer)."""
