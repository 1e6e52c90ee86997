"""Run one step of a build in a child process and hand its result back, relaying progress.

`aigov build` generates its pages in a child. Loading, checking and rendering a thousand
records holds several hundred MB that MkDocs never needs; when the child exits, that memory
goes back to the system, so MkDocs renders in a process that holds nothing else (and whose
garbage collector does not walk every record on each pass). Peak memory becomes the larger
of the two steps instead of their sum.
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
Progress = Callable[[str, int, int], None]


class ChildFailed(RuntimeError):
    """The child process stopped without an answer (killed, or out of memory)."""


def call_in_child(fn: Callable[..., T], *args: Any, progress: Progress) -> T:
    """`fn(*args, progress=...)` in a child process: its return value, or its exception
    raised here. `fn`, its arguments and its result must pickle (the child may be spawned)."""
    ctx = multiprocessing.get_context()
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_run, args=(writer, fn, args), name="aigov-generate")
    child.start()
    writer.close()  # ours; the child holds its own copy, so EOF means it is gone
    try:
        while True:
            try:
                message = reader.recv()
            except EOFError:
                child.join()
                raise ChildFailed(
                    f"the page generator stopped unexpectedly (exit code {child.exitcode})"
                ) from None
            kind = message[0]
            if kind == "progress":
                progress(*message[1:])
            elif kind == "return":
                return message[1]  # type: ignore[no-any-return, unused-ignore]
            else:
                exc, trace = message[1], message[2]
                if exc is None:  # it did not pickle: its last line says what it was
                    raise ChildFailed(trace.strip().splitlines()[-1])
                exc.add_note(f"raised in the child process:\n{trace}")
                raise exc
    finally:
        reader.close()
        child.join(timeout=30)
        if child.is_alive():  # pragma: no cover - interrupted while the child still works
            child.terminate()
            child.join()


def _run(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    def relay(stage: str, done: int, total: int) -> None:
        conn.send(("progress", stage, done, total))

    try:
        value = fn(*args, progress=relay)
    except KeyboardInterrupt:  # the parent got the same signal and stops on its own
        return
    except BaseException as exc:
        trace = traceback.format_exc()
        try:
            pickle.loads(pickle.dumps(exc))  # it must come back to life in the parent
            conn.send(("raise", exc, trace))
        except Exception:
            conn.send(("raise", None, trace))
    else:
        try:
            conn.send(("return", value))
        except Exception as exc:  # a result that cannot travel: say so, not "stopped"
            conn.send(("raise", None, f"{type(exc).__name__}: the result could not be sent: {exc}"))
    finally:
        conn.close()
