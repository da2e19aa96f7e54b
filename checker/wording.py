"""Words shared by every message and output: one place that counts things in English."""
from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 rule', '2 rules', '0 rules'; `many` for a plural that is not `word` + s."""
    return f"{n} {word if n == 1 else many or word + 's'}"
