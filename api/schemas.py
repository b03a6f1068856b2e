"""The shapes of the API's answers: the OpenAPI schema at /api/v1/openapi.json is generated from
these type hints. Numbers of targets and results are exact decimals, sent as JSON strings of the
stored value ("96.0000"), never rounded through a float."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str = Field(description="Mã lỗi ổn định: not_found, unauthorized, throttled, invalid…")
    message_vi: str
    message_en: str
    errors: list[dict] | None = Field(None, description="Với lỗi 422: từng tham số sai.")


class PageMeta(Schema):
    count: int = Field(description="Tổng số mục (mọi trang).")
    limit: int
    offset: int
    next: str | None = None
    previous: str | None = None


class ProvinceOut(Schema):
    slug: str
    name: str
    region_name: str


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    governing_body: str
    place_name: str
    provinces: list[ProvinceOut]
    publishes_results: bool
    publishes_department_sets: bool
    url: str


class AgencyDetailOut(AgencyOut):
    quality_policy: str
    iso_standard: str
    years: list[int] = Field(description="Các năm có bộ mục tiêu công khai (hoặc trong phạm vi).")
    sets_url: str


class AgencyPage(PageMeta):
    results: list[AgencyOut]


class SetSummaryOut(Schema):
    id: int
    agency_id: int
    agency_name: str
    department: str | None
    year: int
    title: str
    status: str
    status_label: str
    in_force: bool
    revision: int
    number_and_symbol: str
    issued_on: date | None
    published_at: datetime | None
    url: str


class SetPage(PageMeta):
    results: list[SetSummaryOut]


class TargetOut(Schema):
    id: int
    indicator: str
    comparison: str
    comparison_label: str
    value: Decimal | None
    unit: str
    baseline: Decimal | None
    is_cumulative: bool
    wording: str = Field(description="Chỉ tiêu như in trên văn bản (“≥ 96%”, “bằng không”).")


class ObjectiveOut(Schema):
    id: int
    number: int
    content: str
    measures: str
    resources: str
    lead_unit: str | None
    supporting_units: list[str]
    responsible_person: str
    timeframe: str
    deadline: date | None
    reporting_frequencies: list[str]
    reporting_wording: str
    evaluation_method: str
    targets: list[TargetOut]


class SectionOut(Schema):
    title: str | None = Field(description="Không có khi mục tiêu không thuộc mục nào.")
    objectives: list[ObjectiveOut]


class IssueOut(Schema):
    number: int | None
    symbol: str
    number_and_symbol: str
    issued_on: date | None
    place_name: str
    governing_body: str
    agency_name: str
    signing_lines: list[str]
    signer_name: str
    digitally_signed: bool
    sha256: str


class VerificationOut(Schema):
    code: str | None
    url: str | None
    file_url: str | None


class SetDetailOut(SetSummaryOut):
    form: str
    iso_standard: str
    preamble: str
    sections: list[SectionOut]
    issue: IssueOut
    verification: VerificationOut
    superseded_by: int | None
    results_url: str | None = Field(
        description="Có khi cơ quan công khai kết quả thực hiện (hoặc với khóa API)."
    )


class PeriodResultOut(Schema):
    period: str = Field(description="Khóa kỳ: 2024-Q1, 2024-H1, 2024-M03, 2024-Y hoặc ngày.")
    label: str
    start: date
    end: date
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    assessment: str
    outcome: str
    outcome_label: str


class TargetResultsOut(Schema):
    target_id: int
    objective_id: int
    wording: str
    unit: str
    results: list[PeriodResultOut]


class SetResultsOut(Schema):
    set_id: int
    year: int
    targets: list[TargetResultsOut]


class YearFigureOut(Schema):
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    assessment: str


class MonitoredTargetOut(Schema):
    target_id: int
    wording: str
    unit: str
    baseline: Decimal | None
    periods: list[PeriodResultOut]
    year_to_date: YearFigureOut
    outcome: str
    outcome_label: str


class MonitoredObjectiveOut(Schema):
    objective_id: int
    number: int
    content: str
    unit_name: str
    frequency: str
    state: str
    state_label: str
    targets: list[MonitoredTargetOut]


class MonitoringOut(Schema):
    set_id: int
    year: int
    as_of: date
    year_closed: bool
    objectives: list[MonitoredObjectiveOut]


class EvaluatedTargetOut(Schema):
    target_id: int
    text: str
    indicator: str
    unit: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    assessment: str
    outcome: str
    outcome_label: str


class EvaluatedObjectiveOut(Schema):
    objective_id: int
    number: int
    section: str
    content: str
    unit_name: str
    outcome: str
    outcome_label: str
    targets: list[EvaluatedTargetOut]


class ReportRefOut(Schema):
    id: int
    status: str
    status_label: str
    number_and_symbol: str
    issued_on: date | None


class EvaluationOut(Schema):
    set_id: int
    year: int
    as_of: date
    source: str = Field(
        description="issued_report: số liệu đã chốt của báo cáo; live: tính lúc hỏi."
    )
    report: ReportRefOut | None
    total: int
    counts: dict[str, int]
    reached_percent: Decimal | None
    objectives: list[EvaluatedObjectiveOut]


class OpenDataOut(Schema):
    province: str
    region_name: str
    year: int
    columns: list[str]
    rows: list[dict[str, str | int]] = Field(
        description="Một dòng cho mỗi chỉ tiêu, các cột như `columns`."
    )
