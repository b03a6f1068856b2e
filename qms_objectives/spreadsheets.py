"""Reading an uploaded workbook's rows without trusting it.

A sheet's `<dimension>` tag is written by whatever made the file and may say anything: openpyxl's
`max_row` and `max_column` in read-only mode come from it. So the rows are streamed (read-only
`iter_rows`) with the dimension forgotten, the width given, and the reading stops as soon as
there are more rows than an import accepts: a sheet of 360,000 rows is refused after parsing
limit + 1 of them, not after loading them all (bench/xlsx_refusal.py)."""

from collections.abc import Iterator


def rows_streamed(sheet, *, stop_after: int, columns: int) -> Iterator[tuple]:
    """The values of the first `stop_after` rows of a read-only sheet (fewer if it is shorter),
    each `columns` wide, row 1 first; a row missing from the XML comes as a row of None."""
    sheet.reset_dimensions()
    if stop_after <= 0:
        return
    rows = sheet.iter_rows(min_row=1, max_col=columns, values_only=True)
    try:
        for count, values in enumerate(rows, start=1):
            yield values
            if count >= stop_after:
                return
    finally:
        rows.close()  # the parser stops here and lets go of the file


def rows_over(sheet, limit: int) -> bool:
    """Whether a read-only sheet has more than `limit` rows, reading at most limit + 1."""
    return sum(1 for _ in rows_streamed(sheet, stop_after=limit + 1, columns=1)) > limit
