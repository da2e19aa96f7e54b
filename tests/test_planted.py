"""Small correct articles of one story in every supported language (a toll over several days
and by town, a river that rose then fell, a budget with its parts, election results, an amount
in two currencies) give no finding; each change planted in the draft gives exactly its
findings, at the changed figure. The articles and changes are in `tests/planted/<lang>.yaml`."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker import api

HERE = Path(__file__).parent / "planted"
TYPES = ["contradiction", "date-conflict", "source-conflict", "arithmetic"]
STORIES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(HERE.glob("*.yaml"))}
PLANTED = [(lang, i) for lang, story in STORIES.items() for i in range(len(story["planted"]))]


def lint_pair(folder: Path, wire: str, draft: str):
    folder.mkdir()
    (folder / "wire.md").write_text(wire, encoding="utf-8")
    (folder / "draft.md").write_text(draft, encoding="utf-8")
    return api.lint(str(folder / "draft.md"), against=[str(folder / "wire.md")], select=TYPES)


def test_every_supported_language_has_a_story():
    assert set(STORIES) == {"de", "en", "es", "fr", "it", "pt"}


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_correct_articles_give_no_finding(lang, tmp_path):
    story = STORIES[lang]
    assert lint_pair(tmp_path / "pair", story["wire"], story["draft"]).empty
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "wire.md").write_text(story["wire"], encoding="utf-8")
    assert api.lint(str(alone / "wire.md"), select=TYPES).empty


@pytest.mark.parametrize("lang,index", PLANTED)
def test_a_planted_change_gives_exactly_its_findings(lang, index, tmp_path):
    story = STORIES[lang]
    change = story["planted"][index]
    assert story["draft"].count(change["from"]) == 1
    draft = story["draft"].replace(change["from"], change["to"])
    found = lint_pair(tmp_path / "pair", story["wire"], draft)
    expected = change["rule"] if isinstance(change["rule"], list) else [change["rule"]]
    assert sorted(found["rule"]) == sorted(expected)
    at = draft.index(change["at"])
    for row in found.itertuples():
        assert row.path.endswith("draft.md")
        assert row.start <= at < row.end, (row.rule, row.message)
