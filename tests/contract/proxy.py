"""A TCP proxy on loopback for cutting a client off from a real server (the server itself is
never stopped — it may be one given by env vars). `cut()` closes every connection and refuses
new ones; `restore()` lets traffic through again. `hold(marker)` lets requests through but holds
back the answer to any request containing `marker` (e.g. b"/_bulk": the server has applied the
bulk, the client waits for its answer) until `release()`."""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self._open = threading.Event()
        self._open.set()
        self._stopped = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._hold_marker: bytes | None = None
        self._released = threading.Event()
        self._released.set()
        self.held = threading.Event()  # set once an answer is being held back
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut(self) -> None:
        self._open.clear()
        with self._lock:
            for sock in list(self._sockets):
                # shutdown first: a bare close() from this thread would not wake the pipe
                # thread blocked in recv() on it, and the peer would never see the cut.
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()
            self._sockets.clear()

    def restore(self) -> None:
        self._open.set()

    def hold(self, marker: bytes) -> None:
        self._hold_marker = marker
        self._released.clear()
        self.held.clear()

    def release(self) -> None:
        self._hold_marker = None
        self._released.set()

    def close(self) -> None:
        self._stopped.set()
        self.cut()
        with contextlib.suppress(OSError):
            self._listener.close()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._open.is_set():
                client.close()  # cut off: the connection is refused at once
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)  # the connect had 5 s; an idle connection may stay open
            with self._lock:
                self._sockets.update({client, upstream})
            marked = threading.Event()  # this connection sent a request holding the marker
            for source, sink, answers in ((client, upstream, False), (upstream, client, True)):
                threading.Thread(
                    target=self._pipe, args=(source, sink, answers, marked), daemon=True
                ).start()

    def _pipe(
        self, source: socket.socket, sink: socket.socket, answers: bool, marked: threading.Event
    ) -> None:
        try:
            while data := source.recv(65536):
                marker = self._hold_marker
                if not answers and marker is not None and marker in data:
                    marked.set()
                if answers and marked.is_set():
                    self.held.set()
                    while not self._released.wait(0.05):
                        if self._stopped.is_set():
                            return
                    marked.clear()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()
