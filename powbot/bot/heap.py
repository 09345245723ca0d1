"""The objects a serving process starts with, kept out of the garbage collector's full passes.

Loading the content (the FAQ index, the crisis, language and intent models, the catalog)
leaves ~300,000 objects that live as long as the process. CPython's cyclic collector walks
every tracked object in its full (oldest-generation) passes: measured in
bench/throughput.py, one such pass in the middle of the feed took 0.3-0.6 s of CPU with the
loop stopped, about 0.4 ms per update of that run and a latency spike for everyone waiting.
`gc.freeze()` moves the objects that exist now into a generation the collector never walks;
they are still freed by reference counting as usual, and everything made afterwards (the
updates' objects) is collected as before.
"""

from __future__ import annotations

import asyncio
import gc
import threading


def freeze_startup_heap() -> None:
    """Once the app is built: what is garbage now goes first, the rest is frozen."""
    gc.collect()
    gc.freeze()


async def freeze_after_warm_up(warming: threading.Thread | None) -> None:
    """The models the warm-up thread loads (after the start) frozen too, once it is done.
    No collection first: it would stop the loop for the length of a full pass."""
    if warming is not None:
        await asyncio.to_thread(warming.join)
    gc.freeze()
