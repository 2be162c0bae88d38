"""The supervisor's control API: POST /command with {"argv": [...]} -> JSON result."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server(ThreadingHTTPServer):
    daemon_threads = True


class ControlServer:
    def __init__(self, execute):
        """`execute(argv)` returns a JSON-able result or raises ValueError/RuntimeError."""
        self._execute = execute
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="control-api", daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self):
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def _handler_class(self):
        execute = self._execute

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                status, body = self._run_command()
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _run_command(self):
                if self.path != "/command":
                    return 404, {"ok": False, "error": f"unknown path {self.path}"}
                try:
                    length = int(self.headers.get("Content-Length", "0"))
                    argv = json.loads(self.rfile.read(length))["argv"]
                    return 200, {"ok": True, "result": execute(argv)}
                except (ValueError, KeyError, TypeError, RuntimeError) as error:
                    return 400, {"ok": False, "error": str(error)}

            def log_message(self, *args):
                pass

        return Handler
