"""The live feed's event stream cut into events off the event loop's thread.

The loop's thread (the GUI's, in the console) only hands over the text as it arrives;
``ChangeFrames`` runs on the engine's decoding thread, where the change items are
parsed next. Cutting a replay's burst of echoes into events was about 1 ms of each
chunk read on the loop. The interpretation is the event-stream one of the HTML
standard (what httpx-sse does, tests/unit/test_sync_sse_frames.py compares them):
lines end at CRLF, LF or CR; a blank line dispatches the event; ``:`` starts a
comment; ``data`` lines join with LF; an unknown field is ignored.
"""

from __future__ import annotations

import re

from app.wire.contract import MalformedResponse

CHANGE_EVENT = "change"
_LINE_END = re.compile(r"\r\n|\r|\n")


class ChangeFrames:
    """The data of each complete "change" event in the text fed so far, in order.

    Stateful across ``feed`` calls (an event, even a line, may span chunks); call it
    from one thread at a time. An event's data, or a line still open, longer than
    ``max_chars`` is refused: the feed is not followed past it.
    """

    refused: MalformedResponse | None = None

    def __init__(self, max_chars: int) -> None:
        self._max_chars = max_chars
        self._open_line = ""  # the text after the last line end
        self._cr_ended = False  # the last chunk ended in CR: an LF first ends nothing
        self._event = ""
        self._data: list[str] = []
        self._data_chars = 0

    def feed(self, text: str) -> tuple[list[str], MalformedResponse | None]:
        """The data of the change events ``text`` completes, up to a refused frame; and
        the refusal, then and on every later call."""
        found: list[str] = []
        if self.refused is None and text:
            try:
                self._cut(text, found)
            except MalformedResponse as error:
                self.refused = error
        return found, self.refused

    def _cut(self, text: str, found: list[str]) -> None:
        if self._cr_ended and text.startswith("\n"):
            text = text[1:]  # the LF of a CRLF cut between two chunks
        self._cr_ended = text.endswith("\r")
        lines = _LINE_END.split(self._open_line + text)
        self._open_line = lines.pop()
        for line in lines:
            data = self._line(line)
            if data is not None:
                found.append(data)
        if len(self._open_line) > self._max_chars:
            raise MalformedResponse(f"live feed line over {self._max_chars} characters")

    def _line(self, line: str) -> str | None:
        if not line:  # dispatch
            event, data = self._event, self._data
            self._event, self._data, self._data_chars = "", [], 0
            if event == CHANGE_EVENT and data:
                return "\n".join(data)
            return None
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data_chars += len(value) + 1
            if self._data_chars > self._max_chars:
                raise MalformedResponse(f"live item of over {self._max_chars} characters refused")
            self._data.append(value)
        return None  # id (the store keeps its own sequence), retry, anything else
