"""Errors the engine raises on purpose: each message names the column and the problem."""


class LeptonError(ValueError):
    """Base of every error meant to be shown to the user as it is."""


class StepError(LeptonError):
    """A step cannot run on this frame."""


class ColumnError(StepError):
    """A column is missing or ambiguous (duplicated name)."""


class TrainError(LeptonError):
    """Training cannot start or cannot finish."""
