"""Port checks of the native stack: a listening server makes a port taken, a server that just stopped does not."""

from __future__ import annotations

import socket

from llmdata.stack.services import is_free


def test_a_listening_port_is_taken():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert not is_free(server.getsockname()[1])


def test_a_port_whose_server_just_stopped_is_free_again():
    """The server closed first, so its side of the connection waits in TIME_WAIT — as after stopping Postgres."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = server.accept()
    accepted.close()  # the server side closes first: it holds the TIME_WAIT
    client.recv(1)
    client.close()
    server.close()
    assert is_free(port)
