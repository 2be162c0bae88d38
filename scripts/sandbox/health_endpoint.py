"""An HTTP health endpoint standing in for one platform service, with injectable faults."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = ("ok", "503", "hang", "refuse")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class HealthEndpoint:
    def __init__(self, service, paths):
        self.service = service
        self.paths = paths
        self.port = 0
        self.fault = "ok"
        self._fault_changed = threading.Condition()
        self._server = None
        self._thread = None

    def start(self):
        """Listen on the current port (0 = a free one the first time)."""
        self._server = _Server(("127.0.0.1", self.port), self._handler_class())
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name=f"health-{self.service}", daemon=True)
        self._thread.start()

    def stop(self):
        self._release_hung_requests("ok")
        self._close_listener()

    def set_fault(self, fault):
        if fault not in FAULTS:
            raise ValueError(f"{self.service}: unknown fault '{fault}', expected one of {FAULTS}")
        if fault == "refuse" and self._server is not None:
            self._close_listener()
        elif fault != "refuse" and self._server is None:
            self.start()
        self._release_hung_requests(fault)

    def _release_hung_requests(self, fault):
        with self._fault_changed:
            self.fault = fault
            self._fault_changed.notify_all()

    def _close_listener(self):
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._server = None

    def wait_while_hanging(self):
        with self._fault_changed:
            self._fault_changed.wait_for(lambda: self.fault != "hang")

    def _handler_class(self):
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                endpoint.respond(self)

            def log_message(self, *args):
                pass  # health probes are frequent; keep the supervisor's output readable

        return Handler

    def respond(self, request):
        if self.fault == "hang":
            # The request has been read; hold the connection open without an answer
            # until the fault is cleared, then drop it.
            self.wait_while_hanging()
            request.close_connection = True
            return
        if request.path.split("?")[0] not in self.paths:
            self._send_json(request, 404, {"service": self.service, "error": "not found"})
        elif self.fault == "503":
            self._send_json(request, 503, {"service": self.service, "status": "unavailable"})
        else:
            self._send_json(request, 200, {"service": self.service, "status": "ok"})

    @staticmethod
    def _send_json(request, status, body):
        payload = json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(payload)))
        request.end_headers()
        request.wfile.write(payload)
