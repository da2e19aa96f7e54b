"""The unsourced, name-variant, weekday-mismatch and arithmetic rule types on hand-built frames."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from checker.checks import CheckContext, rule_type
from checker.lint import lint
from checker.ruleset import parse_rule

CONTRACT = ["claim_id", "path", "outlet", "published", "lang", "kind", "start", "end", "line",
            "col", "text", "sentence", "value", "value_min", "value_max", "qualifier", "unit",
            "subject", "subject_key", "date_start", "date_end", "source", "source_text", "cue"]


def claim(**fields) -> dict:
    """A claim row: contract fields defaulted, `text`'s span inside `sentence` at `sentence_start`."""
    row = {name: None for name in CONTRACT}
    row.update(kind="figure", lang="en", published="2024-10-21", qualifier="exact",
               value_min=math.nan, value_max=math.nan, line=1, sentence_start=0)
    row.update(fields)
    sentence = row["sentence"] or row["text"]
    row["sentence"] = sentence
    if row["start"] is None:
        row["start"] = row["sentence_start"] + max(sentence.find(row["text"]), 0)
    row["end"] = row["start"] + len(row["text"])
    if row["col"] is None:
        row["col"] = row["start"] + 1
    row.setdefault("article", row["path"])
    return row


def frame(*rows: dict) -> pd.DataFrame:
    df = pd.DataFrame(list(rows))
    df["claim_id"] = [f"c{i}" for i in range(len(df))]
    return df


def make_rule(type_: str, message: str, **params):
    return parse_rule({
        "id": f"test-{type_}", "type": type_, "severity": "warning", "message": message,
        "description": "test rule", "params": params,
        "examples": [{"text": "x", "lang": "en", "pass": True}],
    }, "test.yaml")


def run(rule, claims: pd.DataFrame, targets: set[str]):
    return rule_type(rule.type).run(claims, rule, CheckContext(targets=frozenset(targets)))


# --- unsourced --------------------------------------------------------------------------------

WIRE = dict(path="wire.md", outlet="Wire Post")
LEDGER = dict(path="ledger.md", outlet="Daily Ledger", published="2024-10-18")
SOLDIERS = dict(subject="soldiers", subject_key="soldier")


def nk_claims() -> pd.DataFrame:
    return frame(
        claim(**WIRE, **SOLDIERS, text="Some 3,000 North Korean soldiers", value=3000.0,
              qualifier="approx", sentence="Some 3,000 North Korean soldiers were moved.", line=9),
        claim(**WIRE, **SOLDIERS, text="as many as 10,000 troops", value=10000.0, value_max=10000.0,
              qualifier="at_most", sentence="Pyongyang plans to send as many as 10,000 troops.",
              sentence_start=60, line=9),
        claim(**LEDGER, **SOLDIERS, text="about 1,500 special forces soldiers", value=1500.0,
              qualifier="approx", source="NIS", source_text="National Intelligence Service (NIS)",
              line=8),
        claim(**LEDGER, **SOLDIERS, text="10,000 North Korean soldiers", value=10000.0,
              source="Zelensky", source_text="Volodymyr Zelenskyy", line=12, sentence_start=200),
        claim(path="gazzetta.md", outlet="Gazzetta del Nord", lang="it", **SOLDIERS,
              text="10.050 soldati", value=10050.0, source="NIS", line=5),
    )


def test_unsourced_flags_figures_without_source_in_targets_only():
    rule = make_rule("unsourced", 'unsourced figure: "{text}"{credits}')
    findings = run(rule, nk_claims(), {"wire.md"})
    assert [(f.path, f.line, f.col, f.message) for f in findings] == [
        ("wire.md", 9, 1, 'unsourced figure: "Some 3,000 North Korean soldiers"'),
        ("wire.md", 9, 85, 'unsourced figure: "as many as 10,000 troops"; '
                           "Daily Ledger credits 10,000 to Zelensky, "
                           "Gazzetta del Nord credits 10,050 to NIS"),
    ]
    assert [c["text"] for c in findings[1].claims] == ["as many as 10,000 troops"]
    assert [c["path"] for c in findings[1].related] == ["ledger.md", "gazzetta.md"]
    assert findings[0].type == "unsourced" and findings[0].severity == "warning"


def test_unsourced_credit_needs_the_same_figure_subject_and_unit():
    claims = nk_claims()
    claims.loc[3, "subject_key"] = "ship"
    claims.loc[4, "unit"] = "USD"
    claims.loc[4, "value"] = 10000.0
    rule = make_rule("unsourced", "{text}{credits}")
    messages = [f.message for f in run(rule, claims, {"wire.md"})]
    assert messages == ["Some 3,000 North Korean soldiers", "as many as 10,000 troops"]


