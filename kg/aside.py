"""Work beside a build's main line: a function in a forked child process, a file copied in a thread,
and forks that keep a Ctrl-C.

On two cores an update's store patch and page cost as much as writing every graph file, and copying
the previous graphs.db mostly waits on the disk while spaCy loads: each runs beside the other work.
"""

from __future__ import annotations

import multiprocessing
import shutil
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any


@contextmanager
def held_interrupts() -> Iterator[None]:
    """Ctrl-C noted while this process forks, and raised as soon as the fork is done: Python drops a
    KeyboardInterrupt raised inside its fork handlers (logging's, right after the fork), so a Ctrl-C
    that landed then was lost and the build ran to its end. Children forked meanwhile only note it:
    their parent stops them. (Signal handlers belong to the main thread: elsewhere, nothing changes.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


class Aside:
    """``prepare(*args)`` started at once in a forked child process, then ``finish(prepared, *more)``
    there once ``give`` hands it the rest: the child does what needs nothing of the main line (imports,
    copies) while that line works (on two cores: while spaCy loads), and the rest beside it (an
    update's store patch and page cost as much as writing every graph file). In this process, when
    ``result`` is asked, where fork is unavailable."""

    def __init__(self, prepare: Callable[..., Any], finish: Callable[..., Any], *args: Any) -> None:
        self.prepare, self.finish, self.args = prepare, finish, args
        self.more: tuple | None = None
        self.proc: Any = None
        if "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self.conn, child = ctx.Pipe()
            self.proc = ctx.Process(target=_child, args=(child, prepare, finish, args), daemon=True)
            with held_interrupts():
                self.proc.start()
            child.close()

    def give(self, *more: Any) -> None:
        """The rest of ``finish``'s arguments (sent once the child has prepared: it may wait for that)."""
        self.more = more
        if self.proc is not None:
            with suppress(OSError):  # the child is gone: ``result`` says why
                self.conn.send(more)

    def result(self) -> Any:
        """What ``finish`` returned (what it or ``prepare`` raised, raised here)."""
        if self.more is None:
            raise RuntimeError("Aside.result before Aside.give")
        if self.proc is None:
            return self.finish(self.prepare(*self.args), *self.more)
        try:
            ok, value = self.conn.recv()
        except EOFError:
            self.proc.join()
            code = self.proc.exitcode
            raise RuntimeError(f"the child process running {self.finish.__name__} died (exit code {code})") from None
        self.proc.join()
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the child if its result was not asked (the build failed, or had no use for it)."""
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.terminate()
                self.proc.join()
            self.conn.close()


def _child(conn: Any, prepare: Callable[..., Any], finish: Callable[..., Any], args: tuple) -> None:
    """The child of ``Aside``: sends (True, what ``finish`` returned) or (False, what was raised)."""
    try:
        prepared = prepare(*args)
        conn.send((True, finish(prepared, *conn.recv())))
    except BaseException as err:  # noqa: BLE001 - raised again in the parent
        try:
            conn.send((False, err))
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled goes as its text
            conn.send((False, RuntimeError(f"{type(err).__name__}: {err}")))
    finally:
        conn.close()


@contextmanager
def copying(source: Path, target: Path) -> Iterator[None]:
    """``source`` copied to ``target`` in a thread while the body runs (the copy mostly waits on the
    disk); done when the body ends, and what the copy raised is raised then, unless the body raised."""
    failed: list[OSError] = []

    def copy() -> None:
        try:
            shutil.copy2(source, target)
        except OSError as err:
            failed.append(err)

    thread = threading.Thread(target=copy, name="copy", daemon=True)
    thread.start()
    try:
        yield
    finally:
        thread.join()
    if failed:
        raise failed[0]
