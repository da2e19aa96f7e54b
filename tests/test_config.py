"""The configuration file: discovery, every key, command-line precedence, validation errors."""
from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.init import STARTER, init_command
from checker.cli.lint import lint_command
from checker.config import CONFIG_KEYS, Config, expand_globs, find_config, parse_config
from checker.ruleset import RuleError

GRID = ("Some 1,200 homes in the harbour district of Port Alder were without power on Monday, "
        "according to Alder Grid.")
OURS = ("About 3,400 homes in the harbour district of Port Alder were without power on Monday, "
        "according to Alder Grid.")
UNSOURCED = "More than 150 volunteers cleared mud in Port Alder on Tuesday."


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def article(path: Path, body: str, **front: str) -> Path:
    meta = {"lang": "en", "published": "2025-03-10", **front}
    head = "".join(f"{k}: {v}\n" for k, v in meta.items())
    return write(path, f"---\n{head}---\n\n{body}\n")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A newsroom folder as the working directory: our article, a wire, an unsourced figure."""
    article(tmp_path / "content" / "homes.md", OURS, outlet="Port Alder Gazette")
    article(tmp_path / "content" / "volunteers.md", UNSOURCED, outlet="Port Alder Gazette")
    article(tmp_path / "wires" / "northwind.md", GRID, outlet="Northwind Wire")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(*args: str):
    return CliRunner().invoke(lint_command, list(args))


def rules_of(result) -> list[tuple[str, str]]:
    doc = json.loads(result.stdout)
    return [(os.path.basename(f["path"]), f["rule"]) for f in doc["findings"]]


# --- discovery --------------------------------------------------------------------------------

def test_found_from_the_working_directory_upward(tmp_path, monkeypatch):
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_config() is None or not str(find_config()).startswith(str(tmp_path))
    write(tmp_path / "a" / ".checker.yaml", "fail_on: info\n")
    assert os.path.samefile(find_config(), tmp_path / "a" / ".checker.yaml")
    write(tmp_path / "a" / "checker.yaml", "fail_on: warning\n")  # preferred in the same folder
    assert os.path.samefile(find_config(), tmp_path / "a" / "checker.yaml")
    write(tmp_path / "a" / "b" / "c" / ".checker.yaml", "")      # the nearest folder wins
    assert find_config() == ".checker.yaml"


def test_paths_are_relative_to_the_config_file():
    config = parse_config("rules: [my-rules]\nagainst: ['wires/**/*.md']\nbaseline: b.json\n"
                          "gazetteer: [sources.yaml]\n", os.path.join("repo", "checker.yaml"))
    assert config.rules == (os.path.join("repo", "my-rules"),)
    assert config.against == (os.path.join("repo", "wires", "**", "*.md"),)
    assert config.baseline == os.path.join("repo", "b.json")
    assert config.gazetteer_files == (os.path.join("repo", "sources.yaml"),)


def test_empty_and_comment_only_files_configure_nothing():
    assert parse_config("", "c.yaml") == Config(path="c.yaml")
    assert parse_config("# nothing yet\n", "c.yaml") == Config(path="c.yaml")


def test_every_key_is_read():
    config = parse_config(textwrap.dedent("""
        rules: r
        select: "contradiction, unsourced"
        ignore: [name-variant]
        overrides: {unsourced-figure: {severity: info}}
        against: [wires/]
        include: ["*.md"]
        exclude: [_index.md]
        defaults: {lang: EN, outlet: Port Alder Gazette}
        front_matter: {published: [date, publishDate], outlet: publisher}
        fail_on: warning
        baseline: .baseline.json
        gazetteer: {Alder Grid: {aliases: [the grid company]}}
        trust: [wires/, archive/]
        trust_severity: warning
    """), "checker.yaml")
    assert config.select == ("contradiction", "unsourced")
    assert config.ignore == ("name-variant",)
    assert config.overrides == {"unsourced-figure": {"severity": "info"}}
    assert (config.lang, config.outlet) == ("en", "Port Alder Gazette")
    assert config.aliases == {"published": ("date", "publishDate"), "outlet": ("publisher",)}
    assert (config.fail_on, config.baseline) == ("warning", ".baseline.json")
    assert config.gazetteer == {"Alder Grid": {"aliases": ["the grid company"]}}
    assert (config.trust, config.trust_severity) == (("wires", "archive"), "warning")
    assert config.line_of("fail_on") == 11 and config.line_of("defaults.outlet") == 9
    assert {k for k in config.key_lines if "." not in k} == set(CONFIG_KEYS)


def test_globs_expand_and_report_what_matches_nothing(tmp_path):
    write(tmp_path / "w" / "a.md", "x")
    write(tmp_path / "w" / "sub" / "b.md", "x")
    found, empty = expand_globs((str(tmp_path / "w" / "**" / "*.md"), str(tmp_path / "nope*"),
                                 str(tmp_path / "w")))
    assert sorted(os.path.relpath(p, tmp_path) for p in found) == [
        "w", os.path.join("w", "a.md"), os.path.join("w", "sub", "b.md")]
    assert empty == [str(tmp_path / "nope*")]


# --- the configuration in `checker lint` ------------------------------------------------------

def test_against_select_and_fail_on_from_the_config(repo):
    write(repo / "checker.yaml", """
        against: [wires/]
        select: [contradiction]
        fail_on: warning
    """)
    result = lint("content/", "--format", "json")
    assert result.exit_code == 1, result.output
    assert rules_of(result) == [("homes.md", "contradicting-figures")]


def test_command_line_options_replace_the_config(repo):
    write(repo / "checker.yaml", """
        against: [wires/]
        select: [contradiction]
        fail_on: info
    """)
    result = lint("content/", "--format", "json", "--select", "unsourced", "--fail-on", "error")
    assert result.exit_code == 0, result.output  # unsourced findings are warnings
    assert rules_of(result) == [("volunteers.md", "unsourced-figure")]
    no_refs = lint("content/homes.md", "--format", "json", "--against", "content/volunteers.md")
    assert ("homes.md", "contradicting-figures") not in rules_of(no_refs)


def test_overrides_then_set(repo):
    write(repo / "checker.yaml", """
        select: [unsourced]
        overrides:
          unsourced-figure: {severity: error}
    """)
    assert lint("content/volunteers.md").exit_code == 1
    assert lint("content/volunteers.md", "--set", "unsourced-figure.severity=info").exit_code == 0


def test_config_found_from_a_subfolder_resolves_its_paths(repo, monkeypatch):
    write(repo / "checker.yaml", "against: [wires/]\nselect: [contradiction]\n")
    monkeypatch.chdir(repo / "content")
    result = lint("homes.md", "--format", "json")
    assert rules_of(result) == [("homes.md", "contradicting-figures")]


def test_named_config_file(repo, tmp_path):
    other = write(repo / "ci" / "strict.yaml", "against: [../wires]\nselect: [contradiction]\n")
    write(repo / "checker.yaml", "select: [unsourced]\n")
    result = lint("content/homes.md", "--format", "json", "--config", str(other))
    assert rules_of(result) == [("homes.md", "contradicting-figures")]


def test_defaults_and_front_matter_aliases(repo):
    write(repo / "content" / "hugo.md", f"""
        ---
        title: A Hugo post
        pubdate: 2025-03-09
        ---

        {UNSOURCED}
    """)
    write(repo / "checker.yaml", """
        select: [unsourced]
        defaults: {lang: en, outlet: Port Alder Gazette}
        front_matter: {published: [pubdate]}
    """)
    result = lint("content/hugo.md", "--format", "json")
    claim = json.loads(result.stdout)["findings"][0]["claims"][0]
    assert (claim["outlet"], claim["published"], claim["lang"]) == (
        "Port Alder Gazette", "2025-03-09", "en")
    override = lint("content/hugo.md", "--format", "json", "--outlet", "Other")
    assert json.loads(override.stdout)["findings"][0]["claims"][0]["outlet"] == "Other"


def test_include_and_exclude(repo):
    write(repo / "checker.yaml", "select: [unsourced]\nexclude: [volunteers.md]\n")
    assert rules_of(lint("content/", "--format", "json")) == []
    write(repo / "checker.yaml", "select: [unsourced]\ninclude: ['vol*']\n")
    assert rules_of(lint("content/", "--format", "json")) == [("volunteers.md", "unsourced-figure")]


@pytest.mark.parametrize("setting", ["gazetteer: [sources.yaml]",
                                     "gazetteer: {Alder Grid: {aliases: [grid company]}}"])
def test_gazetteer_entries_are_used(repo, setting):
    article(repo / "content" / "homes.md", "About 3,400 homes in Port Alder were without power "
                                           "on Monday, the grid company said.", outlet="Gazette")
    write(repo / "sources.yaml", "Alder Grid: {kind: company, aliases: [grid company]}\n")
    write(repo / "checker.yaml", f"against: [wires/]\nselect: [contradiction]\n{setting}\n")
    result = lint("content/homes.md", "--format", "json")
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["claims"][0]["source"]) == ("contradicting-figures", "Alder Grid")
    # without the entry, "grid company" and Alder Grid are two sources: they disagree
    (repo / "checker.yaml").write_text("against: [wires/]\nselect: [contradiction]\n")
    [finding] = json.loads(lint("content/homes.md", "--format", "json").stdout)["findings"]
    assert (finding["rule"], finding["severity"]) == ("sources-disagree", "warning")


# --- errors: exit 2 with the file and line ------------------------------------------------------

@pytest.mark.parametrize("text, line, words", [
    ("against: [wires/]\nselct: [contradiction]\n", 2,
     "unknown key 'selct' in the configuration (did you mean 'select'?"),
    ("fail_on: warning\nagainst: wires: x\n", 2, "invalid YAML: mapping values are not allowed"),
    ("fail_on: fatal\n", 1, "'fail_on' must be one of error, warning, info"),
    ("select: 3\n", 1, "'select' must be a string or a list of strings"),
    ("defaults:\n  lang: en\n  outlt: X\n", 3, "unknown key 'outlt' in 'defaults' (did you mean 'outlet'?"),
    ("defaults: {lang: xx}\n", 1, "unknown language 'xx'"),
    ("front_matter:\n  publised: [date]\n", 2, "unknown field 'publised' in 'front_matter' "
                                             "(did you mean 'published'?"),
    ("overrides:\n  unsourced-figur: {severity: info}\n", 2,
     "no rule 'unsourced-figur' to override (did you mean 'unsourced-figure'?"),
    ("overrides:\n  unsourced-figure:\n    params: {min_valu: 3}\n", 3, "min_valu"),
    ("select: [contradictoin]\n", 1, "unknown rule or rule type: contradictoin"),
    ("against: [nowhere/]\n", 1, "'against' pattern matches no file or folder"),
    ("- a list\n", 1, "a configuration is a YAML mapping"),
])
def test_malformed_config_exits_2_with_file_and_line(repo, text, line, words):
    write(repo / "checker.yaml", text)
    result = lint("content/homes.md")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"checker.yaml:{line}: "), result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_every_problem_is_reported_at_once():
    with pytest.raises(RuleError) as err:
        parse_config("selct: x\nfail_on: never\nexclude: {a: 1}\n", "c.yaml")
    assert [e.line for e in err.value.errors] == [1, 2, 3]


# --- checker init -------------------------------------------------------------------------------

def test_init_writes_a_valid_commented_config_and_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(init_command, []).exit_code == 0
    text = (tmp_path / "checker.yaml").read_text(encoding="utf-8")
    assert text == STARTER and text.count("\n#") > 10
    config = parse_config(text, "checker.yaml")
    assert config.fail_on == "error" and config.include == ("*.md",)
    (tmp_path / "checker.yaml").write_text("fail_on: info\n", encoding="utf-8")
    again = runner.invoke(init_command, [])
    assert again.exit_code == 2 and "already exists; use --force" in again.stderr
    assert (tmp_path / "checker.yaml").read_text(encoding="utf-8") == "fail_on: info\n"
    assert runner.invoke(init_command, ["--force"]).exit_code == 0
    assert runner.invoke(init_command, ["other/.checker.yaml"]).exit_code == 2  # no such folder


def test_the_starter_config_lints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(init_command, [])
    article(tmp_path / "a.md", GRID)
    assert lint("a.md").exit_code == 0


def test_bad_gazetteer_file_exits_2(repo):
    write(repo / "sources.yaml", "Alder Grid: {aliases: [a\n")
    write(repo / "checker.yaml", "gazetteer: [sources.yaml]\n")
    result = lint("content/homes.md")
    assert result.exit_code == 2 and result.stderr.startswith("sources.yaml:"), result.stderr
    write(repo / "sources.yaml", "- a list\n")
    result = lint("content/homes.md")
    assert result.exit_code == 2 and "a gazetteer maps each source name" in result.stderr
