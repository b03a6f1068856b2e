"""Every error of the API as JSON with a stable code and a Vietnamese and an English message:
{"detail": "not_found", "message_vi": "…", "message_en": "…"} (422 adds "errors"). The messages
are written here in both languages, not through the catalogues: a client reads both whatever
language the server runs in."""

from functools import partial

from django.http import Http404, JsonResponse
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

MESSAGES = {
    "not_found": ("Không tìm thấy.", "Not found."),
    "unauthorized": (
        "Cần khóa API hợp lệ: gửi “Authorization: Bearer <khóa>”. "
        "Khóa đã thu hồi hoặc không đúng bị từ chối.",
        "A valid API token is required: send “Authorization: Bearer <token>”. "
        "A revoked or unknown token is refused.",
    ),
    "throttled": (
        "Quá nhiều yêu cầu. Hãy thử lại sau số giây ghi trong Retry-After.",
        "Too many requests. Retry after the number of seconds given in Retry-After.",
    ),
    "invalid": ("Tham số không hợp lệ.", "Invalid parameters."),
    "method_not_allowed": (
        "API chỉ đọc: chỉ nhận GET (và HEAD, OPTIONS).",
        "Read-only API: only GET (and HEAD, OPTIONS) are accepted.",
    ),
    "error": ("Yêu cầu không thực hiện được.", "The request could not be served."),
}


def error_body(code: str, **extra) -> dict:
    vi, en = MESSAGES[code]
    return {"detail": code, "message_vi": vi, "message_en": en, **extra}


def error_response(code: str, status: int, **extra) -> JsonResponse:
    response = JsonResponse(error_body(code, **extra), status=status)
    response["Cache-Control"] = "no-store"
    return response


def _not_found(request, exc, api):
    return error_response("not_found", 404)


def _http_error(request, exc, api):
    if isinstance(exc, AuthenticationError):
        response = error_response("unauthorized", 401)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response
    if isinstance(exc, Throttled):
        return error_response("throttled", 429)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "error")
    return error_response(code, exc.status_code)


def _validation_error(request, exc, api):
    errors = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return error_response("invalid", 422, errors=errors)


def install(api) -> None:
    api.add_exception_handler(Http404, partial(_not_found, api=api))
    api.add_exception_handler(HttpError, partial(_http_error, api=api))
    api.add_exception_handler(ValidationError, partial(_validation_error, api=api))


def not_found_view(request, *args, **kwargs):
    """Any other address under /api/v1/: the same JSON 404 as the endpoints'."""
    return error_response("not_found", 404)


ERROR_RESPONSES = {401: "unauthorized", 404: "not_found", 422: "invalid", 429: "throttled"}
