"""Hostile repositories (issue 15): a run over a tree that anyone may propose reads nothing from
outside it, trusts no cache entry it did not write, and leaves no process behind."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from checker import cache, pipeline
from checker.cli import cli
from checker.project import index_key

ARTICLE = ("---\noutlet: {outlet}\npublished: 2024-10-21\nlang: en\n---\n\n"
           "About {count} soldiers were moved, the Ministry of Defence said.\n")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    if not isinstance(result.exception, (SystemExit, type(None))):
        raise result.exception
    return result


# --- 6: symbolic links out of the checked directory ------------------------------------------------

@pytest.fixture
def linked_tree(tmp_path) -> Path:
    """`tree/` with an article, and links to a password file, a secret article and a folder,
    all outside it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    (outside / "secret.md").write_text(ARTICLE.format(outlet="Secret", count="7,777"), "utf-8")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.md").write_text(ARTICLE.format(outlet="A", count="1,500"), "utf-8")
    os.symlink(outside / "passwd.txt", tree / "passwd.txt")
    os.symlink("../../outside/secret.md", tree / "sub" / "secret.md")
    os.symlink(outside, tree / "outdir")
    os.symlink("a.md", tree / "inside.md")  # inside the tree: read once, by its real name
    return tree


def skipped_notes(tree: Path, tmp_path: Path) -> list[str]:
    outside = tmp_path / "outside"
    return [f"{tree}/outdir: skipped: a symbolic link to '{outside}', outside {tree}: not followed "
            "(--follow-links follows it)",
            f"{tree}/passwd.txt: skipped: a symbolic link to '{outside}/passwd.txt', outside {tree}: "
            "not followed (--follow-links follows it)",
            f"{tree}/sub/secret.md: skipped: a symbolic link to '../../outside/secret.md', outside "
            f"{tree}: not followed (--follow-links follows it)"]


