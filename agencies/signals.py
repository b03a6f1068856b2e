"""What agencies announce to the apps above it (which it does not import)."""

from django.dispatch import Signal

# An existing account was added to an agency (membership=...): the apps that tell people listen.
member_added = Signal()
