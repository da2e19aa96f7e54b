"""The input stage: bytes in, Articles and Failures out, with offsets that point into the file."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.article import Article, Failure
from checker.readers import ARTICLE_EXTENSIONS, Defaults, parse_file
from checker.readers.decode import DecodeError, decode_bytes
from checker.readers.frontmatter import normalize_date
from checker.readers.langid import normalize_lang, supported_languages
from checker.readers.markdown import mask_markdown

DATA = Path(__file__).parent / "data" / "readers"
EN = "The army said on Friday that 1,500 soldiers were sent to the border region."
IT = "Secondo il servizio di intelligence sudcoreano, circa 1.500 soldati sono stati inviati in Russia."
ES = "Según el servicio de inteligencia, unos 1.500 soldados fueron enviados a Rusia la semana pasada."


def read(name: str, data: bytes | str, defaults: Defaults | None = None) -> tuple[list[Article], list[Failure]]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return parse_file(name, data, defaults or Defaults())


def one(name: str, data: bytes | str, defaults: Defaults | None = None) -> Article:
    articles, failures = read(name, data, defaults)
    assert failures == [] and len(articles) == 1, failures
    return articles[0]


def failure(name: str, data: bytes | str, defaults: Defaults | None = None) -> str:
    articles, failures = read(name, data, defaults)
    assert articles == [] and len(failures) == 1, (articles, failures)
    return str(failures[0])


def fixture(name: str) -> tuple[list[Article], list[Failure]]:
    path = str(DATA / name)
    return parse_file(path, (DATA / name).read_bytes(), Defaults())


# ----------------------------------------------------------------------------- decoding


def test_utf8_bom_is_stripped_and_offsets_count_characters_after_it():
    data = "\ufeff---\r\nlang: it\r\n---\r\nCaffè: " + IT + "\r\n"
    a = one("a.md", data.encode("utf-8"))
    assert not a.text.startswith("\ufeff")
    assert a.text == data[1:]
    i = a.text.index("1.500")
    assert a.text[i:i + 5] == a.body[i:i + 5] == "1.500"
    assert a.line_col(i) == (4, a.text.split("\r\n")[3].index("1.500") + 1)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec):
    text = "Caffè e " + IT
    bom = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-32": b""}[codec]
    a = one("a.txt", bom + text.encode(codec))
    assert a.text == text and a.lang == "it"


def test_cp1252_is_accepted_when_it_reads_as_prose():
    assert decode_bytes((DATA / "cp1252.txt").read_bytes()).encoding == "cp1252"
    (a,), _ = fixture("cp1252.txt")
    assert a.text.startswith("Il caffè costa 1,20 €: lo ha detto l’esercito")


def test_undecodable_bytes_name_the_byte_and_offset():
    assert failure("a.md", b"ok line\n\x81\x8d\x90 bytes") == (
        "a.md:2: cannot decode as UTF-8 (byte 0x81 at offset 8); save the file as UTF-8"
    )
    # Cyrillic written in cp1251 decodes under cp1252 as mojibake: refused, not guessed.
    cyrillic = "Армия заявила в пятницу".encode("cp1251")
    assert "cannot decode as UTF-8 (byte 0xc0 at offset 0)" in failure("a.md", cyrillic)


def test_html_declared_charset_is_honoured():
    src = '<html><head><meta charset="iso-8859-1"></head><body><p>Caff\xe8 ' + IT + "</p></body></html>"
    a = one("a.html", src.encode("latin-1"))
    assert a.body.startswith("Caffè Secondo")


def test_nul_byte_means_binary():
    assert failure("a.md", b"abc\ndef\x00ghi") == (
        "a.md:2: binary file? (NUL byte at offset 7; if it is UTF-16 text, save it with a BOM or as UTF-8)"
    )


def test_decode_error_is_an_exception_with_line():
    with pytest.raises(DecodeError) as e:
        decode_bytes(b"\xff\xfe\x00")  # UTF-16 BOM with an odd byte count
    assert "cannot decode as UTF-16-LE" in e.value.message


@pytest.mark.parametrize("data", [b"", b"   \n\r\n", b"---\ntitle: x\n---\n\n  \n", b"<!-- only a comment -->\n"])
def test_empty_article(data):
    assert failure("a.md", data) == "a.md: empty article"


# ----------------------------------------------------------------------------- markdown body


def test_crlf_is_kept_and_body_has_the_same_length():
    data = "---\r\noutlet: ANSA\r\nlang: en\r\n---\r\n## Heading\r\n\r\n" + EN + "\r\n"
    a = one("a.md", data)
    assert a.text == data and "\r\n" in a.body
    assert len(a.body) == len(a.text)
    assert a.body.count("\r") == a.text.count("\r") and a.body.count("\n") == a.text.count("\n")
    i = a.body.index("1,500")
    assert a.text[i:i + 5] == "1,500"
    assert a.line_col(i) == (7, EN.index("1,500") + 1)
    assert a.body[: a.text.index("## Heading")].strip() == ""  # front matter blanked


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("# Title #\n", "  Title  \n"),
        ("Some **bold** and _it_ and *em* and ~~gone~~ text\n", "Some   bold   and  it  and  em  and   gone   text\n"),
        ("snake_case and 5 * 3 and ~1,500\n", "snake_case and 5 * 3 and ~1,500\n"),
        ("See [the report](https://x.org/a_(b) \"T\") now\n", "See  the report" + " " * 27 + "now\n"),
        ("See [the report][nis] now\n", "See  the report       now\n"),
        ("![a chart with 42 bars](chart.png) after\n", "                                   after\n"),
        ("Use `x = 3000` here\n", "Use            here\n"),
        ("```python\nx = 3000\n```\nafter\n", "         \n        \n   \nafter\n"),
        ("a <!-- 999\nsoldiers --> b\n", "a" + " " * 9 + "\n" + " " * 13 + "b\n"),
        ("a <span class=\"n\">1,500</span> b\n", "a                 1,500        b\n"),
        ("> quoted 12\n> > nested\n", "  quoted 12\n    nested\n"),
        ("- one\n* two\n+ three\n", "  one\n  two\n  three\n"),
        ("1. first\n2) second\n", "   first\n   second\n"),
        ("He said:\n1500. That is the count\n", "He said:\n1500. That is the count\n"),
        ("[nis]: https://nis.go.kr \"NIS\"\nText\n", " " * 30 + "\nText\n"),
        ("Text[^1] more\n\n[^1]: A note\n", "Text     more\n\n      A note\n"),
        ("Visit https://example.org/a_b. Or www.x.org!\n", "Visit" + " " * 24 + ". Or" + " " * 10 + "!\n"),
        ("<https://x.org> and an \\*escaped\\* star\n", "                and an  *escaped * star\n"),
        ("| a | b |\n|---|--:|\n| 1 | 2 |\n", "  a   b  \n         \n  1   2  \n"),
        ("Title\n=====\n\n***\n", "Title\n     \n\n   \n"),
        ("{{< figure src=\"x\" >}} and {% raw %}\n", " " * 23 + "and" + " " * 10 + "\n"),
        ("- [x] done 3\n", "      done 3\n"),
    ],
)
def test_markdown_markup_is_blanked(markdown, expected):
    body = mask_markdown(markdown)
    assert body == expected
    assert len(body) == len(markdown)


def test_plain_text_keeps_markup():
    (a,), failures = fixture("plain.txt")
    assert failures == []
    assert "*1,500*" in a.body and "# not a heading" in a.body and "[this](bracket)" in a.body
    assert a.body[: a.text.index("North")].strip() == ""
    assert len(a.body) == len(a.text)


def test_title_falls_back_to_first_heading():
    a = one("a.md", "---\nlang: en\n---\n# The *big* story\n\n" + EN)
    assert a.title == "The big story"


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "[a](b" + " " * 100_000, "<!--" * 50_000, "{{" * 50_000, "`" * 1000 + "x" + "``" * 1000,
     "*a " * 50_000, "<a " * 50_000, "#" + " #" * 50_000, "[a](" + "(" * 50_000, "!" * 1 + "[a](" + "a(" * 50_000],
)
def test_masking_is_linear_on_pathological_input(text):
    start = time.perf_counter()
    assert len(mask_markdown(text)) == len(text)
    assert time.perf_counter() - start < 2.0


# ----------------------------------------------------------------------------- front matter


def test_yaml_aliases_and_meta():
    (a,), failures = fixture("yaml-aliases.md")
    assert failures == []
    assert (a.outlet, a.published, a.lang) == ("Gazzetta del Nord", "2024-10-19", "it")
    assert (a.title, a.url) == ("Soldati nordcoreani in Russia", "https://example.org/gazzetta/soldati")
    assert a.meta == (("tags", '["esteri", "corea"]'), ("draft", "false"))
    i = a.text.index("1.500")
    assert a.body[i:i + 12] == "1.500 soldat"


def test_toml_front_matter():
    (a,), _ = fixture("toml.md")
    assert (a.outlet, a.published, a.lang, a.title) == ("Wire Post", "2025-03-05", "en", "Valdoria quake toll rises")
    assert a.meta == (("tags", '["quake", "valdoria"]'),)


def test_json_front_matter():
    (a,), _ = fixture("json.md")
    assert (a.outlet, a.published, a.lang, a.title) == ("El Cronista", "2025-03-04", "es", "Terremoto en Valdoria")
    assert a.body.lstrip().startswith("Al menos 98")
    assert len(a.body) == len(a.text)


def test_defaults_fill_missing_fields_and_file_wins():
    d = Defaults(outlet="Default Outlet", published="2024-01-02", lang="en")
    a = one("a.md", "---\noutlet: Own Outlet\n---\n" + EN, d)
    assert (a.outlet, a.published, a.lang) == ("Own Outlet", "2024-01-02", "en")
    a = one("a.md", "---\nlang: it\n---\n" + IT, d)
    assert a.lang == "it"


def test_custom_aliases():
    d = Defaults(aliases={"outlet": ("testata",), "published": ("uscita",)})
    a = one("a.md", "---\ntestata: Il Foglio\nuscita: 2024-10-19\nlang: it\n---\n" + IT, d)
    assert (a.outlet, a.published) == ("Il Foglio", "2024-10-19")
    a = one("a.md", "---\noutlet: ANSA\nlang: it\n---\n" + IT, d)  # the canonical name always works
    assert a.outlet == "ANSA"


def test_yaml_scalars_are_taken_as_written():
    a = one("a.md", "---\nid: 1.10\nlang: en\noutlet: 2024\n---\n" + EN)
    assert (a.id, a.outlet) == ("1.10", "2024")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-10-19", "2024-10-19"),
        ("2024-10-19T01:00:00+02:00", "2024-10-19"),
        ("2024-10-19 23:30:00", "2024-10-19"),
        ("2024-10-19T10:00:00.123456789Z", "2024-10-19"),
        ("'2024/10/19'", "2024-10-19"),
        ("Sat, 19 Oct 2024 10:00:00 GMT", "2024-10-19"),
        ("19 Oct 2024 10:00 +0200", "2024-10-19"),
    ],
)
def test_dates_are_normalised(value, expected):
    a = one("a.md", f"---\ndate: {value}\nlang: en\n---\n" + EN)
    assert a.published == expected


def test_normalize_date_values():
    import datetime as dt

    assert normalize_date(dt.date(2024, 10, 19)) == "2024-10-19"
    assert normalize_date(dt.datetime(2024, 10, 19, 23, 0, tzinfo=dt.timezone.utc)) == "2024-10-19"
    assert normalize_date("yesterday") is None
    assert normalize_date("2024-02-30") is None
    assert normalize_date(True) is None


def test_lang_is_normalised():
    assert [normalize_lang(x) for x in ("it-IT", "it_IT", "IT", "en_US.UTF-8", "es")] == ["it", "it", "it", "en", "es"]
    assert one("a.md", "---\nlocale: es_ES\n---\n" + ES).lang == "es"


@pytest.mark.parametrize(
    "data, message",
    [
        ("---\ntitle: x\noutlet: a: b\n---\nText",
         "a.md:3: invalid YAML front matter: mapping values are not allowed here"),
        ("---\ntitle: x\nText without end\n",
         "a.md:1: front matter opened with '---' is never closed (expected a closing '---' line)"),
        ("+++\ntitle = 'x'\n",
         "a.md:1: front matter opened with '+++' is never closed (expected a closing '+++' line)"),
        ("---\nlang: en\nx: !!python/object/apply:os.system ['echo hi']\n---\nText",
         "a.md:3: invalid YAML front matter: tag '!!python/object/apply:os.system' is not allowed (only plain values)"),
        ("---\nx: !!python/object:os.system {}\n---\nText",
         "a.md:2: invalid YAML front matter: tag '!!python/object:os.system' is not allowed (only plain values)"),
        ("---\nlang: en\ndate: next friday\n---\nText",
         "a.md:3: 'date': 'next friday' is not a date (expected a date like 2024-10-19, "
         "2024-10-19T10:00:00+02:00 or Sat, 19 Oct 2024 10:00:00 GMT)"),
        ("---\npublished: 2024-13-45\n---\nText",
         "a.md:2: 'published': '2024-13-45' is not a date (expected a date like 2024-10-19, "
         "2024-10-19T10:00:00+02:00 or Sat, 19 Oct 2024 10:00:00 GMT)"),
        ("---\nlang: en\noutlet: [ANSA, Reuters]\n---\nText",
         "a.md:3: 'outlet' must be a single value, not a list (got [\"ANSA\", \"Reuters\"])"),
        ("---\n- a\n- b\n---\nText", "a.md:2: front matter must be a mapping of 'key: value' lines, not a list"),
        ("---\ndate: 2024-10-19\nlang: en\ndate: 2024-10-20\n---\nText",
         "a.md:4: duplicate key 'date' in front matter (first at line 2)"),
        ("+++\ntitle = \"x\"\nlang = \n+++\nText", "a.md:3: invalid TOML front matter: Invalid value"),
        ('{"title": "x",\n "lang": }\nText', "a.md:2: invalid JSON front matter: Expecting value"),
        ('{"title": "x"} trailing\nText',
         "a.md:1: unexpected text after the JSON front matter (expected a line break after the closing '}')"),
        ("---\nlang: xx\n---\n" + EN,
         "a.md:2: unknown language 'xx' (from front matter 'lang'; expected an ISO 639 code such as "
         + ", ".join(supported_languages()) + ", or any other language CLDR knows)"),
        ("---\na: " + "[" * 3000 + "]" * 3000 + "\n---\nText", "a.md:2: invalid YAML front matter: nested too deeply"),
    ],
)
def test_front_matter_failures(data, message):
    assert failure("a.md", data) == message


def test_yaml_alias_bomb_is_refused_like_in_rule_files():
    bomb = "---\nlang: en\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    ) + "---\n" + EN
    assert failure("a.md", bomb) == ("a.md:2: invalid YAML front matter: aliases refer to themselves "
                                     "or expand to more than 10,060 values (it has 30 as written)")


# ----------------------------------------------------------------------------- language


def test_supported_languages_come_from_the_lang_directory():
    langs = supported_languages()
    assert {"en", "es", "it"} <= set(langs) and list(langs) == sorted(langs)


@pytest.mark.parametrize("text, lang", [(EN, "en"), (IT, "it"), (ES, "es")])
def test_language_is_detected(text, lang):
    assert one("a.txt", text).lang == lang


def test_a_language_without_data_is_read_with_a_notice():
    text = "Het leger zei vrijdag dat 1.500 soldaten naar de grens in het noorden zijn gestuurd."
    articles, failures = read("a.txt", text)
    assert [a.lang for a in articles] == ["nl"]
    assert [(str(f), f.notice) for f in failures] == [
        ("a.txt: partial: no language data for 'nl'; figures only", True)]


def test_too_little_text_to_detect():
    assert failure("a.txt", "1,500 troops.") == (
        "a.txt: cannot detect language: too little text (6 letters); set lang: in the front matter or --lang"
    )
    assert one("a.txt", "1,500 troops.", Defaults(lang="en")).lang == "en"


def test_unknown_default_language():
    assert failure("a.txt", EN, Defaults(lang="xx")) == (
        "a.txt: unknown language 'xx' (from --lang; expected an ISO 639 code such as "
        + ", ".join(supported_languages()) + ", or any other language CLDR knows)"
    )


# ----------------------------------------------------------------------------- HTML


def test_html_metadata_and_extraction():
    (a,), failures = fixture("article.html")
    assert failures == []
    assert a.outlet == "Daily Ledger"
    assert a.published == "2025-03-04"  # the date as written, not converted to UTC
    assert (a.lang, a.title, a.url) == ("en", "Valdoria quake: toll rises to 112", "https://example.org/ledger/quake")
    assert a.meta == (("author", "A. Reporter"),)
    assert a.body == (
        "At least 112 people were killed & 40\xa0km of road were closed, officials said.\n\n"
        "AT&T pledged €5 million.\n\nThe Red Cross sent 300 volunteers.\n\nRome\n\nMadrid\n\nRescuers in 2 towns"
    )
    for excluded in ("Home", "Headline", "999", "Advertisement", "©", "color", "var headline"):
        assert excluded not in a.body
    assert a.text == (DATA / "article.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("word", ["112", "killed", "40", "km", "were closed", "officials", "AT", "pledged", "5 million",
                                  "Red Cross", "300", "Madrid", "Rescuers"])
def test_html_anchors_map_body_words_back_to_the_source(word):
    (a,), _ = fixture("article.html")
    b = a.body.index(word)
    t = a.to_text_offset(b)
    assert a.text[t:t + len(word)] == word
    line, col = a.line_col(t)
    assert a.text.splitlines()[line - 1][col - 1:col - 1 + len(word)] == word


def test_html_anchors_are_monotonic_and_entities_map_to_their_source():
    (a,), _ = fixture("article.html")
    assert list(a.anchors) == sorted(a.anchors)
    assert all(b1 < b2 and t1 <= t2 for (b1, t1), (b2, t2) in zip(a.anchors, a.anchors[1:]))
    amp = a.to_text_offset(a.body.index("&"))
    assert a.text[amp:amp + 5] == "&amp;"
    euro = a.to_text_offset(a.body.index("€"))
    assert a.text[euro:euro + 6] == "&euro;"


def test_html_crlf_source():
    src = ("<html lang=it><body>\r\n<p>Primo paragrafo,\r\nsecondo 1.500 soldati &amp; altro.</p>\r\n"
           "<p>Fine 3.000.</p></body></html>")
    a = one("a.html", src)
    assert a.body == "Primo paragrafo, secondo 1.500 soldati & altro.\n\nFine 3.000."
    for word in ("1.500", "altro", "3.000"):
        t = a.to_text_offset(a.body.index(word))
        assert a.text[t:t + len(word)] == word


def test_html_prefers_article_then_main_then_body():
    base = "<html lang=en><body><p>Outside text that is long enough to be chosen.</p>{}</body></html>"
    a = one("a.html", base.format("<main><p>" + EN + "</p></main>"))
    assert a.body == EN
    a = one("a.html", base.format("<main><p>Main.</p><article><p>" + EN + "</p></article></main>"))
    assert a.body == EN
    a = one("a.html", base.format(""))
    assert a.body == "Outside text that is long enough to be chosen."


def test_html_article_with_most_text_and_repeated_text_elsewhere():
    src = ("<html lang=en><body><article><p>Teaser.</p></article><p>" + EN + "</p>"
           "<article><p>" + EN + "</p></article></body></html>")
    a = one("a.html", src)
    assert a.body == EN
    t = a.to_text_offset(0)
    assert t == src.rindex(EN)  # the copy inside the chosen <article>, not the earlier one


def test_html_json_ld_and_time_fallback():
    src = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [
      {"@type": "Organization", "@id": "#org", "name": "El Cronista"},
      {"@type": "NewsArticle", "headline": "Terremoto", "inLanguage": "es-ES", "publisher": {"@id": "#org"}}]}
    </script></head><body><article><time datetime="2025-03-04T09:00">4 de marzo</time><p>"""
    src += ES + "</p></article></body></html>"
    a = one("a.html", src)
    assert (a.outlet, a.title, a.lang, a.published) == ("El Cronista", "Terremoto", "es", "2025-03-04")


