#!/usr/bin/python3
"""Serves N loopback HTTP health endpoints from one process, for bench_monitor.
Prints the ports, one per line, then READY; answers 200 until stdin closes."""
import asyncio
import sys

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"status\":\"ok\"}"


async def handle(reader, writer):
    try:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(RESPONSE)
        await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(count):
    servers = [await asyncio.start_server(handle, "127.0.0.1", 0, backlog=256) for _ in range(count)]
    for server in servers:
        print(server.sockets[0].getsockname()[1])
    print("READY", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


asyncio.run(main(int(sys.argv[1])))
