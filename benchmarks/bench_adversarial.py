#!/usr/bin/env python3
"""Extraction time on adversarial inputs of growing size: is any input superlinear?

    python benchmarks/bench_adversarial.py                       # every kind at 1, 2 and 5 MB
    python benchmarks/bench_adversarial.py --sizes 1 2 5 10 20 50 --kinds dotted_numerals space_runs
    python benchmarks/bench_adversarial.py --list                # the kinds and what they target

Each kind is one article file built to stress a part of the extractor (pathological numerals,
huge numbers, one sentence of thousands of figures, runs of spaces, unclosed parentheses, every
Unicode space and dash, RTL text, emoji, deeply nested HTML, repeated range and attribution
words, ...). For each kind and size, a forked child process builds the file and times
`checker.readers.parse_file` (decode, front matter, Markdown/HTML) and
`checker.claims.article_records` (every figure, date, subject and source) on one CPU, in CPU
seconds of the child (`time.process_time`), which other jobs on a shared machine barely change.
A measurement that exceeds `--timeout` wall-clock seconds is killed and the larger sizes of that
kind are skipped; one that exceeds `--memory-gb` reports "out of memory".

Prints one row a measurement (seconds, MB/s, claims) and, per kind, the ratio of the time at
the largest size to the time at the smallest against the ratio of the sizes: linear work gives
the size ratio (50x from 1 to 50 MB); a ratio above `--tolerance` (1.1) times it is flagged
SUPERLINEAR: 10x the input may take at most 11x the time.

Besides files, three kinds time other stages: `same_subject_lint` (extracting, then linting
with every bundled rule, one sentence of 2,000 figures of one subject per MB: the extract
column is the lint), `suppression_comments` (reading an article's suppression comments and
matching a finding a figure against them) and `gazetteer_entries` (loading and building a
gazetteer of that size, then extracting the example story with it).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import sys
import time
import unicodedata
from collections.abc import Callable

MB = 1_000_000

# ------------------------------------------------------------------------------ the inputs


def _front(lang: str = "en") -> str:
    return f"---\noutlet: Adversarial Times\npublished: 2024-10-21\nlang: {lang}\n---\n\n"


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """`head`, then `unit` repeated, then `tail`: about `size` bytes of UTF-8."""
    per = max(1, len(unit.encode("utf-8")))
    body_size = max(0, size - len(head.encode("utf-8")) - len(tail.encode("utf-8")))
    return head + unit * max(1, body_size // per) + tail


def _cycle(pieces: list[str], size: int, sep: str = " ") -> str:
    """The pieces joined by `sep`, cycled until about `size` bytes."""
    unit = sep.join(pieces) + sep
    return _fill(unit, size)


def dotted_numerals(size: int) -> tuple[str, str]:
    """Numerals of thousands of dots (`1.1.1.…`), commas and decimal points, in sentences."""
    unit = ("1." * 2000 + "1 soldiers, " + "1,1,1,1,1,1,1,1,1 km and " + "0." * 500 + "5% "
            + "1.1.1.1 troops left on 8.10.2024.1.1 and 1..2...3....4 people. ")
    return "dotted.md", _fill(unit, size, _front())


def long_number(size: int) -> tuple[str, str]:
    """A 10,000-digit number, a 10,000-digit grouped number and a 6,000-digit decimal, repeated."""
    unit = ("9" * 10_000 + " soldiers, about " + "1" + ",000" * 2500 + " people and "
            + "12" * 3000 + ".5 km were counted. ")
    return "long-number.md", _fill(unit, size, _front())


def special_values(size: int) -> tuple[str, str]:
    """`1e999`, `NaN`, `inf`, `0x1F`, `½`, `10³`, 20-digit numbers... as figures with units."""
    pieces = ["1e999 soldiers,", "NaN people,", "inf km,", "-1e308 euros,", "Infinity troops,",
              "1e-999%,", "0x1F ships,", "1_000 tanks,", "½ of 3 million,", "10³ hectares,",
              "⅔ of 12 million,", "99999999999999999999 residents,", "-0 deaths,", "+5 km,",
              "1,5e10 tonnes,", "$1e999bn,", "€NaN m,", "about 1e309 miles.", "More than NaN%."]
    return "special.md", _front() + _cycle(pieces, size)


_FIGURES = ["about 1,500 soldiers", "more than 2,300 troops according to the NIS",
            "between 10,000 and 12,000 people on October 8", "up to $2.7bn",
            "12 per cent of 4,000 homes", "as many as 45 miles", "some 3,000 North Korean soldiers",
            "from Oct. 8 to 13", "officials said 250 tonnes", "at least 17 km", "€40m"]


def figures_sentence(size: int) -> tuple[str, str]:
    """Sentences of thousands of figures each (2,000 figures, about 60 KB a sentence)."""
    sentence = ", ".join(_FIGURES[i % len(_FIGURES)] for i in range(2000)) + ". "
    return "figures-sentence.md", _fill(sentence, size, _front())


def no_sentence_end(size: int) -> tuple[str, str]:
    """The whole input is one sentence: prose, figures, dates and sources, never a full stop."""
    words = ("the agency said that roughly 1,500 soldiers were moved on Friday and the Ministry "
             "of Defence reported that some 40 km of road and 12 bridges had been closed while "
             "local officials estimated damage at 3 million euros according to the governor ")
    return "no-sentence-end.md", _fill(words, size, _front())


def long_lines(size: int) -> tuple[str, str]:
    """Lines of 1 MB without a sentence end, separated by blank lines."""
    words = "residents counted 1,200 homes and 45 km of roads near the river Valdor "
    line = _fill(words, min(size, MB))
    return "long-lines.md", _fill(line + "\n\n", size, _front())


def _spaces_and_dashes() -> tuple[list[str], list[str]]:
    spaces = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"]
    spaces += ["\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\u200b", "\u200c", "\u200d",
               "\u2060", "\ufeff", "\u180e"]
    dashes = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Pd"]
    dashes += ["\u2212", "\u2012", "\u00ad"]
    return spaces, dashes


def unicode_spaces_dashes(size: int) -> tuple[str, str]:
    """Figures, ranges and words joined by every Unicode space (Zs and friends) and dash (Pd)."""
    spaces, dashes = _spaces_and_dashes()
    pieces = []
    for i, sp in enumerate(spaces):
        dash = dashes[i % len(dashes)]
        pieces.append(f"1{sp}500{dash}2{sp}000{sp}soldiers{sp}{dash}{sp}between{sp}8{dash}13"
                      f"{sp}October,{sp}12{sp}345{sp}678{dash}{dash}km{sp}{sp}{sp}{dash}.{sp}")
    for dash in dashes:
        pieces.append(f"the{dash}agency{dash}said{dash}3{dash}4{dash}5{dash}6 people {dash} ")
    return "spaces-dashes.md", _front() + _cycle(pieces, size, "")


def rtl_text(size: int) -> tuple[str, str]:
    """Arabic and Hebrew with bidi controls, Arabic-Indic and Persian digits, mixed with figures."""
    pieces = ["\u202eقال المتحدث إن ١٬٥٠٠ جندي\u202c", "\u2067שלושה אלפים חיילים 3,000\u2069",
              "\u200fوفقا لوكالة الأنباء 12 كم\u200f", "\u202b1,500 soldiers עברו\u202c",
              "\u2066about 2,300 troops\u2069 وصلوا", "٣٫٥ مليون يورو €40m", "۱۲۳۴ ۵٬۶۷۸",
              "\u202d\u202e\u202d\u202e12 km\u202c\u202c\u202c\u202c", "the agency said 45 miles."]
    return "rtl.md", _front() + _cycle(pieces, size)


def emoji_text(size: int) -> tuple[str, str]:
    """ZWJ sequences, flags, skin tones, keycaps and combining marks around figures."""
    pieces = ["👩‍👩‍👧‍👦 1,500 soldiers 🇮🇹🇬🇧", "1️⃣2️⃣3️⃣ km", "👍🏽 about 3,000 people", "🔥🔥🔥 40 km²",
              "🧑🏿‍🚒 12 firefighters said", "💶 €40m 💵 $2.7bn", "🏳️‍🌈 8–13 October",
              "a\u0301\u0302\u0303\u0304 1\u20e3 5\ufe0f0\ufe0f0\ufe0f soldiers", "🙂." ]
    return "emoji.md", _front() + _cycle(pieces, size)


def nested_html(size: int) -> tuple[str, str]:
    """Elements nested 420 deep (and closed), with article text at the bottom of each nest."""
    head = "<!DOCTYPE html><html><head><title>Nested</title></head><body><article>"
    unit = ("<div><span><b><i><em><section><p>" * 60 + "About 1,500 soldiers were moved on "
            "October 8, the agency said. " + "</p></section></em></i></b></span></div>" * 60)
    return "nested.html", _fill(unit, size, head)


def unclosed_html(size: int) -> tuple[str, str]:
    """Elements opened and never closed (refused: the HTML parser is quadratic on them)."""
    head = "<!DOCTYPE html><html><head><title>Unclosed</title></head><body><article>"
    unit = "<div><span><b><section>" * 50 + "About 1,500 soldiers were moved. "
    return "unclosed.html", _fill(unit, size, head)


def broken_html(size: int) -> tuple[str, str]:
    """Tags and entities that never end: `<a href='x`, `<p <p`, `&#99999999999`, comments."""
    head = "<!DOCTYPE html><html><head><title>Broken</title></head><body><p>"
    unit = ("<a href='x <p <p <b class=\"q 1,500 soldiers &#99999999999; &amp &#x110000; "
            "<!-- never <![CDATA[ 12 km <script>3,000 < / p > <<<<>>>> &lt&gt "
            "<p title='a\" b=\"c'>About 2,300 troops, the agency said.</p> ")
    return "broken.html", _fill(unit, size, head)


def digit_separator_runs(size: int) -> tuple[str, str]:
    """Long runs of digits joined by `,` `.` `-` `/` `:` and narrow spaces; dates run together."""
    pieces = [",".join(str(i % 10) for i in range(3000)),
              ".".join("123" for _ in range(1000)),
              "1" + "\u202f000" * 1000,
              "1 " + " ".join("000" for _ in range(1000)),
              "-".join(str(i % 10) for i in range(2000)),
              "/".join(str(i % 31 + 1) for i in range(1000)) + "/2024",
              "-".join("2024-10-22" for _ in range(300)),
              ":".join("12" for _ in range(1000)),
              "1,000,00,0000,00000.0.0,0 soldiers."]
    return "digit-runs.md", _front() + _cycle(pieces, size)


def repeated_words(size: int) -> tuple[str, str]:
    """Range, qualifier, date and attribution words repeated (Italian): `tra tra tra`."""
    pieces = ["tra " * 2000 + "1 e 2 soldati,", "dal " * 1000 + "8 al " * 1000 + "13 ottobre,",
              "circa " * 1000 + "3.000 persone,", "secondo " * 1000 + "il NIS,",
              "ha riferito " * 500 + "che,", "lunedì " * 1000 + "22 ottobre 2024,",
              "ottobre " * 1000 + "2024,", "e " * 2000 + "4.500 residenti,",
              "undici" * 2000 + "x,", "il lo la gli " * 500 + "Istituto ha comunicato 40 km."]
    return "repeated-it.md", _front("it") + _cycle(pieces, size)


def capitalised_run(size: int) -> tuple[str, str]:
    """Runs of 20,000 capitalised words (names, initials, acronyms) before a reporting verb."""
    names = ["Volodymyr", "Zelensky", "National", "Intelligence", "Service", "NIS", "Seoul",
             "O'Neill", "Jean-Luc", "Ministry", "Of", "Defence", "St.", "Mary's", "U.S.A."]
    run = " ".join(names[i % len(names)] for i in range(20_000))
    return "capitalised.md", _fill(f"{run} said 3,000 soldiers left. ", size, _front())


def open_brackets(size: int) -> tuple[str, str]:
    """Thousands of `(`, `[`, `{`, `“` and `«` that are never closed, around figures and sources."""
    pieces = ["(" * 5000 + "NIS", "[" * 2000 + "1,500 soldiers", "(NIS " * 1000,
              "“" * 2000 + "said the agency", "«" * 1000 + "12 km", "{" * 1000 + "40%",
              "(12 (km (of (road " * 500, "((((1,500 soldiers, the National Service (NIS said."]
    return "open-brackets.md", _front() + _cycle(pieces, size)


def space_runs(size: int) -> tuple[str, str]:
    """A few very long runs of whitespace (together most of the input) between figures."""
    run = max(1, size // 6)
    parts = ["Some 3,000 soldiers were moved.", " " * run, "! 1", " " * run, "000 km.",
             "\t" * run, "12mila.", "\u00a0" * run, "about 40 said.", "\n" + " \t" * (run // 2),
             "x. " + " " * run + "."]
    return "space-runs.md", _front() + "".join(parts)


def _keys(size: int, line: Callable[[int], str]) -> str:
    """Lines `line(0)`, `line(1)`, ... until about `size` bytes."""
    out, total, i = [], 0, 0
    while total < size:
        piece = line(i)
        out.append(piece)
        total += len(piece)
        i += 1
    return "".join(out)


_BODY = "\nAbout 1,500 soldiers were moved, the agency said.\n"


def toml_keys(size: int) -> tuple[str, str]:
    """TOML front matter of tens of thousands of keys (each key's line was found by a search
    from the start: 57 s for 32,000 keys)."""
    head = '+++\noutlet = "Adversarial Times"\npublished = 2024-10-21\nlang = "en"\n'
    return "toml-keys.md", head + _keys(size, lambda i: f"key_{i} = {i}\n") + "+++\n" + _BODY


def json_keys(size: int) -> tuple[str, str]:
    """JSON front matter of tens of thousands of keys."""
    head = '{"outlet": "Adversarial Times", "published": "2024-10-21", "lang": "en"'
    return "json-keys.md", head + _keys(size, lambda i: f',\n"key_{i}": {i}') + "\n}\n" + _BODY


def yaml_keys(size: int) -> tuple[str, str]:
    """YAML front matter of tens of thousands of keys."""
    return "yaml-keys.md", (_front().rstrip("\n").removesuffix("---") + _keys(size, lambda i: f"key_{i}: {i}\n")
                            + "---\n" + _BODY)


def yaml_merge_chain(size: int) -> tuple[str, str]:
    """YAML front matter whose merge keys chain (`a1: {<<: *a0}`, `a2: {<<: *a1}`, ...): each
    link copies all the earlier ones (8,000 links took 71 s and 1.3 GB); refused now."""
    chain = "a0: &a0 {k0: 1}\n" + _keys(size, lambda i: f"a{i + 1}: &a{i + 1} {{<<: *a{i}, k{i + 1}: 1}}\n")
    return "merge-chain.md", _front().rstrip("\n").removesuffix("---") + chain + "---\n" + _BODY


KINDS: dict[str, Callable[[int], tuple[str, str]]] = {
    "dotted_numerals": dotted_numerals,
    "long_number": long_number,
    "special_values": special_values,
    "figures_sentence": figures_sentence,
    "no_sentence_end": no_sentence_end,
    "long_lines": long_lines,
    "unicode_spaces_dashes": unicode_spaces_dashes,
    "rtl": rtl_text,
    "emoji": emoji_text,
    "nested_html": nested_html,
    "unclosed_html": unclosed_html,
    "broken_html": broken_html,
    "digit_separator_runs": digit_separator_runs,
    "repeated_words": repeated_words,
    "capitalised_run": capitalised_run,
    "open_brackets": open_brackets,
    "space_runs": space_runs,
    "toml_keys": toml_keys,
    "json_keys": json_keys,
    "yaml_keys": yaml_keys,
    "yaml_merge_chain": yaml_merge_chain,
}


# ------------------------------------------------------------------------------ other stages
# Kinds whose work is not reading and extracting one file: each builds its input (not timed)
# and gives (bytes, read, extract): `read()` returns what `extract(it)` needs and `extract`
# returns a count for the claims column.


def suppression_comments(size: int):
    """An article of thousands of suppression comments, each silencing the figure on the line
    after it; one finding a figure (every finding was checked against every suppression of its
    file: 25.8 s for 10,000 comments)."""
    from checker import suppressions
    from checker.findings import Finding
    from checker.readers import comment_scope, parse_file
    unit = ("<!-- checker: ignore-next-line unsourced-figure -->\nAbout 1,500 soldiers were moved.\n\n"
            "<!-- checker: disable=contradicting-figures -->\nSome 40 km of road.\n"
            "<!-- checker: enable=contradicting-figures -->\n\n")
    data = _fill(unit, size, _front()).encode("utf-8")

    def read():
        (article,), _ = parse_file("suppressions.md", data)
        return article, suppressions.parse(comment_scope(article.path, article.text))

    def extract(state) -> int:
        article, parsed = state
        findings = []
        for n, line in enumerate(article.text.split("\n"), start=1):
            for rule, kind, word in (("unsourced-figure", "unsourced", "About"),
                                     ("contradicting-figures", "contradiction", "Some")):
                if line.startswith(word):
                    findings.append(Finding(rule=rule, type=kind, severity="warning", message="m",
                                            path=article.path, line=n, col=1, start=0, end=1))
        _, suppressed, _ = suppressions.apply(findings, {article.path: parsed})
        return len(suppressed)
    return len(data), read, extract


def gazetteer_entries(size: int):
    """A gazetteer of tens of thousands of entries (100,000 entries are 9 MB), loaded, built, and
    used to extract the example story (each look-up was one regex alternation of every alias:
    2,000 articles took 598 s)."""
    from checker.claims import article_records
    from checker.gazetteer import load_gazetteer_yaml, merged_gazetteer
    from checker.pipeline import load_articles
    places = ["Alder", "Brenn", "Corvo", "Dusk", "Elm", "Fjord", "Gale", "Harrow", "Isle", "Juno"]
    offices = ["Agency", "Ministry", "Office", "Council", "Bureau", "Service", "Institute", "Board"]
    data = _keys(size, lambda i: f"{places[i % 10]} {offices[i % 8]} {i}:\n  kind: agency\n  aliases: "
                                 f"[{places[i % 7]} {offices[i % 5]} of District {i}, ABX{i}]\n").encode()
    story = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples", "story")
    articles, _ = load_articles([story])

    def read():
        return merged_gazetteer(load_gazetteer_yaml(data))

    def extract(gazetteer) -> int:
        return sum(len(article_records(a, gazetteer)) for _ in range(20) for a in articles)
    return len(data), read, extract


def same_subject_lint(size: int):
    """`checker lint` (every bundled rule) of one sentence of 2,000 figures of one subject per
    unit of `--sizes` (`size` is in bytes, MB a unit: 1 gives 2,000 figures, 5 gives 10,000),
    all different: contradiction compared every pair of a block, 2,000 figures took 78 s."""
    import random

    from checker.checks import article_keys
    from checker.gazetteer import default_gazetteer
    from checker.lint import lint
    from checker.pipeline import extract as extract_claims
    from checker.readers import parse_file
    from checker.ruleset import load_rules
    rng = random.Random(size)
    count = int(2000 * size / MB)
    text = (_front() + "Officials said there were " +
            ", ".join(f"{rng.randint(100, 5000):,} soldiers" for _ in range(count)) + ".\n")
    data = text.encode("utf-8")
    rules_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "rules")
    rules = load_rules([rules_dir])

    def read():
        articles, _ = parse_file("figures.md", data)
        return extract_claims(articles, default_gazetteer(), jobs=1)[0]

    def extract(claims) -> int:
        return len(lint(claims, rules, set(article_keys(claims))))
    return len(data), read, extract


STAGES = {
    "same_subject_lint": same_subject_lint,
    "suppression_comments": suppression_comments,
    "gazetteer_entries": gazetteer_entries,
}


# ------------------------------------------------------------------------------ measuring


def _measure(kind: str, size: int, memory_gb: float, conn) -> None:
    """In the child: build the input, time reading and extraction, send the figures back."""
    try:
        if memory_gb > 0:
            limit = int(memory_gb * 1024 ** 3)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if kind in STAGES:
            size_bytes, read, extract = STAGES[kind](size)
            t0 = time.process_time()
            state = read()
            t1 = time.process_time()
            claims = extract(state)
            t2 = time.process_time()
            conn.send({"bytes": size_bytes, "read": t1 - t0, "extract": t2 - t1, "claims": claims,
                       "failures": []})
            return
        from checker.claims import article_records
        from checker.readers import parse_file
        name, text = KINDS[kind](size)
        data = text.encode("utf-8")
        del text
        t0 = time.process_time()  # CPU time of this process: other jobs on the machine barely move it
        articles, failures = parse_file(name, data)
        t1 = time.process_time()
        claims = sum(len(article_records(a)) for a in articles)
        t2 = time.process_time()
        conn.send({"bytes": len(data), "read": t1 - t0, "extract": t2 - t1, "claims": claims,
                   "failures": [str(f)[:120] for f in failures]})
    except MemoryError:
        conn.send({"error": "out of memory"})
    except Exception as e:  # a crash is a finding: report it, do not stop the benchmark
        conn.send({"error": f"{type(e).__name__}: {str(e)[:200]}"})


def measure(kind: str, size: int, timeout: float, memory_gb: float, repeat: int = 1) -> dict:
    """The fastest of `repeat` measurements, each in a forked child (which inherits the
    warmed-up language data)."""
    best: dict = {}
    for _ in range(repeat):
        r = _measure_once(kind, size, timeout, memory_gb)
        if "error" in r:
            return r
        if not best or r["read"] + r["extract"] < best["read"] + best["extract"]:
            best = r
    return best


def _measure_once(kind: str, size: int, timeout: float, memory_gb: float) -> dict:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_measure, args=(kind, size, memory_gb, child))
    proc.start()
    child.close()
    result = parent.recv() if parent.poll(timeout) else {"error": f"timeout (> {timeout:g} s)"}
    proc.kill()
    proc.join()
    return result


def warm_up() -> None:
    """Import the checker and load the language data once, before children fork."""
    from checker.claims import article_records
    from checker.pipeline import warm_up as load_languages
    from checker.readers import parse_file
    load_languages()
    warm = ("About 1,500 soldiers, the agency said on Friday. Some 40 km, 25 miles, 12 hectares, "
            "3 tonnes, 62% and $2.7bn were counted between Oct. 8 and 13, according to the NIS.")
    for name, text in (("w.md", _front() + warm), ("w.html", f"<html><body><p>{warm}</p></body></html>")):
        for a in parse_file(name, text.encode())[0]:
            article_records(a)


def pin_cpu(cpu: int | None) -> int | None:
    try:
        allowed = sorted(os.sched_getaffinity(0))
    except AttributeError:
        return None
    chosen = allowed[-1] if cpu is None else cpu
    os.sched_setaffinity(0, {chosen})
    return chosen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5],
                    help="sizes in MB (10^6 bytes); default 1 2 5")
    ap.add_argument("--kinds", nargs="+", choices=sorted([*KINDS, *STAGES]), default=[*KINDS, *STAGES],
                    metavar="KIND", help="kinds of input (default: all; see --list)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before a measurement is killed")
    ap.add_argument("--repeat", type=int, default=1, help="measure each size this many times, keep the fastest")
    ap.add_argument("--memory-gb", type=float, default=8, help="address-space limit of a child (0: none)")
    ap.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the last allowed)")
    ap.add_argument("--tolerance", type=float, default=1.1,
                    help="flag a kind whose time grows more than this times its size (1.1: 10x the "
                         "input in at most 11x the time)")
    ap.add_argument("--list", action="store_true", help="list the kinds and exit")
    a = ap.parse_args()
    if a.list:
        for name, fn in {**KINDS, **STAGES}.items():
            print(f"{name:24s} {(fn.__doc__ or '').strip().splitlines()[0] if fn.__doc__ else ''}")
        return 0
    cpu = pin_cpu(a.cpu)
    sizes = sorted(a.sizes)
    print(f"Python {platform.python_version()}, {platform.system()}, {os.cpu_count()} cores, "
          f"pinned to CPU {cpu}; timeout {a.timeout:g} s; sizes {', '.join(f'{s:g}' for s in sizes)} MB")
    t = time.perf_counter()
    warm_up()
    print(f"warm-up (imports, language data): {time.perf_counter() - t:.1f} s\n")
    print("Seconds are CPU seconds of the measuring process (time.process_time).")
    header = f"{'kind':24s} {'MB':>7s} {'read s':>8s} {'extract s':>10s} {'total s':>9s} {'MB/s':>7s} {'claims':>10s}"
    print(header)
    print("-" * len(header))
    summary = []
    for kind in a.kinds:
        times: dict[float, float] = {}
        for size in sizes:
            r = measure(kind, int(size * MB), a.timeout, a.memory_gb, a.repeat)
            if "error" in r:
                print(f"{kind:24s} {size:7g} {r['error']}", flush=True)
                break
            total = r["read"] + r["extract"]
            times[r["bytes"] / MB] = total
            note = f"  ({len(r['failures'])} failures: {r['failures'][0]})" if r["failures"] else ""
            print(f"{kind:24s} {r['bytes'] / MB:7.2f} {r['read']:8.2f} {r['extract']:10.2f} "
                  f"{total:9.2f} {r['bytes'] / MB / max(total, 1e-9):7.2f} {r['claims']:10,}{note}",
                  flush=True)
        summary.append((kind, times))
    print("\nGrowth: time at the largest size / time at the smallest, against linear (the size ratio)")
    for kind, times in summary:
        if len(times) < 2:
            print(f"  {kind:24s} not enough sizes measured")
            continue
        lo, hi = min(times), max(times)
        ratio, linear = times[hi] / max(times[lo], 1e-9), hi / lo
        flag = "SUPERLINEAR" if ratio > a.tolerance * linear else "ok"
        print(f"  {kind:24s} {lo:6.2f} -> {hi:6.2f} MB: {ratio:7.1f}x (linear {linear:.1f}x)  {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