def test_html_failures():
    assert failure("a.html", "<html><body><nav>menu only</nav></body></html>") == (
        "a.html: empty article (no text in <body>)"
    )
    assert failure("a.html", "<html lang=xx><body><p>" + EN + "</p></body></html>") == (
        "a.html: unknown language 'xx' (from <html lang>; expected an ISO 639 code such as "
        + ", ".join(supported_languages()) + ", or any other language CLDR knows)"
    )


def test_deeply_nested_html_does_not_crash():
    src = "<html lang=en><body>" + "<div>" * 10_000 + EN + "</div>" * 10_000 + "</body></html>"
    a = one("a.html", src)
    assert a.body == EN
    assert a.text[a.to_text_offset(0):].startswith(EN)


def test_file_without_extension_is_sniffed():
    assert one("README", "<!DOCTYPE html><html lang=en><body><p>" + EN + "</p></body></html>").body == EN
    assert one("NOTES", "# " + EN).body.strip() == EN


def test_unsupported_extension():
    assert failure("a.docx", b"PK\x03\x04") == (
        "a.docx: unsupported file type '.docx' (supported: " + ", ".join(sorted(ARTICLE_EXTENSIONS)) + ")"
    )


# ----------------------------------------------------------------------------- JSON Lines


def test_jsonl_good_and_bad_lines():
    articles, failures = fixture("feed.jsonl")
    path = str(DATA / "feed.jsonl")
    assert [str(f) for f in failures] == [
        f"{path}:4: invalid JSON: Expecting ',' delimiter (column 40)",
        f"{path}:5: expected a JSON object, got an array",
        f'{path}:6: missing "text" (the article text; also accepted: "body", "content", "article_body", "articleBody")',
    ]
    assert [(a.id, a.outlet, a.published, a.lang, a.line_base) for a in articles] == [
        ("wp-1", "Wire Post", "2024-10-21", "en", 0),
        ("line 3", "Corriere Orientale", "2024-10-20", "it", 2),
        ("line 7", None, None, "es", 6),
    ]
    assert all(a.path == path and a.text == a.body for a in articles)
    assert articles[2].meta == (("section", "mundo"), ("tags", '["quake"]'))
    a = articles[1]
    assert a.line_col(a.text.index("1.500")) == (3, a.text.index("1.500") + 1)


