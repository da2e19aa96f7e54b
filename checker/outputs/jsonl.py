"""JSON Lines output: one finding a line, each the findings contract of DESIGN.md.

    {"rule": "...", "type": "...", "severity": "...", "message": "...", "path": "...",
     "line": 13, "col": 1, "start": 612, "end": 644, "claims": [...], "related": [...]}

The same records as the `findings` member of `--format json`, without the wrapper, so a
stream of findings can be appended to, split, and read with `jq -c` or pandas
(`pd.read_json(path, lines=True)`). Inputs that could not be read are not records: they are
reported on standard error and make the exit code 2, as with every format.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from checker.findings import Finding


def render(findings: Iterable[Finding], failures: Iterable[Any] = ()) -> str:
    """One compact JSON object a finding, one a line (no trailing newline; '' when none)."""
    return "\n".join(json.dumps(f.to_record(), ensure_ascii=False) for f in findings)