def test_links_out_of_the_tree_are_skipped_with_a_note(linked_tree, tmp_path):
    result = run("lint", str(linked_tree), "--no-cache", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == skipped_notes(linked_tree, tmp_path)
    assert "7,777" not in result.stdout and "Secret" not in result.stdout
    claims = run("claims", str(linked_tree), "--no-cache", "--format", "jsonl")
    assert [json.loads(line)["path"] for line in claims.stdout.splitlines()] == [f"{linked_tree}/a.md"]


def test_the_report_publishes_nothing_from_outside_the_tree(linked_tree, tmp_path):
    result = run("report", str(linked_tree), "-o", str(tmp_path / "out") + "/")
    assert result.exit_code == 0
    for name in ("report.html", "report.md", "claims.csv"):
        text = (tmp_path / "out" / name).read_text("utf-8")
        assert "root:x:0" not in text and "7,777" not in text, name


def test_follow_links_reads_what_the_links_point_to(linked_tree):
    result = run("claims", str(linked_tree), "--no-cache", "--format", "jsonl", "--follow-links")
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert texts == ["About 1,500 soldiers", "About 7,777 soldiers"]


# --- 1: cache entries are checked, never trusted ----------------------------------------------------

STORY = Path(__file__).resolve().parents[1] / "examples" / "story"


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository of the example story, linted once from its root (its `.checker-cache`
    filled), with this machine's signing key in a folder of its own."""
    monkeypatch.setenv(cache.KEY_ENV, str(tmp_path / "key-here"))
    cache.signing_key.cache_clear()
    root = tmp_path / "repo"
    shutil.copytree(STORY, root / "story")
    monkeypatch.chdir(root)
    first = lint()
    assert first.exit_code == 1 and len(json.loads(first.stdout)["findings"]) == FINDINGS
    yield root
    cache.signing_key.cache_clear()


FINDINGS = 22  # what the example story gives without a cache


def lint(*extra: str):
    return run("lint", "story", "--format", "json", "-j", "1", *extra)


def findings_of(result) -> int:
    return len(json.loads(result.stdout)["findings"])


def entries(root: Path, run_entries: bool) -> list[Path]:
    """The run's entry (its findings), or the articles' claims entries; not the run's index."""
    index = index_key("run-")[:2]
    return sorted(p for p in (root / ".checker-cache").rglob("*.json")
                  if p.parent.name != index and (p.parent.name == "ru") == run_entries)


def test_a_run_entry_cut_to_its_first_line_is_recomputed_with_a_note(repo):
    (entry,) = entries(repo, run_entries=True)
    entry.write_bytes(entry.read_bytes().split(b"\n", 1)[0] + b"\n")
    again = lint()
    assert findings_of(again) == FINDINGS
    rel = entry.relative_to(repo)
    assert f"{rel}: cache entry not used, recomputed: is cut short or not a cache entry\n" in again.stderr
    assert "cache entry" not in lint().stderr  # rewritten, and the note is not replayed


@pytest.mark.parametrize("cut", ["last finding", "a middle finding"])
def test_a_run_entry_missing_a_line_is_recomputed(repo, cut):
    (entry,) = entries(repo, run_entries=True)
    lines = entry.read_bytes().split(b"\n")
    drop = -3 if cut == "last finding" else 5  # [-1] is empty, [-2] the signature
    entry.write_bytes(b"\n".join(lines[:drop] + lines[drop + 1:]))
    again = lint()
    assert findings_of(again) == FINDINGS
    assert "does not match its signature (altered, or written elsewhere)" in again.stderr


@pytest.mark.parametrize("value", [b"[]", b"[1,2,3]", b'{"a":1}'])
def test_article_entries_replaced_are_recomputed(repo, value):
    shutil.rmtree(repo / ".checker-cache" / "ru")
    articles = entries(repo, run_entries=False)
    assert len(articles) == 4
    for entry in articles:
        entry.write_bytes(value + b"\n" + entry.read_bytes().split(b"\n")[-2] + b"\n")
    again = lint()
    assert findings_of(again) == FINDINGS
    assert again.stderr.endswith("does not match its signature (altered, or written elsewhere) "
                                 "(and 3 more cache entries)\n")


def test_a_signed_entry_of_the_wrong_shape_is_recomputed(repo):
    shutil.rmtree(repo / ".checker-cache" / "ru")
    for entry in entries(repo, run_entries=False):
        key = entry.parent.name + entry.stem
        cache.write(str(repo / ".checker-cache"), key, [1, 2, 3])
    again = lint()
    assert findings_of(again) == FINDINGS
    assert "cache entry not used, recomputed: holds a value of the wrong shape" in again.stderr


def test_a_cache_written_on_another_machine_is_never_trusted(repo, monkeypatch):
    """A cache committed to the repository (cloned, or pushed in a pull request) carries
    signatures of another key: every entry is recomputed."""
    for entry in entries(repo, run_entries=True) + entries(repo, run_entries=False):
        forged = b"[]\n" if entry.parent.name != "ru" else entry.read_bytes().split(b"\n", 1)[0] + b"\n"
        entry.write_bytes(forged)  # what a pull request would commit...
        key = entry.parent.name + entry.stem
        signer = hmac.new(cache.signing_key(), key.encode() + b"\n", hashlib.sha256)
        signer.update(forged)  # ...signed by the key of the machine it was made on
        entry.write_bytes(forged + b"#signature " + signer.hexdigest().encode() + b"\n")
    monkeypatch.setenv(cache.KEY_ENV, str(repo.parent / "key-in-ci"))
    cache.signing_key.cache_clear()
    again = lint()
    assert findings_of(again) == FINDINGS
    assert "(and 4 more cache entries)" in again.stderr


def test_a_cache_folder_committed_as_a_link_is_not_used(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "repo"
    shutil.copytree(STORY, root / "story")
    os.symlink(elsewhere, root / ".checker-cache")
    monkeypatch.chdir(root)
    result = lint()
    assert findings_of(result) == FINDINGS
    assert result.stderr == (f".checker-cache: not used as the cache: it is a symbolic link (to "
                             f"'{elsewhere}'); give --cache-dir to use it\n")
    assert list(elsewhere.iterdir()) == []
    lint("--cache-dir", ".checker-cache")  # given on purpose: used
    assert list(elsewhere.iterdir())


def test_entry_folders_that_are_links_are_neither_read_nor_written(tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    folder = tmp_path / "cache"
    folder.mkdir()
    key = "ab" + "0" * 62
    os.symlink(target, folder / "ab")
    cache.write(str(folder), key, [{"a": 1}])
    assert list(target.iterdir()) == []
    with pytest.raises(cache.Untrusted, match="is a symbolic link"):
        cache.read(str(folder), key)


# --- 2: workers end with the main process -----------------------------------------------------------

def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads processes from /proc")
def test_killing_the_main_process_ends_its_workers_and_the_pipeline(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(600):  # long enough a run to be killed in the middle of it
        for article in STORY.iterdir():
            shutil.copy(article, corpus / f"{i:03d}-{article.name}")
    checker = subprocess.Popen([sys.executable, "-c", "from checker.cli import main; main()", "lint",
                                str(corpus), "--no-cache", "-j", "2", "--format", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    tail = subprocess.Popen(["tail", "-n", "1"], stdin=checker.stdout, stdout=subprocess.PIPE)
    checker.stdout.close()  # `checker lint … | tail`: only the checker's side holds the pipe now
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and checker.poll() is None:
            workers = children(checker.pid)
            time.sleep(0.05)
        assert len(workers) == 2, "the workers never started"
        time.sleep(0.5)  # in the middle of the work
        os.kill(checker.pid, signal.SIGKILL)
        checker.wait()
        tail.communicate(timeout=20)  # ends once no process holds the pipe: none is left
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if alive(w)]
    finally:
        for pid in workers:  # on failure, end the workers this test started, by their ids
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        tail.kill()


# --- 11: a large feed is extracted by every worker, a part each ------------------------------------

def feed_of(path: Path, records: int) -> Path:
    """A JSON Lines feed of the example story's articles, over and over, and one bad record."""
    bodies = [(p.stem, p.read_text("utf-8").split("---\n", 2)[2]) for p in sorted(STORY.iterdir())]
    lines = []
    for i in range(records):
        outlet, text = bodies[i % len(bodies)]
        lines.append(json.dumps({"id": f"r{i}", "outlet": outlet, "published": "2025-08-06",
                                 "lang": "es" if "diario" in outlet else "it" if "eco" in outlet
                                 else "en", "text": text}))
    lines[records // 2] = '{"text": "9' + "9" * 5000 + '"' + ', "n": ' + "9" * 5000 + "}"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def reader(article) -> int:
    """`keep`: which process read the article."""
    return os.getpid()


def test_a_feed_is_cut_at_line_ends_with_its_line_numbers(tmp_path):
    feed = feed_of(tmp_path / "feed.jsonl", 40)
    data = feed.read_bytes()
    parts = pipeline.feed_parts(str(feed), 5_000)
    assert len(parts) > 5 and parts[0].start == 0 and parts[-1].end == len(data)
    for part, after in zip(parts, parts[1:]):
        assert after.start == part.end and data[part.end - 1:part.end] == b"\n"
        assert after.line == part.line + data.count(b"\n", part.start, part.end)
    assert pipeline.feed_parts(str(feed), len(data)) is None


def test_a_large_feed_is_read_by_every_worker_with_the_claims_of_one_reader(tmp_path, monkeypatch):
    feed = str(feed_of(tmp_path / "feed.jsonl", 200))
    whole = pipeline.extract_files([feed], jobs=1)
    monkeypatch.setattr(pipeline, "FEED_PART", 20_000)
    split = pipeline.extract_files([feed], jobs=2, keep=reader)
    pd.testing.assert_frame_equal(whole.claims, split.claims)
    assert [str(f) for f in split.failures] == [f"{feed}:101: invalid JSON: a number has more than "
                                                "4,300 digits"]
    assert len(set(split.articles)) == 2 and os.getpid() not in split.articles


def test_without_a_place_for_the_signing_key_the_cache_is_a_quiet_miss(tmp_path, monkeypatch):
    (tmp_path / "not-a-folder").write_text("x", "utf-8")
    monkeypatch.setenv(cache.KEY_ENV, str(tmp_path / "not-a-folder" / "keys"))
    cache.signing_key.cache_clear()
    root = tmp_path / "repo"
    shutil.copytree(STORY, root / "story")
    monkeypatch.chdir(root)
    try:
        first = lint()
        cache.signing_key.cache_clear()  # the next run is another process, with another key
        second = lint()
    finally:
        cache.signing_key.cache_clear()
    assert findings_of(first) == findings_of(second) == FINDINGS
    assert first.stderr == second.stderr == ""
