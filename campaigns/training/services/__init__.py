"""The training rules. Views, the admin, the API and tasks call these functions; each runs in
one transaction and raises TrainingError (with a translated message) for anything a user
can cause."""

from .errors import TrainingError  # noqa: F401
