"""A fact-consistency checker for news articles: figures, dates and sources across outlets.

    >>> import checker
    >>> frame = checker.extract_claims("examples/story")     # the claims frame (pandas)
    >>> frame[frame.kind == "figure"][["text", "value", "source"]]
    >>> findings = checker.lint("draft.md", against="wires/")  # the findings frame
    >>> checker.report("examples/story", output="build/report.html")

See `checker.api` for the arguments.
"""
__version__ = "0.1.0"
__all__ = ["NoArticles", "extract_claims", "extract_text", "lint", "report"]

# `checker.lint` and `checker.report` are also the names of modules: they are imported first,
# so that the functions defined below, not the modules, are what the package's names hold
# (a module's first import would otherwise bind its name over the function)
import checker.lint  # noqa: E402
import checker.report  # noqa: E402
from checker.article import NoArticles  # noqa: E402


def extract_claims(*paths, **options):
    """The claims frame of the articles under `paths` (see `checker.api.extract_claims`)."""
    from checker.api import extract_claims as run
    return run(*paths, **options)


def lint(paths, **options):
    """The findings frame of the articles under `paths` (see `checker.api.lint`)."""
    from checker.api import lint as run
    return run(paths, **options)


def report(paths, output=None, **options):
    """The findings frame, and the report written to `output` (see `checker.api.report`)."""
    from checker.api import report as run
    return run(paths, output, **options)


def extract_text(text, **kwargs):
    """The claims frame of one text (see `checker.extract.extract_text`)."""
    from checker.extract import extract_text as run
    return run(text, **kwargs)