def test_jsonl_record_failures():
    data = "\n".join([
        '{"text": 5}',
        '{"text": "' + EN + '", "lang": "xx"}',
        '{"text": "' + EN + '", "date": "soon"}',
        '{"text": "   "}',
        "[" * 5000 + "]" * 5000,
    ])
    articles, failures = read("f.ndjson", data)
    assert articles == []
    assert [str(f) for f in failures] == [
        'f.ndjson:1: "text" must be a string, not a number',
        "f.ndjson:2: unknown language 'xx' (from record 'lang'; expected an ISO 639 code such as "
        + ", ".join(supported_languages()) + ", or any other language CLDR knows)",
        "f.ndjson:3: 'date': 'soon' is not a date (expected a date like 2024-10-19, "
        "2024-10-19T10:00:00+02:00 or Sat, 19 Oct 2024 10:00:00 GMT)",
        "f.ndjson:4: empty article",
        "f.ndjson:5: invalid JSON: nested too deeply",
    ]
    assert [str(f) for f in read("f.jsonl", "\n\n")[1]] == ["f.jsonl: empty file: no JSON records"]


# ----------------------------------------------------------------------------- properties

EXTENSIONS = sorted(ARTICLE_EXTENSIONS) + ["", ".pdf"]
MARKDOWNISH = st.text(alphabet=st.sampled_from(list("ab1 .,#*_`~-+>[]()!<>/:\\|{}%&;=\r\n\t\ufeffè€")), max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_never_raise(data, ext):
    articles, failures = parse_file("x" + ext, data, Defaults())
    assert articles or failures
    assert all(isinstance(a, Article) for a in articles) and all(isinstance(f, Failure) for f in failures)
    assert not any(f.message.startswith("internal error") for f in failures)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MARKDOWNISH, ext=st.sampled_from([".md", ".txt", ".html", ".jsonl"]))
