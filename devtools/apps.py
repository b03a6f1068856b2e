from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Province-scale demo data and the bench floor view: installed only when DEVTOOLS=true
    (the bench scripts set it), never part of a production installation."""

    name = "devtools"
    verbose_name = "Dev tools"
