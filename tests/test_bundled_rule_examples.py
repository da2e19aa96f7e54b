"""Every bundled rule's own examples: what it must flag and what it must pass."""
from __future__ import annotations

import pytest

from checker.rule_examples import run_examples
from checker.ruleset import load_rules

RULES = load_rules()


def test_every_bundled_rule_has_examples_to_flag_and_to_pass():
    for rule in RULES:
        kinds = {example.expects_pass for example in rule.examples}
        assert kinds == {True, False}, f"{rule.id} needs examples to flag and to pass"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_bundled_rule_examples(rule):
    failures = [f"{r}\n    found: {list(r.found)}" for r in run_examples(rule) if not r.ok]
    assert not failures, "\n".join(failures)
