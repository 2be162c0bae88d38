"""Points a compose file's published ports at the sandbox."""
import re

SERVICE_LINE = re.compile(r"^  ([A-Za-z0-9_.-]+):\s*(#.*)?$")
TOP_LEVEL_LINE = re.compile(r"^[A-Za-z0-9_.-]+:")
PORTS_LINE = re.compile(r"^\s+ports:")
LIST_ITEM_LINE = re.compile(r"^\s+-\s")
PORT_MAPPING = re.compile(r"""(["']?)(\d+):(\d+)(["']?)""")


class ComposePortRewriter:
    """Rewrites only the host side of each published port, line by line, so comments,
    anchors and merge keys stay byte-identical."""

    def __init__(self, host_port_by_service, source_name):
        self._host_port_by_service = host_port_by_service
        self._source_name = source_name
        self.rewritten_services = set()

    def rewrite(self, text):
        lines = text.splitlines(keepends=True)
        section, service, in_ports = None, None, False
        for number, line in enumerate(lines, start=1):
            if TOP_LEVEL_LINE.match(line):
                section, service, in_ports = line.split(":")[0], None, False
            elif section == "services" and SERVICE_LINE.match(line):
                service, in_ports = SERVICE_LINE.match(line).group(1), False
            if service is None:
                continue
            if PORTS_LINE.match(line):
                in_ports = True
                lines[number - 1] = self._rewrite_line(line, service, number)
            elif in_ports and LIST_ITEM_LINE.match(line):
                lines[number - 1] = self._rewrite_line(line, service, number)
            else:
                in_ports = False
        return "".join(lines)

    def _rewrite_line(self, line, service, number):
        if service not in self._host_port_by_service:
            raise ValueError(f"{self._source_name}:{number}: service '{service}' publishes a "
                             f"port but the sandbox has nothing to serve it")
        host_port = self._host_port_by_service[service]
        self.rewritten_services.add(service)
        return PORT_MAPPING.sub(
            lambda m: f"{m.group(1)}{host_port}:{m.group(3)}{m.group(4)}", line)
