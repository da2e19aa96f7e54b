"""The Dask path (`checker.distributed`) gives the same findings and failures as the pandas
path, on a local cluster of two worker processes over a generated corpus plus the bundled
examples, a story spelled two ways (name variants), a JSON Lines feed that repeats articles of other
files (stories spanning partitions) and inputs that fail."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys

import distributed  # a test dependency (setup.cfg `test` extra): never skipped
import pytest

from checker import distributed as dist
from checker.lint import lint
from checker.pipeline import extract_paths
from checker.ruleset import load_rules

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generator():
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  os.path.join(ROOT, "benchmarks", "generate.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("dask-corpus")
    gen = generator()
    articles, _ = gen.generate(150, seed=11)
    gen.write_corpus(articles, str(root / "generated"))
    for name in ("story", "seed"):
        shutil.copytree(os.path.join(ROOT, "examples", name), root / name)
    with open(root / "feed.jsonl", "w", encoding="utf-8") as fh:
        for a in articles[::10]:  # the same stories again, in a file of another partition
            fh.write(json.dumps({"id": a["path"], "outlet": a["outlet"] + " Wire",
                                 "published": a["published"], "lang": a["lang"],
                                 "text": a["text"]}, ensure_ascii=False) + "\n")
        fh.write("{not json\n")
    for outlet, day, name in (("Daily Ledger", 18, "Zelenskyy"), ("Wire Post", 19, "Zelensky"),
                              ("Eastern Courier", 19, "Zelensky")):  # one story, two spellings
        (root / f"{outlet.split()[0].lower()}-kursk.md").write_text(
            f"---\noutlet: {outlet}\npublished: 2024-10-{day}\nlang: en\n---\n"
            f"President Volodymyr {name} said 10,000 soldiers had reached Kursk, "
            "according to the Ukrainian defence ministry.\n", encoding="utf-8")
    (root / "empty.md").write_text("---\ntitle: nothing\n---\n", encoding="utf-8")
    os.symlink(root / "missing.md", root / "broken.md")
    return str(root)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def records(findings) -> list[dict]:
    return [f.to_record() for f in findings]


def test_dask_path_gives_the_pandas_findings(corpus, client):
    rules = load_rules()
    expected_run = extract_paths([corpus])
    claims = expected_run.claims
    expected = lint(claims, rules, set(claims["article"]))

    run = dist.extract_dask([corpus], npartitions=7)
    assert run.claims.npartitions == 7
    got = dist.lint_dask(run.claims, rules, npartitions=5)

    assert len(expected) > 50
    assert {"contradiction", "date-conflict", "source-conflict", "unsourced", "arithmetic",
            "name-variant"} <= {f.type for f in expected}
    assert records(got) == records(expected)
    assert [str(f) for f in run.failures] == [str(f) for f in expected_run.failures]
    failed = {(os.path.basename(f.path), f.line) for f in run.failures}
    assert {("broken.md", None), ("feed.jsonl", 16)} <= failed
    assert any(os.path.basename(f.path) == "empty.md" for f in run.failures)

    # only some articles as targets, the others read for comparison: still the same
    targets = {a for a in set(claims["article"]) if "/story/" in a or "/generated/s000" in a}
    expected = lint(claims, rules, targets)
    assert expected and len(expected) < len(records(got))
    assert records(dist.lint_dask(run.claims, rules, targets)) == records(expected)


def test_lint_paths_dask(corpus, client):
    rules = load_rules()
    run = extract_paths([os.path.join(corpus, "story")])
    expected = lint(run.claims, rules, set(run.claims["article"]), select=["name-variant", "contradiction"])
    findings, failures = dist.lint_paths_dask([os.path.join(corpus, "story")], rules,
                                              select=["name-variant", "contradiction"])
    assert findings and records(findings) == records(expected) and failures == []


def test_core_package_does_not_import_dask():
    code = ("import sys, checker, checker.cli, checker.lint, checker.pipeline, checker.report; "
            "sys.exit('dask' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_missing_dask_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(dist.DaskMissing, match=r"pip install 'newsroom-checker\[dask\]'"):
        dist.require_dask()
