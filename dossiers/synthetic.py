"""Realistic synthetic exports of a provincial one-stop-shop system, for the demo, the tests
and the bench: procedures with their time limits, processing units, the three channels,
receptions in working hours on working days, supplement requests (some twice), late and pending
dossiers, withdrawn and stopped ones, procedures without a due date, and the columns of
citizens' data real exports carry (fake names, identity numbers, addresses, phones) that the
import must drop. Header spellings vary: the national field names, Vietnamese with accents, or
without them. The same seed gives the same file."""

import csv
import io
import random
from datetime import date, datetime, time, timedelta

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# (code, name, working days allowed; 0 = no due date)
PROCEDURES = (
    ("1.001612", "Đăng ký khai sinh", 1),
    ("1.001193", "Đăng ký kết hôn", 3),
    ("2.000908", "Chứng thực bản sao từ bản chính", 1),
    ("1.004227", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15),
    ("1.003003", "Đăng ký biến động quyền sử dụng đất", 10),
    ("2.000881", "Cấp giấy chứng nhận đăng ký hộ kinh doanh", 3),
    ("1.001757", "Cấp giấy phép kinh doanh bán lẻ rượu", 10),
    ("1.000775", "Công nhận gia đình văn hoá", 5),
    ("2.001023", "Trợ cấp xã hội hằng tháng", 20),
    ("1.008004", "Tiếp nhận phản ánh, kiến nghị", 0),
)
UNITS = (
    "Phòng Tư pháp",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Kinh tế",
    "Phòng Văn hoá - Xã hội",
    "Phòng Quản lý đô thị",
    "Phòng Lao động - Thương binh và Xã hội",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Quang", "Thu", "Hoài")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam")
STREETS = ("Lê Lợi", "Trần Phú", "Hùng Vương", "Nguyễn Huệ", "Quang Trung", "Hai Bà Trưng")
WARDS = ("Phường 1", "Phường Tân An", "Xã Hòa Tiến", "Phường Minh Khai", "Xã Phú Lộc")

# Column keys in file order, and their spellings: national names, accented, unaccented.
COLUMNS = (
    ("row", "STT", "STT", "STT"),
    ("code", "MaHoSo", "Mã hồ sơ", "Ma ho so"),
    ("name", "HoTenNguoiNop", "Họ tên người nộp", "Ho ten nguoi nop"),
    ("id_number", "SoCCCD", "Số CCCD/CMND", "So CCCD"),
    ("address", "DiaChi", "Địa chỉ thường trú", "Dia chi"),
    ("phone", "SoDienThoai", "Số điện thoại", "So dien thoai"),
    ("procedure_code", "MaTTHC", "Mã thủ tục", "Ma thu tuc"),
    ("procedure_name", "TenTTHC", "Tên thủ tục", "Ten thu tuc"),
    ("unit", "DonViXuLy", "Đơn vị xử lý", "Don vi xu ly"),
    ("channel", "KenhThucHien", "Hình thức nộp", "Hinh thuc nop"),
    ("received", "NgayTiepNhan", "Ngày tiếp nhận", "Ngay tiep nhan"),
    ("due", "NgayHenTra", "Ngày hẹn trả", "Ngay hen tra"),
    ("asked_1", "NgayYeuCauBoSung1", "Ngày yêu cầu bổ sung lần 1", "Ngay yeu cau bo sung lan 1"),
    ("answered_1", "NgayBoSung1", "Ngày bổ sung lần 1", "Ngay bo sung lan 1"),
    ("asked_2", "NgayYeuCauBoSung2", "Ngày yêu cầu bổ sung lần 2", "Ngay yeu cau bo sung lan 2"),
    ("answered_2", "NgayBoSung2", "Ngày bổ sung lần 2", "Ngay bo sung lan 2"),
    ("count", "SoLanBoSung", "Số lần bổ sung", "So lan bo sung"),
    ("finished", "NgayKetThucXuLy", "Ngày kết thúc xử lý", "Ngay ket thuc xu ly"),
    ("returned", "NgayTra", "Ngày trả kết quả", "Ngay tra ket qua"),
    ("status", "TrangThaiHoSo", "Trạng thái hồ sơ", "Trang thai ho so"),
)
SPELLINGS = ("national", "accented", "unaccented")
PERSONAL_KEYS = ("name", "id_number", "address", "phone")
_HOLIDAYS = {(1, 1), (4, 30), (5, 1), (9, 2), (9, 1)}
_MORNING = (7 * 60 + 30, 11 * 60 + 30)
_AFTERNOON = (13 * 60 + 30, 17 * 60)


def headers(spelling: str = "national") -> list[str]:
    column = 1 + SPELLINGS.index(spelling)
    return [names[column] for names in COLUMNS]


class _Calendar:
    """Working days (Monday–Friday, not the fixed public holidays) around a year."""

    def __init__(self, first: date, last: date):
        days, day = [], first - timedelta(days=40)
        while day <= last + timedelta(days=120):
            if day.weekday() < 5 and (day.month, day.day) not in _HOLIDAYS:
                days.append(day)
            day += timedelta(days=1)
        self.days = days
        self.index = {d: i for i, d in enumerate(days)}
        self.first = self.index[min(d for d in days if d >= first)]
        self.last = self.index[max(d for d in days if d <= last)]

    def add(self, day: date, working_days: int) -> date:
        return self.days[min(self.index[day] + working_days, len(self.days) - 1)]


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def _working_minute(rng: random.Random) -> int:
    low, high = _MORNING if rng.random() < 0.55 else _AFTERNOON
    return rng.randrange(low, high)


