from django import template

register = template.Library()


@register.filter
def for_target(results: dict, target_id: int) -> list:
    """The published results of one target (publication.selectors.public_results)."""
    return results.get(target_id, []) if results else []
