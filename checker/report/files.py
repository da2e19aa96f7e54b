"""Where a report goes: its format from the output's name, and the files each format makes.

`.html` and `.md` are one page; `.csv` is the claims, with the findings beside it in
`NAME-findings.csv`; `.xlsx` one workbook; a directory (or a name without an extension) gets
`report.html`, `report.md`, `claims.csv` and `findings.csv`. `-` is standard output (HTML or
Markdown only).
"""
from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Iterable, Iterator

Data = str | bytes | Iterator[str]

ARCHIVE_ARTICLES = 500  # a report of more articles than this is an archive report (report.archive)
FORMATS = ("html", "md", "csv", "xlsx", "dir")
DIR_FILES = ("report.html", "report.md", "claims.csv", "findings.csv")  # what a directory gets
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv",
              ".xlsx": "xlsx"}


def report_format(output: str, forced: str | None = None) -> str:
    """The format to write `output` in: `forced`, else the extension, else a directory;
    ValueError when it cannot be told or cannot go to standard output."""
    if forced:
        fmt = forced
    elif output == "-":
        fmt = "md"
    elif os.path.isdir(output) or output.endswith(("/", os.sep)):
        fmt = "dir"
    else:
        ext = os.path.splitext(output)[1].lower()
        if not ext:
            fmt = "dir"
        elif ext in EXTENSIONS:
            fmt = EXTENSIONS[ext]
        else:
            raise ValueError(
                f"cannot tell the format of '{output}' from its extension '{ext}': use .html, .md, "
                f".csv, .xlsx or a directory, or --format {{{','.join(FORMATS)}}}")
    if output == "-" and fmt not in ("html", "md"):
        raise ValueError(f"--format {fmt} cannot be written to standard output: give a file "
                         f"or directory with -o")
    return fmt


def output_paths(output: str, fmt: str) -> list[str]:
    """The files a report in `fmt` to `output` is written to (none for standard output)."""
    if output == "-":
        return []
    if fmt == "csv":
        stem = output[:-4] if output.lower().endswith(".csv") else output
        return [output, f"{stem}-findings.csv"]
    if fmt == "dir":
        return [os.path.join(output, name) for name in DIR_FILES]
    return [output]


def report_files(report, claims, findings, output: str, fmt: str) -> dict[str, Callable[[], Data]]:
    """What to write where, by path (`-`: standard output) for a report in `fmt`: each file's
    content is made only when it is written (the HTML in pieces, as `html.stream` makes them)."""
    from checker.report import html, markdown, tables
    page = functools.partial(html.stream, report)
    comment = functools.partial(markdown.render, report)
    claims_csv = functools.partial(tables.claims_csv, claims)
    findings_csv = functools.partial(tables.findings_csv, findings)
    if fmt in ("html", "md"):
        return {output: page if fmt == "html" else comment}
    if fmt == "csv":
        return dict(zip(output_paths(output, fmt), (claims_csv, findings_csv)))
    if fmt == "xlsx":
        return {output: functools.partial(tables.to_xlsx, claims, findings)}
    return dict(zip(output_paths(output, fmt), (page, comment, claims_csv, findings_csv)))


def write_report(report, claims, findings, output: str, fmt: str,
                 write: Callable[[str | bytes, str], None]) -> list[str]:
    """Write the report with `write(data, path)`, making the folders it goes in
    (`-o build/report.html` on a fresh clone); the files written (none for `-`). A page made
    in pieces is written piece by piece as it is made, never held whole."""
    files = report_files(report, claims, findings, output, fmt)
    for path, make in files.items():
        if path != "-" and os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
        data = make()
        if isinstance(data, (str, bytes)):
            write(data, path)
        elif path == "-":
            for piece in batched(data):
                write(piece, path)
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.writelines(batched(data))
    return [path for path in files if path != "-"]


def batched(pieces: Iterable[str], size: int = 1 << 12) -> Iterator[str]:
    """The pieces of a page joined `size` at a time (a few tens of kilobytes): a template makes
    millions of small pieces, and each write of one costs more than joining it."""
    pieces = iter(pieces)
    while chunk := list(itertools.islice(pieces, size)):
        yield "".join(chunk)
