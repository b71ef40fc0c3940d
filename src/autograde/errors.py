"""The errors a user can fix: what they asked for is wrong (exit status 2, one line, no traceback).

Anything else that escapes a command is a bug in autograde and is shown with its traceback.
"""

from __future__ import annotations


class UsageError(Exception):
    """A mistake in the request: an unknown unit or phase, a missing file, a file in the way."""


class NotFound(UsageError, FileNotFoundError):
    """A file or folder the user named does not exist."""


class AlreadyExists(UsageError, FileExistsError):
    """Writing would overwrite the user's work."""
