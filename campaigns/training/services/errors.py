class TrainingError(Exception):
    """A rule refused the request; `message` is translated and safe to show the user."""

    def __init__(self, message, *, code="invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code
