"""Forms of the follow-up pages. They validate input and nothing else."""
