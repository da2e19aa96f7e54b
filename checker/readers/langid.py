"""Language of an article: normalise declared codes, detect undeclared ones with py3langid.

The supported languages are the `*.yaml` files shipped in `checker/lang/`; adding a language
file makes it supported here without a code change.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..language import known_language

__all__ = ["normalize_lang", "supported_languages", "detect_language", "resolve_language",
           "known_language", "partial_notice", "MIN_LETTERS"]

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
_FALLBACK = ("en", "es", "it")
_DETECT_CHARS = 20_000
_HINT = "set lang: in the front matter or --lang"


_SUBTAG_END = re.compile(r"[-_.@\s]")


def normalize_lang(value: str) -> str:
    """`it-IT`, `it_IT`, `IT`, `en_US.UTF-8` → `it`/`en`: the lowercased primary subtag."""
    value = value.strip().lower()
    return _SUBTAG_END.split(value, maxsplit=1)[0] if value else value


@lru_cache(maxsize=1)
def supported_languages() -> tuple[str, ...]:
    """The stems of the `*.yaml` files in `checker/lang/`, sorted (en, es, it if none yet)."""
    try:
        files = resources.files("checker.lang")
        names = sorted(
            p.name[:-5] for p in files.iterdir() if p.name.endswith(".yaml") and not p.name.startswith(("_", "."))
        )
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, OSError):
        names = []
    return tuple(names) or _FALLBACK


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Only languages with an ISO 639-1 code: the model also knows many regional languages
    # (vec, lij, ext, ...) that short Italian or Spanish texts would otherwise drift into.
    ident.set_languages(sorted({c for c in ident.nb_classes if len(c) == 2}))
    return ident


def detect_language(text: str) -> tuple[str, float]:
    """Best language for `text` and its probability (0–1), among all ISO 639-1 languages."""
    sample = " ".join(text[:_DETECT_CHARS].split())
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def _count_letters(text: str, enough: int) -> int:
    n = 0
    for ch in text:
        if ch.isalpha():
            n += 1
            if n >= enough:
                break
    return n


def resolve_language(
    declared: str | None, origin: str, default: str | None, body: str
) -> tuple[str | None, str | None]:
    """Pick the article language: declared, else `default`, else detected from `body`.

    Returns `(lang, None)` or `(None, error message)`; `origin` says where `declared` came from.
    """
    supported = supported_languages()
    for value, where in ((declared, origin), (default, "--lang")):
        if value is None or not str(value).strip():
            continue
        lang = normalize_lang(str(value))
        if lang not in supported and not known_language(lang):
            return None, (f"unknown language {str(value).strip()!r} (from {where}; expected an "
                          f"ISO 639 code such as {', '.join(supported)}, or any other language CLDR knows)")
        return lang, None
    letters = _count_letters(body, MIN_LETTERS)
    if letters < MIN_LETTERS:
        return None, f"cannot detect language: too little text ({letters} letters); {_HINT}"
    lang, prob = detect_language(body)
    if lang in supported:
        return lang, None
    if prob < MIN_CONFIDENCE or not known_language(lang):
        return None, (
            f"cannot detect language reliably (best guess {lang!r} at {prob:.0%}; supported: "
            f"{', '.join(supported)}); {_HINT}"
        )
    return lang, None


def partial_notice(lang: str) -> str | None:
    """What to say of an article in a language without a data file, else None."""
    if lang in supported_languages():
        return None
    return f"partial: no language data for {lang!r}; figures only"
