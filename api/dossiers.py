"""POST /api/v1/dossiers/: an agency's own system pushes its one-stop-shop dossiers (issue 23) as
JSON batches, with the agency's API token. The records carry the national portal's field names
(MaHoSo, MaTTHC, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra, TrangThaiHoSo, DonViXuLy,
KenhThucHien, NgayYeuCauBoSung1/NgayBoSung1… or BoSung: [{NgayYeuCauBoSung, NgayBoSung}],
SoLanBoSung); they are checked and written exactly as an imported file (dossiers.services.
dossiers_push): upserted by MaHoSo, so pushing the same batch again changes nothing; all or
nothing, every bad record located ("row" is the record's 1-based position in the batch); other
keys (names, identity numbers, addresses) are never read. Only an agency's token made with the
push scope ("đẩy hồ sơ") pushes, and only to that agency; a read-only token, or an oversight
body's, is refused with 403 before anything is read or written."""

from django.http import JsonResponse
from ninja import Router, Schema
from ninja.responses import Status

from api.auth import ApiTokenAuth
from api.schemas import ErrorOut
from dossiers.models import DossierImport
from dossiers.services import PUSH_MAX_RECORDS, dossiers_push
from qms_objectives.errors import WorkflowError

router = Router(tags=["Hồ sơ TTHC (gửi lên)"], auth=ApiTokenAuth())


class PushIn(Schema):
    records: list[dict]


class ProblemOut(Schema):
    row: int | None
    column: str
    message: str


class PushOut(Schema):
    status: str
    received: int
    created: int
    updated: int
    problems_total: int
    problems: list[ProblemOut]


def _refusal(status: int, detail: str, vi: str, en: str) -> JsonResponse:
    response = JsonResponse(
        {"detail": detail, "message_vi": vi, "message_en": en},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response


@router.post(
    "/",
    response={200: PushOut, 400: PushOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    url_name="dossiers_push",
    operation_id="dossiers_push",
    summary=f"Gửi hồ sơ TTHC (tối đa {PUSH_MAX_RECORDS} hồ sơ mỗi lần)",
)
def push(request, payload: PushIn):
    token = request.auth
    if not token.agency_id:
        return _refusal(
            403,
            "forbidden",
            "Chỉ khóa API của chính cơ quan được gửi hồ sơ của cơ quan đó.",
            "Only the agency's own API token may push its dossiers.",
        )
    if not token.may_push_dossiers:
        return _refusal(
            403,
            "insufficient_scope",
            "Khóa API này chỉ đọc. Quản trị cơ quan cần tạo khóa có quyền “đẩy hồ sơ” "
            "để gửi hồ sơ.",
            "This API token is read-only. The agency's administrator must make a token with "
            "the “push dossiers” scope to send dossiers.",
        )
    try:
        job = dossiers_push(agency=token.agency, records=payload.records)
    except WorkflowError as error:
        return _refusal(400, "invalid", str(error.message), "The batch was refused.")
    done = job.status == DossierImport.Status.DONE
    body = {
        "status": job.status,
        "received": job.rows_total,
        "created": job.rows_created,
        "updated": job.rows_updated,
        "problems_total": job.problems_total,
        "problems": job.problems,
    }
    return Status(200 if done else 400, body)