def test_arbitrary_text_gives_consistent_articles(text, ext):
    prefix = "---\nlang: en\n---\n" if ext in (".md", ".txt") else ""
    articles, failures = parse_file("x" + ext, (prefix + text).encode("utf-8"), Defaults(lang="en"))
    assert not any(f.message.startswith("internal error") for f in failures)
    for a in articles:
        if ext in (".md", ".txt"):
            assert len(a.body) == len(a.text)
            assert [i for i, c in enumerate(a.body) if c in "\r\n"] == [i for i, c in enumerate(a.text) if c in "\r\n"]
        if ext == ".html":
            assert all(b1 < b2 and t1 <= t2 for (b1, t1), (b2, t2) in zip(a.anchors, a.anchors[1:]))
            assert all(0 <= t <= len(a.text) for _, t in a.anchors)


@settings(max_examples=500, deadline=None)
@given(text=MARKDOWNISH)
def test_mask_markdown_keeps_length_and_line_breaks(text):
    body = mask_markdown(text)
    assert len(body) == len(text)
    for c, d in zip(text, body):
        assert d == c or d == " "
        assert (c in "\r\n") == (d in "\r\n")


@st.composite
def html_documents(draw):
    """Random nested HTML whose words are unique tokens, with entities, comments and CRLF between."""
    counter = iter(range(10_000))
    glue = st.sampled_from([" ", "\r\n  ", " &amp; ", "&nbsp;", " <!-- w999 --> ", "<br>", " &#8364; ", "\n"])
    inline = st.sampled_from(["span", "b", "em", "a"])
    block = st.sampled_from(["p", "div", "blockquote", "section", "h2"])

    def words() -> str:
        return draw(glue).join(f"w{next(counter)}" for _ in range(draw(st.integers(1, 4))))

    def node(depth: int) -> str:
        kind = draw(st.sampled_from(["text", "inline", "block", "skip", "table", "pre"] if depth < 6 else ["text"]))
        if kind == "text":
            return words()
        if kind == "skip":
            return draw(st.sampled_from(["<nav>w9998 w9999</nav>", "<script>var w9997 = 1;</script>",
                                         "<aside hidden>w9996</aside>"]))
        if kind == "table":
            return f"<table>\r\n<tr><td>{words()}</td><td>{node(depth + 1)}</td></tr>\r\n</table>"
        if kind == "pre":
            return f"<pre>\r\n{words()}\r\n  {words()}</pre>"
        tag = draw(inline if kind == "inline" else block)
        inner = draw(glue).join(node(depth + 1) for _ in range(draw(st.integers(1, 3))))
        return f"<{tag} class='c'>{inner}</{tag}>"

    nodes = [node(0) for _ in range(draw(st.integers(1, 4)))]
    return "<!DOCTYPE html>\r\n<html lang=en><body>\r\n" + "\r\n".join(nodes) + "\r\n<p>wlast</p></body></html>"


