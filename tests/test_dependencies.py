"""The dependency versions CI tests are the ones users get: nothing in the package's own
requirements, nor in the requirements of what the test environment installed, caps pandas,
pyarrow or PyYAML below their newest release (`.ci/newest.py` compares with the index)."""
from __future__ import annotations

import configparser
from importlib.metadata import distributions
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

WATCHED = {"pandas", "pyarrow", "pyyaml"}
CAPS = {"<", "<=", "==", "~=", "==="}
ROOT = Path(__file__).resolve().parents[1]


def caps(requirements: list[str], extras: set[str]) -> list[str]:
    """The requirements on a watched package, in force for `extras`, that set an upper bound."""
    found = []
    for text in requirements:
        req = Requirement(text)
        if req.name.lower() not in WATCHED:
            continue
        active = req.marker is None or any(
            req.marker.evaluate({**default_environment(), "extra": extra}) for extra in extras or {""})
        if active and any(spec.operator in CAPS for spec in req.specifier):
            found.append(text)
    return found


def test_the_package_sets_no_upper_bound_on_pandas_pyarrow_or_pyyaml():
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    required = [line for line in setup["options"]["install_requires"].splitlines() if line.strip()]
    for extra in setup["options.extras_require"]:
        required += [line for line in setup["options.extras_require"][extra].splitlines() if line.strip()]
    assert caps(required, set()) == []


def test_no_installed_distribution_caps_pandas_pyarrow_or_pyyaml():
    """A cap in a dependency (a test tool that wants `pandas<3`) would make pip install an older
    pandas for CI than for users."""
    capped = {dist.metadata["Name"]: caps(dist.requires or [], set()) for dist in distributions()}
    assert {name: found for name, found in capped.items() if found} == {}
