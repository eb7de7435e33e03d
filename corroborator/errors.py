"""Errors a user can see: one line each, no traceback."""


class CorroboratorError(Exception):
    """Base class for errors reported to the user as a single line."""


class InputRejected(CorroboratorError):
    """An input that cannot be read: empty, binary, too large, wrong kind."""
