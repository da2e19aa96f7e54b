"""The run: paths in, articles, claims and failures out. The one place besides the CLI that
reads files, so a notebook user gets the claims frame with a single call.
"""
from __future__ import annotations

import os

import pandas as pd

from checker.article import Article, Failure
from checker.claims import article_records, frame_from_records
from checker.gazetteer import Gazetteer
from checker.readers import Defaults, parse_file
from checker.walk import iter_input_files


def read_file(path: str) -> tuple[bytes | None, Failure | None]:
    """A file's bytes, or a Failure that says why it could not be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read(), None
    except IsADirectoryError:
        return None, Failure(path, None, "is a directory")
    except PermissionError:
        return None, Failure(path, None, "cannot read the file: permission denied")
    except OSError as e:
        return None, Failure(path, None, f"cannot read the file: {e.strerror or e}")


# repository files that are not articles, skipped inside directories (named files are read)
NOT_ARTICLES = ("README*", "readme*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*",
                "CODE_OF_CONDUCT*", "SECURITY*")


def load_articles(paths: list[str], defaults: Defaults | None = None, include=(), exclude=()
                  ) -> tuple[list[Article], list[Failure]]:
    """Every article under `paths` (files and directories, recursively) and every failure."""
    files, failures = iter_input_files(list(paths), include, tuple(exclude) + NOT_ARTICLES)
    articles: list[Article] = []
    for path in files:
        data, failure = read_file(path)
        if failure:
            failures.append(failure)
            continue
        found, failed = parse_file(path, data, defaults)
        articles.extend(found)
        failures.extend(failed)
    return articles, failures


def extract(articles: list[Article], gazetteer: Gazetteer | None = None
            ) -> tuple[pd.DataFrame, list[Failure]]:
    """The claims frame of `articles`; an article that cannot be extracted becomes a Failure."""
    records: list[dict] = []
    failures: list[Failure] = []
    for article in articles:
        try:
            records.extend(article_records(article, gazetteer))
        except Exception as e:  # a bug must not stop the other articles from being checked
            failures.append(Failure(article.path, None, f"internal error while extracting claims "
                                    f"(please report it): {type(e).__name__}: {e}"))
    return frame_from_records(records), failures


def extract_claims(*paths: str | os.PathLike, outlet: str | None = None,
                   published: str | None = None, lang: str | None = None) -> pd.DataFrame:
    """The claims frame of the articles under `paths`.

    Files that could not be read are listed in `frame.attrs["failures"]` (as `path:line:
    message` strings) rather than raised, so one bad file never hides the others' claims.
    """
    articles, failures = load_articles([os.fspath(p) for p in paths],
                                       Defaults(outlet=outlet, published=published, lang=lang))
    frame, more = extract(articles)
    frame.attrs["failures"] = [str(f) for f in failures + more]
    return frame