class _Generator:
    def __init__(self, *, seed: int, first: date, last: date, prefix: str):
        self.rng = random.Random(seed)  # noqa: S311 - fake data, reproducible by seed
        self.calendar = _Calendar(first, last)
        self.prefix = prefix
        self.until = datetime.combine(last, time(23, 59))

    def person(self) -> dict:
        rng = self.rng
        return {
            "name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "id_number": f"0{rng.randrange(10**10, 10**11)}",
            "address": f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, {rng.choice(WARDS)}",
            "phone": f"09{rng.randrange(10**7, 10**8)}",
        }

    def row(self, number: int) -> dict:
        rng, calendar = self.rng, self.calendar
        code, name, limit = rng.choice(PROCEDURES)
        day = calendar.days[rng.randrange(calendar.first, calendar.last + 1)]
        received = _at(day, _working_minute(rng))
        record = {
            "row": number,
            "code": f"{self.prefix}-{day:%y%m%d}-{number:06d}",
            **self.person(),
            "procedure_code": code,
            "procedure_name": name,
            "unit": rng.choice(UNITS),
            "channel": rng.choices((1, 2, 3), weights=(35, 60, 5))[0],
            "received": received,
            "due": None,
            "count": 0,
        }
        due_day = calendar.add(day, limit) if limit else None
        if due_day is not None:
            record["due"] = _at(due_day, 17 * 60)
        # Supplements: 12% once, 2% twice; the citizen answers 1–8 working days later.
        asks = rng.choices((0, 1, 2), weights=(86, 12, 2))[0] if limit else 0
        cursor, paused = day, 0
        for pair in range(1, asks + 1):
            asked_day = calendar.add(cursor, 1)
            waited = rng.randrange(1, 9)
            answered_day = calendar.add(asked_day, waited)
            record[f"asked_{pair}"] = _at(asked_day, _working_minute(rng))
            record[f"answered_{pair}"] = _at(answered_day, _working_minute(rng))
            cursor, paused = answered_day, paused + waited
        record["count"] = asks
        # Processing: mostly before the deadline, some on its day, about 8% late.
        allowed = (limit or rng.randrange(2, 10)) + paused
        outcome = rng.random()
        if outcome < 0.70:
            spent = rng.randrange(0, max(allowed, 1))
        elif outcome < 0.92:
            spent = allowed
        else:
            spent = allowed + rng.randrange(1, 6)
        finished_day = calendar.add(day, spent)
        finished = _at(finished_day, _working_minute(rng))
        if finished < received:
            finished = received + timedelta(hours=2)
        if record.get(f"answered_{asks}") and finished < record[f"answered_{asks}"]:
            finished = record[f"answered_{asks}"] + timedelta(hours=1)
        fate = rng.random()
        if fate < 0.015:
            record.update(status=7, finished=received + timedelta(days=rng.randrange(1, 4)))
        elif fate < 0.02:
            record.update(status=8, finished=finished)
        elif finished > self.until or fate > 0.985:
            record.update(status=5 if asks and fate > 0.99 else 4, finished=None)
        else:
            returned = finished + timedelta(hours=rng.randrange(0, 30))
            record.update(finished=finished, returned=returned)
            record["status"] = 10 if rng.random() < 0.9 else 9
            if record["status"] == 9:
                record["returned"] = None
        return record


def synthetic_records(
    rows: int,
    *,
    seed: int = 23,
    first: date = date(2025, 1, 1),
    last: date = date(2025, 12, 31),
    prefix: str = "HS",
):
    """`rows` dossier records (dicts keyed like COLUMNS), the same for the same arguments."""
    generator = _Generator(seed=seed, first=first, last=last, prefix=prefix)
    for number in range(1, rows + 1):
        yield generator.row(number)


def _text(value, date_style: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if date_style == "iso":
            return value.strftime("%Y-%m-%d %H:%M:%S")
        return value.strftime("%d/%m/%Y %H:%M:%S" if date_style == "seconds" else "%d/%m/%Y %H:%M")
    return str(value)


def write_csv(
    stream, rows: int, *, spelling: str = "national", date_style: str = "seconds", **options
) -> None:
    """A CSV export (UTF-8 with BOM, as Excel saves it) written to the text `stream`."""
    keys = [names[0] for names in COLUMNS]
    writer = csv.writer(stream)
    writer.writerow(headers(spelling))
    for record in synthetic_records(rows, **options):
        writer.writerow([_text(record.get(key), date_style) for key in keys])


def csv_bytes(rows: int, **options) -> bytes:
    stream = io.StringIO()
    write_csv(stream, rows, **options)
    return "\ufeff".encode() + stream.getvalue().encode()


def write_xlsx(path_or_stream, rows: int, *, spelling: str = "national", **options) -> None:
    """An XLSX export with a title row above the headers, dates as real Excel dates."""
    keys = [names[0] for names in COLUMNS]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("DanhSachHoSo")
    sheet.append(["DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH"])
    sheet.append(headers(spelling))
    date_cells = {}
    for record in synthetic_records(rows, **options):
        cells = []
        for key in keys:
            value = record.get(key)
            if isinstance(value, datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = date_cells.setdefault("f", "dd/mm/yyyy hh:mm")
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    workbook.save(path_or_stream)


def xlsx_bytes(rows: int, **options) -> bytes:
    stream = io.BytesIO()
    write_xlsx(stream, rows, **options)
    return stream.getvalue()
