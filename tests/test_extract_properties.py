"""Extraction never raises, keeps its spans inside the text, and is deterministic."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import extract_text
from checker.language import supported_languages

FRAGMENTS = ["1.500", "1,500", "circa", "about", "más de", "tra", "e", "and", "-", "–", "ottobre",
             "October", "lunedì", "Friday", "scorso", "last", "secondo", "said", "according to",
             "12mila", "$", "€", "%", "per cento", "km", "miles", "diecimila", "four", "(NIS)",
             "l’8", "\r\n", "\n\n", ". ", ", ", "2024", "3:42", "G7", "1e999", "NaN", "1.1.1.1"]
texty = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(texty, st.text(max_size=400)), code=st.sampled_from(supported_languages()),
       published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_any_text_gives_claims_inside_it(text, code, published):
    frame = extract_text(text, lang=code, published=published)
    for row in frame.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start:row.end] == row.text
        assert 1 <= row.line and 1 <= row.col
    again = extract_text(text, lang=code, published=published)
    assert frame["claim_id"].tolist() == again["claim_id"].tolist()
