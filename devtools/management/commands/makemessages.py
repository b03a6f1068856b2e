"""makemessages that also collects the strings marked with `gettext_noop as N_` (the column
headers of the XLSX files, the risk register's title): xgettext knows gettext_noop but not its
alias, so without this every `make messages` dropped them from the catalogue. The way Django's
documentation gives for extra keywords (xgettext_options)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