def test_unsourced_does_not_credit_the_same_article():
    claims = nk_claims()
    claims.loc[3, ["path", "article", "outlet"]] = ["wire.md", "wire.md", "Wire Post"]
    claims.loc[4, "source"] = None
    rule = make_rule("unsourced", "{text}{credits}")
    messages = [f.message for f in run(rule, claims, {"wire.md"})]
    assert messages == ["Some 3,000 North Korean soldiers", "as many as 10,000 troops"]


@pytest.mark.parametrize("params, texts", [
    ({"min_value": 5000}, ["as many as 10,000 troops"]),
    ({"skip_qualifiers": ["at_most"]}, ["Some 3,000 North Korean soldiers"]),
    ({"skip_subjects": ["soldier"]}, []),
    ({"skip_units": ["percent"]}, ["Some 3,000 North Korean soldiers", "as many as 10,000 troops"]),
])
def test_unsourced_params_skip_figures(params, texts):
    rule = make_rule("unsourced", "{text}", **params)
    assert [f.message for f in run(rule, nk_claims(), {"wire.md"})] == texts


def test_unsourced_ignores_dates_and_sourced_figures():
    claims = frame(
        claim(**WIRE, kind="date", text="between October 8 and 12", date_start="2024-10-08",
              date_end="2024-10-12"),
        claim(**WIRE, text="1,500 soldiers", value=1500.0, source_text="Seoul"),
    )
    assert run(make_rule("unsourced", "{text}"), claims, {"wire.md"}) == []


def test_unsourced_max_credits_truncates():
    claims = nk_claims()
    rule = make_rule("unsourced", "{credits}", max_credits=1)
    findings = run(rule, claims, {"wire.md"})
    assert findings[1].message == "; Daily Ledger credits 10,000 to Zelensky and 1 more"
    assert len(findings[1].related) == 1


# --- name-variant -----------------------------------------------------------------------------

def name_claims() -> pd.DataFrame:
    def said(path, outlet, name, published, lang="en", line=3):
        sentence = f"Ukrainian President {name} said 10,000 soldiers were ready."
        return claim(path=path, outlet=outlet, lang=lang, published=published, line=line,
                     sentence=sentence, sentence_start=100, text="10,000 soldiers", value=1e4,
                     col=1 + sentence.index("10,000"), entities=f"President {name}|NIS")
    return frame(
        said("ledger.md", "Daily Ledger", "Volodymyr Zelenskyy", "2024-10-18"),
        said("wire.md", "Wire Post", "Volodymyr Zelensky", "2024-10-21"),
        said("star.md", "Morning Star", "Volodymyr Zelensky", "2024-10-20"),
        said("corriere.md", "Corriere Orientale", "Volodymyr Zelenskiy", "2024-10-20", lang="it"),
    )


ALL_NAMES = {"ledger.md", "wire.md", "star.md", "corriere.md"}


def test_name_variant_reports_the_rarer_spelling_at_the_word():
    rule = make_rule("name-variant", "'{name}' is also written {variants}")
    findings = run(rule, name_claims(), ALL_NAMES)
    assert [(f.path, f.line, f.col, f.start, f.end, f.message) for f in findings] == [
        ("ledger.md", 3, 31, 130, 139, "'Zelenskyy' is also written 'Zelensky' (2 articles)"),
    ]
    assert [c["text"] for c in findings[0].claims] == ["10,000 soldiers"]


def test_name_variant_is_not_reported_in_reference_articles():
    rule = make_rule("name-variant", "{name}")
    assert run(rule, name_claims(), {"wire.md", "star.md"}) == []


def test_name_variant_across_languages_and_threshold():
    rule = make_rule("name-variant", "{name}: {variants}", across_languages=True)
    findings = run(rule, name_claims(), ALL_NAMES)
    assert [(f.path, f.message) for f in findings] == [
        ("ledger.md", "Zelenskyy: 'Zelensky' (2 articles)"),
        ("corriere.md", "Zelenskiy: 'Zelensky' (2 articles), 'Zelenskyy' (1 article)"),
    ]
    strict = make_rule("name-variant", "{name}", threshold=95)
    assert run(strict, name_claims(), ALL_NAMES) == []


