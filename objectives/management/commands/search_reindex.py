"""`python manage.py search_reindex`: rebuild the normalised search index of every set.

Saves keep the index in sync (objectives/search.py); this is for data written around them:
`loaddata` (raw saves), queryset.update() or bulk operations in a shell or a migration.
"""

from django.core.management.base import BaseCommand

from objectives.search import search_index_all


class Command(BaseCommand):
    help = "Rebuild the search index (case and diacritics ignored) of every objective set."

    def handle(self, *args, **options):
        count = search_index_all()
        self.stdout.write(f"Indexed {count} objective sets.")
