"""uvicorn's HTTP/1.1 protocol (h11), with the two bounds it lacks on its own:

- a request-head timeout: uvicorn starts its keep-alive timer only after a response, and any
  byte received stops it, so a connection that never finishes its request line and headers
  (or sends them a byte at a time) is held forever. Here the timer also runs from the moment
  a connection is made, and only a complete request head stops it: a client has
  `header_timeout` seconds to send one (and KEEP_ALIVE seconds after each response).
- a connection cap: past `max_connections` open connections a new one is closed at once,
  before it takes any work or memory (uvicorn's own `limit_concurrency` answers 503 only once
  a request head has arrived, which a half-open connection never sends).
"""
from __future__ import annotations

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


def bounded_protocol(header_timeout: float, max_connections: int) -> type:
    class BoundedH11Protocol(H11Protocol):
        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            if len(self.connections) > max_connections:
                self.connections.discard(self)
                transport.abort()
                return
            self.timeout_keep_alive_task = self.loop.call_later(header_timeout,
                                                                self.timeout_keep_alive_handler)

        def data_received(self, data: bytes) -> None:
            # unlike uvicorn's, partial data does not stop the timer: handle_events stops it
            # when a whole request head has arrived
            self.conn.receive_data(data)
            self.handle_events()

        def timeout_keep_alive_handler(self) -> None:
            if self.transport.is_closing():
                return
            try:
                self.conn.send(h11.ConnectionClosed())
            except h11.LocalProtocolError:
                pass
            self.transport.close()

    return BoundedH11Protocol
