"""The one error the services raise when they refuse an action."""


class WorkflowError(Exception):
    """A refused action. `message` is translated text for the user; `code` names the reason for
    code and tests ("forbidden", "state", "frozen", "number_taken", "render", …).

    Like ValidationError it carries `messages`, so a view can add it to a form's errors; `field`
    names the form field the refusal is about (shown next to it), if any.
    """

    def __init__(self, message: str, code: str = "", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def form_add(self, form) -> None:
        """Show the refusal on `form`: next to its field when the form has it, else above."""
        form.add_error(self.field if self.field in form.fields else None, self.message)

    def __str__(self) -> str:
        return str(self.message)

    @property
    def messages(self) -> list[str]:
        return [str(self.message)]
