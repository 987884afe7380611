"""workers: the per-article stages (annotate → extract → document) on batches of articles, in this
process, in worker processes (``processes``) or on a Dask cluster (``dask``).

A batch goes out as ``Article`` records and comes back as ``Extraction`` records (or failures), in
input order whatever finished first, so every executor gives the same build. At most a few batches
per worker are in flight: reading stays lazy and memory flat however long the input.
"""

from __future__ import annotations

import inspect
import itertools
import multiprocessing
import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from kg import lexicon, nlp
from kg.aside import held_interrupts
from kg.document import document
from kg.extract import extract
from kg.records import Article, Extraction, Problem, ReadFailure
from kg.state import Packed, pack

BATCH = 16
# Batches a worker process annotates before a fresh one (forked from the loaded parent: no reload)
# takes over: what a worker accumulates (interned strings, caches, freed-but-kept arenas) then stays
# bounded however long the input, so memory stays flat in the number of articles.
RECYCLE = 24
_LOADED: dict[str | None, nlp.LoadedModel] = {}


def model(name: str | None) -> nlp.LoadedModel:
    """The pipeline, loaded once per process."""
    if name not in _LOADED:
        _LOADED[name] = nlp.load(name)
    return _LOADED[name]


_LIMITED: list[object] = []


def _one_blas_thread() -> None:
    """A worker runs one BLAS thread: N workers sharing N cores among N x cores BLAS threads run
    slower than one process (README, Speed)."""
    if not _LIMITED:
        from threadpoolctl import threadpool_limits

        _LIMITED.append(threadpool_limits(1, user_api="blas"))


Result = tuple[list[Packed | ReadFailure], float, float]


def run_batch(name: str | None, articles: list[Article], quiet: bool = True, worker: bool = False) -> Result:
    """``document(extract(article, doc))`` for each article: the records, packed for storage (or why
    an article failed), seconds spent annotating and seconds extracting. ``worker``: one of several processes."""
    if worker:
        _one_blas_thread()
    loaded = model(name)
    out: list[Packed | ReadFailure] = []
    start, extracting = time.perf_counter(), 0.0
    for doc, article in loaded.nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=BATCH):
        t = time.perf_counter()
        try:
            extraction = extract(article, doc)
        except Exception as err:  # noqa: BLE001 - the guards in kg.extract should leave nothing to catch here
            out.append(ReadFailure(article.id, f"extraction failed: {err!r}"))
            if not quiet:
                print(f"extraction failed for {article.id}:\n{traceback.format_exc()}", file=sys.stderr)
        else:
            out.append(pack(documented(extraction)))
        extracting += time.perf_counter() - t
    return out, time.perf_counter() - start - extracting, extracting


def documented(extraction: Extraction) -> Extraction:
    """The document stage, or the article as extracted (with the problem recorded) if it raises."""
    try:
        return replace(document(extraction), problems=extraction.problems)
    except Exception as err:  # noqa: BLE001 - the document stage's failure costs its joins, not the article
        problem = Problem("document", None, None, repr(err)[:300])
        return replace(extraction, problems=(*extraction.problems, problem))


def warm() -> None:
    """Load every lexicon table now, in this process: forked workers then share them instead of each
    reading and deriving them again (the corpus-wide steps of this process need them anyway)."""
    for name, loader in vars(lexicon).items():
        public = not name.startswith("_")  # private ones are what public ones derive from (raw GeoNames)
        if public and hasattr(loader, "cache_clear") and not inspect.signature(loader).parameters:
            loader()


def batches(articles: Iterable[Article], size: int | None = None, workers: int = 1) -> Iterator[list[Article]]:
    """The articles in batches of ``size``; for several ``workers`` the first rounds of batches are
    smaller (2, 4, 8 ... articles, one round per worker) so that every worker starts at once and a few
    articles (an update's) are shared out instead of all going to the first worker."""
    size = size or BATCH
    ramp = [2 << r for r in range(size.bit_length()) if 2 << r < size] if workers > 1 else []
    sizes = itertools.chain((s for s in ramp for _ in range(workers)), itertools.repeat(size))
    batch: list[Article] = []
    limit = next(sizes)
    for a in articles:
        batch.append(a)
        if len(batch) == limit:
            yield batch
            batch, limit = [], next(sizes)
    if batch:
        yield batch


def _in_order(submit, results, work: Iterable[list[Article]], window: int) -> Iterator[Result]:
    """Submit batches keeping ``window`` in flight; yield results in submission order."""
    pending: deque[Any] = deque()
    for batch in work:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield results(pending.popleft())
    while pending:
        yield results(pending.popleft())


def run(
    articles: Iterable[Article],
    name: str | None,
    processes: int = 1,
    dask: Any = None,
    quiet: bool = True,
) -> Iterator[Result]:
    """Results of ``run_batch`` over the articles in batches, in input order.

    ``dask`` is a ``dask.distributed.Client`` or a scheduler address; otherwise ``processes`` > 1
    uses that many worker processes on this machine.
    """
    if dask is not None:
        yield from _on_dask(articles, name, dask, quiet)
    elif processes > 1:
        # fork: workers inherit the pipeline and lexicons this process loaded (no second load, pages shared)
        warm()
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with held_interrupts():
            pool = ctx.Pool(processes, maxtasksperchild=RECYCLE)
        with pool:
            yield from _in_order(
                lambda b: pool.apply_async(run_batch, (name, b, quiet, True)),
                lambda r: r.get(),
                batches(articles, workers=processes),
                2 * processes,
            )
    else:
        for batch in batches(articles):
            yield run_batch(name, batch, quiet)


def _on_dask(articles: Iterable[Article], name: str | None, dask: Any, quiet: bool) -> Iterator[Result]:
    from dask.distributed import Client

    client = dask if isinstance(dask, Client) else Client(dask)
    try:
        threads = max(1, sum(client.nthreads().values()))
        yield from _in_order(
            lambda b: client.submit(run_batch, name, b, quiet, True, pure=False),
            lambda f: f.result(),
            batches(articles, workers=threads),
            2 * threads,
        )
    finally:
        if client is not dask:
            client.close()


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
