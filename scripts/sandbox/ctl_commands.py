"""Grammar of `e2i-sandbox ctl` commands, shared by the client (early, friendly errors)
and the supervisor (the authority that executes them)."""
import argparse

from health_endpoint import FAULTS
from platform_model import ALL_QUEUES, HEALTH_SERVICES, TIERS

FALKORDB_FAULTS = ("ok", "refuse")


class CommandError(ValueError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise CommandError(f"{self.prog}: {message}")


def non_negative_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def priority(text):
    value = int(text)
    if not 0 <= value <= 9:
        raise argparse.ArgumentTypeError(f"priority must be 0-9, got {value}")
    return value


def build_parser():
    parser = _Parser(prog="e2i-sandbox ctl", add_help=False)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    scale = commands.add_parser("scale", add_help=False)
    scale.add_argument("tier", choices=tuple(TIERS))
    scale.add_argument("replicas", type=non_negative_int)
    kill = commands.add_parser("kill-worker", add_help=False)
    kill.add_argument("tier", choices=tuple(TIERS))
    fault = commands.add_parser("fault", add_help=False)
    fault.add_argument("service", choices=tuple(HEALTH_SERVICES) + ("falkordb",))
    fault.add_argument("mode", choices=FAULTS)
    redis = commands.add_parser("redis", add_help=False)
    redis.add_argument("action", choices=("stop", "start"))
    load = commands.add_parser("load", add_help=False)
    load.add_argument("state", choices=("on", "off"))
    burst = commands.add_parser("burst", add_help=False)
    burst.add_argument("queue", choices=ALL_QUEUES)
    burst.add_argument("count", type=non_negative_int)
    enqueue = commands.add_parser("enqueue", add_help=False)
    enqueue.add_argument("queue", choices=ALL_QUEUES)
    enqueue.add_argument("count", type=non_negative_int)
    enqueue.add_argument("--priority", type=priority, default=0)
    enqueue.add_argument("--task", default=None)
    stall = commands.add_parser("stall", add_help=False)
    stall.add_argument("tier", choices=tuple(TIERS))
    stall.add_argument("state", choices=("on", "off"))
    commands.add_parser("status", add_help=False)
    commands.add_parser("shutdown", add_help=False)
    return parser


def parse(argv):
    command = build_parser().parse_args(argv)
    if command.command == "fault" and command.service == "falkordb" \
            and command.mode not in FALKORDB_FAULTS:
        raise CommandError(f"fault falkordb: only {'|'.join(FALKORDB_FAULTS)} apply to the "
                           f"falkordb stand-in (it is a redis-server, not HTTP)")
    return command
