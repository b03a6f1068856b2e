"""Reading one cell of the objectives sheet: numbers (with decimal commas and percent-formatted
cells), dates, flags, comparisons, frequencies and the agency's departments by name or
abbreviation. A cell that cannot be read is reported where it is and read as empty."""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Department
from objectives.excel.columns import (
    COMPARISON_WORDS,
    EXTRA_COMPARISON_WORDS,
    YES,
    frequency_words,
)
from objectives.models import Comparison
from qms_objectives.numbers import parse_number
from qms_objectives.text import to_nfc

TRUE_WORDS = {YES, "có", "co", "1", "true", "yes", "✓", "✔"}
FALSE_WORDS = {"", "không", "khong", "0", "false", "no"}
LIST_SPLIT = re.compile(r"[;\n]+")
FOUR_PLACES = Decimal("0.0001")
VALUE_LIMIT = Decimal("1e10")  # the model keeps 14 digits, 4 after the point
UNKNOWN = "?"


def norm_word(value) -> str:
    """For matching words typed by people: NFC, single spaces, case-folded, no final colon."""
    text = " ".join(to_nfc(str(value)).split()).casefold()
    return text.rstrip(":").strip()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return to_nfc(str(value)).strip()


class CellReader:
    """Mixed into the sheet parser, which provides report(), agency and departments."""

    def _init_words(self) -> None:
        self.comparisons = self._comparison_words()
        self.frequencies = {norm_word(label): code for code, label in frequency_words().items()}
        # Files are written in Vietnamese whatever the page's language ("Hằng quý" on an EN page).
        with translation.override("vi"):
            vietnamese = {norm_word(label): code for code, label in frequency_words().items()}
        self.frequencies.update(vietnamese)
        self.frequencies.update({code: code for code in frequency_words()})

    def _convert(self, column, cell):
        return getattr(self, f"_read_{column.kind}")(cell)

    def _read_text(self, cell) -> str:
        return cell_text(cell.value) if cell.data_type != "f" else ""

    def _read_flag(self, cell) -> bool:
        word = norm_word(cell.value) if cell.value is not None else ""
        if isinstance(cell.value, bool):
            return cell.value
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        self.report(
            _("Ghi “x” nếu có, để trống nếu không (đang ghi “%(value)s”).") % {"value": word},
            cell.row,
            cell.column,
        )
        return False

    def _read_number(self, cell) -> Decimal | None:
        value = cell.value
        if value is None or cell.data_type == "f" or cell_text(value) == "":
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            if isinstance(value, int | float | Decimal):
                number = Decimal(str(value))
                if "%" in (cell.number_format or ""):
                    number *= 100  # a cell formatted as 96% holds 0.96
            else:
                number = parse_number(cell_text(value))  # written the Vietnamese way
            if not number.is_finite() or abs(number) >= VALUE_LIMIT:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self.report(
                _("Giá trị phải là một số (ví dụ 96 hoặc 96,5), không phải “%(value)s”.")
                % {"value": cell_text(value)},
                cell.row,
                cell.column,
            )
            return None
        return number.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)

    def _read_date(self, cell) -> date | None:
        value = cell.value
        if value is None or cell_text(value) == "" or cell.data_type == "f":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(cell_text(value), "%d/%m/%Y").date()
        except ValueError:
            self.report(
                _("Ngày phải ghi dạng ngày/tháng/năm, ví dụ 31/12/2025 (đang ghi “%(value)s”).")
                % {"value": cell_text(value)},
                cell.row,
                cell.column,
            )
            return None

    def _comparison_words(self) -> dict:
        words = {norm_word(word): code for code, word in COMPARISON_WORDS.items()}
        words.update({norm_word(word): code for word, code in EXTRA_COMPARISON_WORDS.items()})
        for choice in Comparison:
            words[choice.value] = choice.value
            words[norm_word(choice.label)] = choice.value
            with translation.override("vi"):  # the long label as a Vietnamese file writes it
                words[norm_word(choice.label)] = choice.value
        return words

    def _comparison_list(self) -> str:
        return ", ".join(COMPARISON_WORDS.values())

    def _read_comparison(self, cell) -> str | None:
        text = self._read_text(cell)
        if not text:
            return None
        code = self.comparisons.get(norm_word(text))
        if code is None:
            self.report(
                _("Phép so sánh “%(value)s” không có; hãy chọn một trong: %(words)s.")
                % {"value": text, "words": self._comparison_list()},
                cell.row,
                cell.column,
            )
            return UNKNOWN
        return code

    def _read_frequencies(self, cell) -> list[str]:
        codes = []
        for part in LIST_SPLIT.split(self._read_text(cell).replace(",", ";")):
            if not part.strip():
                continue
            code = self.frequencies.get(norm_word(part))
            if code is None:
                self.report(
                    _("Kỳ báo cáo “%(value)s” không có; hãy dùng: %(words)s.")
                    % {"value": part.strip(), "words": ", ".join(frequency_words().values())},
                    cell.row,
                    cell.column,
                )
            elif code not in codes:
                codes.append(code)
        return codes

    def _department(self, name: str, cell) -> Department | None:
        wanted = norm_word(name)
        by_name = [d for d in self.departments if norm_word(d.name) == wanted]
        by_abbreviation = [
            d for d in self.departments if d.abbreviation and norm_word(d.abbreviation) == wanted
        ]
        matches = by_name or by_abbreviation
        if len(matches) == 1:
            return matches[0]
        self.report(
            _("Không có phòng, đơn vị “%(name)s” trong %(agency)s.")
            % {"name": name, "agency": self.agency.name}
            if not matches
            else _("Có nhiều phòng, đơn vị viết tắt “%(name)s”; hãy ghi tên đầy đủ.")
            % {"name": name},
            cell.row,
            cell.column,
        )
        return None

    def _read_unit(self, cell) -> Department | None:
        text = self._read_text(cell)
        return self._department(text, cell) if text else None

    def _read_units(self, cell) -> list[Department]:
        found = []
        for part in LIST_SPLIT.split(self._read_text(cell)):
            if part.strip():
                department = self._department(part.strip(), cell)
                if department is not None and department not in found:
                    found.append(department)
        return found
