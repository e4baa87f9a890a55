"""Mailings: a mail staff write to the teams of an edition, chosen by what they were told
of their application (all applicants, the shortlisted, the laureates, one status)."""
