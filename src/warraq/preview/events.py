"""Server-sent events: every open page gets each new build state.

The state is the whole truth (build number, page version, error, print
view), so a page that connects late or reconnects after a drop gets the
current state at once and never misses a reload.
"""

from __future__ import annotations

import json
import queue
import threading

HEARTBEAT_SECONDS = 15.0
CLOSE = object()  # sentinel: the server is shutting down


class Broadcaster:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: set[queue.Queue] = set()
        self._state: dict = {}
        self.closed = False

    @property
    def state(self) -> dict:
        with self._lock:
            return dict(self._state)

    def publish(self, state: dict) -> None:
        with self._lock:
            self._state = dict(state)
            for q in self._clients:
                q.put(self._state)

    def subscribe(self) -> queue.Queue:
        q: queue.Queue = queue.Queue()
        with self._lock:
            if self.closed:
                q.put(CLOSE)
            else:
                self._clients.add(q)
                q.put(self._state)
        return q

    def unsubscribe(self, q: queue.Queue) -> None:
        with self._lock:
            self._clients.discard(q)

    def close(self) -> None:
        with self._lock:
            self.closed = True
            for q in self._clients:
                q.put(CLOSE)
            self._clients.clear()

    @property
    def clients(self) -> int:
        with self._lock:
            return len(self._clients)


def sse(event: str, data: dict, event_id: int | None = None) -> bytes:
    """One server-sent event, encoded."""
    lines = []
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append(f"event: {event}")
    lines.extend(f"data: {line}" for line in json.dumps(data, ensure_ascii=False).split("\n"))
    return ("\n".join(lines) + "\n\n").encode("utf-8")
