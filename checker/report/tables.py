"""The claims frame and the findings frame for a spreadsheet user: CSV files or one XLSX workbook.

The claims table has exactly the contract columns of the claims frame (DESIGN.md). The findings
table has the findings contract's scalar fields plus `claim_ids` and `related_ids` (the ids of
the claims involved, space-separated) instead of nested claims, so that it fits a sheet and
joins with the claims table on `claim_id`.

XLSX needs `openpyxl` (`pip install 'newsroom-checker[xlsx]'`); `XlsxUnavailable` says so. Every
cell is written as a value, never as a formula: an article sentence that starts with `=` stays
text.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd

from checker.claims import CLAIM_COLUMNS
from checker.findings import Finding
from checker.outputs.safe import spreadsheet_frame

FINDING_COLUMNS = ["rule", "type", "severity", "message", "path", "line", "col", "start", "end",
                   "claim_ids", "related_ids"]


class XlsxUnavailable(RuntimeError):
    """XLSX output was asked for but openpyxl is not installed."""


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The contract columns of the claims frame, in the contract's order."""
    return claims.reindex(columns=CLAIM_COLUMNS)


def findings_table(findings: Sequence[Finding]) -> pd.DataFrame:
    """One row a finding: its scalar fields and the ids of the claims it involves."""
    rows = [{
        "rule": f.rule, "type": f.type, "severity": f.severity, "message": f.message,
        "path": f.path, "line": int(f.line), "col": int(f.col), "start": int(f.start),
        "end": int(f.end),
        "claim_ids": " ".join(str(c.get("claim_id")) for c in f.claims if c.get("claim_id")),
        "related_ids": " ".join(str(c.get("claim_id")) for c in f.related if c.get("claim_id")),
    } for f in findings]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def claims_csv(claims: pd.DataFrame) -> str:
    """The claims table as CSV, formulas written as text (`spreadsheet_cell`)."""
    return spreadsheet_frame(claims_table(claims)).to_csv(index=False, lineterminator="\n")


def findings_csv(findings: Sequence[Finding]) -> str:
    """The findings table as CSV, formulas written as text (`spreadsheet_cell`)."""
    return spreadsheet_frame(findings_table(findings)).to_csv(index=False, lineterminator="\n")


def require_openpyxl():
    """The openpyxl module; XlsxUnavailable with what to install when it is missing."""
    try:
        import openpyxl
    except ImportError:
        raise XlsxUnavailable(
            "XLSX output needs openpyxl, which is not installed: "
            "pip install 'newsroom-checker[xlsx]' (or pip install openpyxl), "
            "or write CSV instead (-o report.csv or a directory)") from None
    return openpyxl


def _plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def to_xlsx(claims: pd.DataFrame, findings: Sequence[Finding]) -> bytes:
    """A workbook with two sheets, `claims` and `findings`, as bytes (deterministic content)."""
    openpyxl = require_openpyxl()
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    # a fixed creation date: the same input gives the same workbook
    import datetime
    fixed = datetime.datetime(2000, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "checker report"
    for name, frame in (("claims", claims_table(claims)), ("findings", findings_table(findings))):
        sheet = book.create_sheet(name)
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False, name=None):
            sheet.append([None] * len(row))
            r = sheet.max_row
            for c, value in enumerate(row, 1):
                cell = sheet.cell(row=r, column=c)
                value = _plain(value)
                if isinstance(value, str):
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
                    cell.data_type = "s"  # text, never a formula
                else:
                    cell.value = value
        sheet.freeze_panes = "A2"
        for c, column in enumerate(frame.columns, 1):
            width = max([len(column)] + [min(60, len(str(v))) for v in frame[column].head(200)
                                         if _plain(v) is not None])
            sheet.column_dimensions[get_column_letter(c)].width = min(60, width + 2)
        sheet.auto_filter.ref = sheet.dimensions
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