@settings(max_examples=200, deadline=None)
@given(src=html_documents())
def test_html_anchors_find_every_word_in_the_source(src):
    articles, failures = parse_file("x.html", src.encode("utf-8"), Defaults(lang="en"))
    assert failures == []
    (a,) = articles
    for m in re.finditer(r"w\d+", a.body):
        t = a.to_text_offset(m.start())
        assert re.match(re.escape(m.group(0)) + r"\b", a.text[t:]), (m.group(0), a.text[t:t + 20])
    assert not re.search(r"w999\d?\b", a.body)


FRONT_MATTERISH = st.lists(
    st.sampled_from(list("ab1 :-[]{},!&*|>'\"#%@`?=+.\n\t\r\u2028")
                    + ["!!python/object:os.system ", "<<", "2024-13-45", "lang", "date", "~", "true", "\n  "]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(fm=FRONT_MATTERISH, opener=st.sampled_from(["---", "+++", "{"]))
def test_arbitrary_front_matter_gives_articles_or_failures(fm, opener):
    closer = {"---": "---", "+++": "+++", "{": "}"}[opener]
    data = f"{opener}\n{fm}\n{closer}\n{EN}\n".encode("utf-8")
    articles, failures = parse_file("x.md", data, Defaults(lang="en"))
    assert len(articles) + len(failures) == 1
    assert not any(f.message.startswith("internal error") for f in failures)
    for f in failures:
        assert f.line is None or 1 <= f.line <= data.count(b"\n") + 1
