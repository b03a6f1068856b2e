"""How every operation of the API is declared: GET only (api/urls.py answers HEAD with the same
GET), its error answers in the schema, the ETag/If-None-Match wrapper, a stable url name."""

from ninja.decorators import decorate_view

from api.conditional import conditional
from api.schemas import ErrorOut


def get(router, path: str, *, name: str, response, errors=(404, 422, 429), **options):
    responses = {200: response, **dict.fromkeys(errors, ErrorOut)}

    def register(func):
        wrapped = decorate_view(conditional)(func)
        summary = (func.__doc__ or "").strip().splitlines()[0].rstrip(".") or None
        return router.get(
            path,
            response=responses,
            url_name=name,
            operation_id=name,
            summary=summary,
            **options,
        )(wrapped)

    return register
