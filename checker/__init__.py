"""A fact-consistency checker for news articles: figures, dates and sources across outlets.

    >>> import checker
    >>> frame = checker.extract_claims("examples/")      # the claims frame (pandas)
    >>> frame[frame.kind == "figure"][["text", "value", "source"]]
"""
__version__ = "0.1.0"


def extract_claims(*paths, **defaults):
    """The claims frame of the articles under `paths` (see `checker.pipeline.extract_claims`)."""
    from checker.pipeline import extract_claims as run
    return run(*paths, **defaults)


def extract_text(text, **kwargs):
    """The claims frame of one text (see `checker.extract.extract_text`)."""
    from checker.extract import extract_text as run
    return run(text, **kwargs)