def test_name_variant_within_one_article_reports_the_later_spelling():
    first = claim(path="a.md", text="1,500 soldiers", value=1500.0, source_text="Zelensky",
                  sentence="Zelensky spoke of 1,500 soldiers.", line=2, col=19)
    second = claim(path="a.md", text="12,000 troops", value=12000.0,
                   sentence="Later Zelenskyy spoke of 12,000 troops.", entities="Zelenskyy",
                   sentence_start=40, line=4, col=26)
    findings = run(make_rule("name-variant", "{name} / {variants}"), frame(first, second), {"a.md"})
    assert [(f.line, f.col, f.message) for f in findings] == [
        (4, 7, "Zelenskyy / 'Zelensky' (1 article)")]


def test_name_variant_is_reported_at_the_rare_spelling_even_when_it_comes_first():
    """One article each: the spelling written in more sentences is the house's, the other the
    likely typo, whichever was published first (issue 12: 'Ferri' / 'Feri')."""
    def mayor(path, published, name, n, start):
        sentence = f"Mayor {name} said {n} homes were flooded."
        return claim(path=path, published=published, text=f"{n} homes", value=float(n),
                     sentence=sentence, sentence_start=start, entities=f"Mayor {name}",
                     line=start // 100 + 1, col=1 + sentence.index(str(n)))
    rows = [mayor("early.md", "2025-03-10", "Anna Feri", 300, 0),
            *(mayor("late.md", "2025-03-11", "Anna Ferri", n, 100 * i)
              for i, n in enumerate((300, 310, 320)))]
    findings = run(make_rule("name-variant", "'{name}' is also written {variants}"), frame(*rows),
                   {"early.md", "late.md"})
    assert [(f.path, f.message) for f in findings] == [
        ("early.md", "'Feri' is also written 'Ferri' (1 article)")]


def test_name_variant_ignores_case_short_words_and_derived_words():
    rows = [claim(path="a.md", text="5 ships", value=5.0, source_text="The Agency of NIS",
                  entities="Valdoria"),  # invented names: no dictionary has them
            claim(path="b.md", text="5 ships", value=5.0, source_text="the agency of NIA",
                  entities="Valdorian")]
    rule = make_rule("name-variant", "{name}")
    ctx = CheckContext(targets=frozenset({"a.md", "b.md"}),
                       lang_data=lambda lang: {"name_suffixes": ["n", "'s"]})
    assert rule_type("name-variant").run(frame(*rows), rule, ctx) == []
    without_suffixes = CheckContext(targets=frozenset({"a.md", "b.md"}), lang_data=lambda lang: {})
    assert [f.message for f in rule_type("name-variant").run(frame(*rows), rule, without_suffixes)] == [
        "Valdorian"]


# --- weekday-mismatch -------------------------------------------------------------------------

def date_claim(text, weekday, start, end=None, lang="it", path="re.md"):
    return claim(path=path, kind="date", lang=lang, text=text, weekday=weekday, date_start=start,
                 date_end=end or start, value=math.nan, qualifier=None, line=7)


def test_weekday_mismatch_flags_a_wrong_weekday():
    claims = frame(
        date_claim("lunedì 22 ottobre 2024", 0, "2024-10-22"),
        date_claim("martedì 22 ottobre 2024", 1, "2024-10-22"),
        date_claim("22 ottobre 2024", None, "2024-10-22"),
        date_claim("nella notte tra domenica e lunedì", 6, "2025-03-02", "2025-03-03"),
        date_claim("Monday, October 22, 2024", 0, "2024-10-22", lang="en", path="wire.md"),
    )
    rule = make_rule("weekday-mismatch", "{text}: {date} is a {actual_weekday} "
                     "({actual_weekday_local}), not a {weekday} ({weekday_local})")
    findings = run(rule, claims, {"re.md", "wire.md"})
    assert [(f.path, f.line, f.col, f.message) for f in findings] == [
        ("re.md", 7, 1, "lunedì 22 ottobre 2024: 2024-10-22 is a Tuesday (martedì), "
                        "not a Monday (lunedì)"),
        ("wire.md", 7, 1, "Monday, October 22, 2024: 2024-10-22 is a Tuesday (Tuesday), "
                          "not a Monday (Monday)"),
    ]
    assert findings[0].claims[0]["text"] == "lunedì 22 ottobre 2024"


def test_weekday_mismatch_without_weekday_column():
    claims = frame(claim(path="a.md", kind="date", text="22 ottobre", date_start="2024-10-22"))
    assert run(make_rule("weekday-mismatch", "{text}"), claims, {"a.md"}) == []


# --- arithmetic -------------------------------------------------------------------------------

POLL = "In a poll published last month, 62% of residents supported the park and 45% opposed it."


def poll_claims(sentence=POLL, first="62% of residents", second="45% opposed", lang="en",
                values=(62.0, 45.0)):
    common = dict(path="draft.md", outlet="Daily Ledger", unit="percent", sentence=sentence,
                  sentence_start=500, line=14, lang=lang)
    return frame(
        claim(**common, text=first, value=values[0], col=1 + sentence.index(first)),
        claim(**common, text=second, value=values[1], col=1 + sentence.index(second)),
        claim(path="draft.md", text="12 hectares", value=12.0, unit="hectare", sentence="x"),
    )


def test_arithmetic_shares_over_100():
    rule = make_rule("arithmetic", "shares of one whole add up to {total} ({parts})")
    findings = run(rule, poll_claims(), {"draft.md"})
    assert [(f.path, f.line, f.col, f.start, f.type, f.message) for f in findings] == [
        ("draft.md", 14, 33, 532, "arithmetic", "shares of one whole add up to 107% (62% + 45%)")]
    assert [c["text"] for c in findings[0].claims] == ["62% of residents", "45% opposed"]


@pytest.mark.parametrize("sentence, first, second, lang", [
    ("Support rose from 45% to 62% in a year.", "45%", "62%", "en"),
    ("Il sostegno è passato in un anno da 45% a 62%.", "45%", "62%", "it"),
])
def test_arithmetic_skips_changes(sentence, first, second, lang):
    claims = poll_claims(sentence, first, second, lang)
    assert run(make_rule("arithmetic", "{total}"), claims, {"draft.md"}) == []


def test_arithmetic_tolerance_and_lower_bounds():
    within = poll_claims(values=(55.4, 45.4))
    assert run(make_rule("arithmetic", "{total}"), within, {"draft.md"}) == []
    assert [f.message for f in run(make_rule("arithmetic", "{total}", tolerance=0.5), within,
                                   {"draft.md"})] == ["100.8%"]
    approx = poll_claims(values=(55.0, 47.0))
    approx.loc[[0, 1], "value_min"] = [52.25, 44.65]
    assert run(make_rule("arithmetic", "{total}"), approx, {"draft.md"}) == []


def test_arithmetic_shares_of_different_sentences_are_not_added():
    claims = poll_claims()
    claims.loc[1, "sentence_start"] = 700
    assert run(make_rule("arithmetic", "{total}"), claims, {"draft.md"}) == []


def test_arithmetic_parts_exceeding_their_whole():
    rows = [claim(path="q.md", text="1,310 deaths", value=1310.0, sentence="x"),
            claim(path="q.md", text="800 in Norta", value=800.0, sentence="x", part_of="c0"),
            claim(path="q.md", text="600 in Suda", value=600.0, sentence="x", part_of="c0")]
    rule = make_rule("arithmetic", "parts add up to {total} ({parts}), more than {whole}",
                     shares=False)
    findings = run(rule, frame(*rows), {"q.md"})
    assert [f.message for f in findings] == ["parts add up to 1,400 (800 + 600), more than 1,310"]
    assert [c["text"] for c in findings[0].claims] == ["1,310 deaths", "800 in Norta", "600 in Suda"]
    loose = make_rule("arithmetic", "{total}", part_tolerance=0.1)
    assert run(loose, frame(*rows), {"q.md"}) == []


# --- lint -------------------------------------------------------------------------------------

def test_lint_sorts_selects_and_reports_only_targets():
    claims = pd.concat([nk_claims(), poll_claims()], ignore_index=True)
    rules = [make_rule("unsourced", "{text}"), make_rule("arithmetic", "{total}")]
    findings = lint(claims, rules, {"wire.md", "draft.md"})
    assert [(f.path, f.line, f.col, f.rule) for f in findings] == [
        ("draft.md", 1, 1, "test-unsourced"),
        ("draft.md", 14, 33, "test-arithmetic"),
        ("draft.md", 14, 33, "test-unsourced"),
        ("draft.md", 14, 73, "test-unsourced"),
        ("wire.md", 9, 1, "test-unsourced"),
        ("wire.md", 9, 85, "test-unsourced"),
    ]
    assert {f.rule for f in lint(claims, rules, {"draft.md"}, select=["arithmetic"])} == {"test-arithmetic"}
    assert {f.path for f in lint(claims, rules, {"wire.md"}, ignore=["test-arithmetic"])} == {"wire.md"}


def test_name_variant_ignores_two_words_of_the_dictionary():
    """"Germany" and "German" are both English words (simplemma's dictionary): a country and
    its adjective, not one name spelled two ways; "Zelenskyy" still differs from "Zelensky"."""
    rows = [claim(path="a.md", text="35,000 jobs", value=35000.0, entities="Germany"),
            claim(path="b.md", text="35,000 jobs", value=35000.0, entities="German")]
    assert run(make_rule("name-variant", "{name}"), frame(*rows), {"a.md", "b.md"}) == []
