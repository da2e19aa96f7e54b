"""The claims frame written as a table, CSV, JSON Lines, JSON or Parquet (contract columns)."""
from __future__ import annotations

import io
import json
import math

import pandas as pd

from checker.claims import CLAIM_COLUMNS, SCHEMA_VERSION
from checker.findings import credited_to
from checker.outputs.safe import printable, spreadsheet_frame
from checker.wording import plural

FORMATS = ("table", "csv", "jsonl", "json", "parquet")
_TABLE_COLUMNS = ["path", "line", "col", "kind", "text", "value", "value_min", "value_max",
                  "qualifier", "unit", "subject_key", "date_start", "date_end", "source"]


def records(df: pd.DataFrame) -> list[dict]:
    """Contract rows as plain dicts with JSON-safe values (null for missing numbers)."""
    out = []
    for row in df[CLAIM_COLUMNS].itertuples(index=False, name=None):
        rec = {}
        for k, v in zip(CLAIM_COLUMNS, row):
            if v is pd.NA or (isinstance(v, float) and math.isnan(v)):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            rec[k] = v
        out.append(rec)
    return out


def to_jsonl(df: pd.DataFrame) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(df))


def to_json(df: pd.DataFrame, failures: list[str] = (), notices: list[str] = ()) -> str:
    """The claims with the inputs that failed and the files checked with a caveat
    (`notices`: "a.md: partial: no language data for 'nl'; figures only")."""
    return json.dumps({"schema_version": SCHEMA_VERSION, "claims": records(df),
                       "failures": list(failures), "notices": list(notices)},
                      ensure_ascii=False, indent=2) + "\n"


def to_csv(df: pd.DataFrame) -> str:
    """CSV of the contract columns; text cells that a spreadsheet would run as formulas are
    written as text (`spreadsheet_cell`)."""
    return spreadsheet_frame(df[CLAIM_COLUMNS]).to_csv(index=False, lineterminator="\n")


def to_parquet(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df[CLAIM_COLUMNS].to_parquet(buf, index=False)
    return buf.getvalue()


def _cell(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        return f"{v:,.10g}" if abs(v) < 1e15 else f"{v:.4g}"
    return printable(" ".join(str(v).split()))


def to_table(df: pd.DataFrame, width: int = 40) -> str:
    """A plain aligned table for reading in a terminal; long cells are cut with `…`. The
    source cell names the relay too: `CaixaBank via Bloomberg`."""
    shown = df[_TABLE_COLUMNS].assign(source=[credited_to(r) for r in records(df)])
    rows = [[_cell(v) for v in r] for r in shown.itertuples(index=False, name=None)]
    # cut long cells; paths keep their end, where the file name is
    rows = [[c if len(c) <= width else ("…" + c[-(width - 1):] if i == 0 else c[: width - 1] + "…")
             for i, c in enumerate(r)] for r in rows]
    head = _TABLE_COLUMNS
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + f"\n{plural(len(rows), 'claim')}\n"
