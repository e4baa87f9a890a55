"""The models of laureates; ``projects.models`` gathers them with the applications'."""
