"""The one error the services raise when they refuse an action."""


class WorkflowError(Exception):
    """A refused action. `message` is translated text for the user; `code` names the reason for
    code and tests ("forbidden", "state", "frozen", "number_taken", "render", …).

    Like ValidationError it carries `messages`, so a view can add it to a form's errors.
    """

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)

    @property
    def messages(self) -> list[str]:
        return [str(self.message)]
