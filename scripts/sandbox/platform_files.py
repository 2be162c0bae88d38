"""The files a console user would have for this sandbox: compose and autoscale files
pointing at the sandbox's ports, a console config, and the env/JSON settings."""
import json
import os
import re

from compose_port_rewriter import ComposePortRewriter
from platform_model import REFERENCE_AUTOSCALE, REFERENCE_COMPOSE

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

REDIS_URL_LINE = re.compile(r"^redis_url:.*$", re.MULTILINE)


def reference_path(relative):
    return os.path.join(REPO_ROOT, relative)


def read_text(path):
    with open(path, encoding="utf-8") as source:
        return source.read()


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as target:
        target.write(text)


def write_compose(sandbox_dir, host_port_by_service):
    source = reference_path(REFERENCE_COMPOSE)
    rewriter = ComposePortRewriter(host_port_by_service, source)
    text = rewriter.rewrite(read_text(source))
    missing = set(host_port_by_service) - rewriter.rewritten_services
    if missing:
        raise ValueError(f"{source}: no published port found for {', '.join(sorted(missing))}")
    path = os.path.join(sandbox_dir, "docker", "docker-compose.yml")
    write_text(path, text)
    return path


def write_autoscale(sandbox_dir, redis_url):
    source = reference_path(REFERENCE_AUTOSCALE)
    text, replaced = REDIS_URL_LINE.subn(f"redis_url: {redis_url}", read_text(source), count=1)
    if replaced != 1:
        raise ValueError(f"{source}: no top-level 'redis_url:' line to point at the sandbox")
    path = os.path.join(sandbox_dir, "config", "autoscale.yml")
    write_text(path, text)
    return path


# The compose file's volumes that are not a Redis server's data: the sandbox keeps each as a
# plain directory, backed up and restored with tar instead of a Docker container.
SANDBOX_VOLUMES = ("mlflow_data", "bentoml_models", "feast_data", "opik_data")
REDIS_RESTORE_STEPS = ("[redis:shutdown-nosave, redis:replace-rdb, redis:start, redis:wait-ready, "
                       "redis:verify-keys]")


def console_config_text(compose_file, autoscale_file, redis_url, backup_config, history_file):
    return ("default_environment: sandbox\n"
            "environments:\n"
            "  sandbox:\n"
            f"    compose_file: {compose_file}\n"
            f"    autoscale_file: {autoscale_file}\n"
            "    docker_host: 127.0.0.1\n"
            f"    redis_url: {redis_url}\n"
            f"    backup_config: {backup_config}\n"
            f"    history_file: {history_file}\n")


def redis_backup_target(name, data_dir, start_command):
    return (f"  {name}:\n"
            "    kind: redis-rdb\n"
            f"    data_dir: {data_dir}\n"
            f"    start_command: {start_command}\n"
            f"    restore: {REDIS_RESTORE_STEPS}\n")


def volume_backup_target(name, directory):
    return (f"  {name}:\n"
            "    kind: command\n"
            f"    volume: {name}\n"
            f"    command: tar -C {directory} -czf {{output_path}} .\n"
            "    verify_command: tar -tzf {output_path}\n"
            f"    restore: tar -C {directory} -xzf {{backup_path}}\n")


def write_backup_config(sandbox_dir):
    """backup.yml: the sandbox's targets with restore sequences that work here (the redis
    servers are stopped and restarted through this script's ctl commands)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "e2i-sandbox")
    text = ("# Written by e2i-sandbox: backups of this sandbox, for e2i-console and e2ictl.\n"
            f"directory: {os.path.join(sandbox_dir, 'backups')}\n"
            "targets:\n")
    text += redis_backup_target("redis", os.path.join(sandbox_dir, "redis"),
                                f"{script} ctl --dir {sandbox_dir} redis start")
    text += redis_backup_target("falkordb", os.path.join(sandbox_dir, "falkordb"),
                                f"{script} ctl --dir {sandbox_dir} fault falkordb ok")
    for volume in SANDBOX_VOLUMES:
        directory = os.path.join(sandbox_dir, "volumes", volume)
        os.makedirs(directory, exist_ok=True)
        write_text(os.path.join(directory, "README"), f"The sandbox's stand-in for the {volume} volume.\n")
        text += volume_backup_target(volume, directory)
    path = os.path.join(sandbox_dir, "backup.yml")
    write_text(path, text)
    return path


def settings_env_text(settings):
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def write_all(sandbox_dir, control_url, redis_url, falkordb_url, host_port_by_service, pid):
    """Writes every file; returns the settings (env keys -> values) in a stable order."""
    compose_file = write_compose(sandbox_dir, host_port_by_service)
    autoscale_file = write_autoscale(sandbox_dir, redis_url)
    backup_config = write_backup_config(sandbox_dir)
    console_config = os.path.join(sandbox_dir, "console.yml")
    # The sandbox's history lives with it, so that each sandbox starts with none.
    history_file = os.path.join(sandbox_dir, "history", "sandbox.sqlite")
    write_text(console_config, console_config_text(compose_file, autoscale_file, redis_url, backup_config,
                                                   history_file))
    settings = {
        "E2I_SANDBOX_DIR": sandbox_dir,
        "E2I_SANDBOX_CONTROL": control_url,
        "E2I_SANDBOX_PID": str(pid),
        "E2I_REDIS_URL": redis_url,
        "E2I_FALKORDB_URL": falkordb_url,
        "E2I_DOCKER_HOST": "127.0.0.1",
        "E2I_COMPOSE_FILE": compose_file,
        "E2I_AUTOSCALE_FILE": autoscale_file,
        "E2I_CONSOLE_CONFIG": console_config,
        "E2I_BACKUP_CONFIG": backup_config,
        "E2I_HISTORY_FILE": history_file,
    }
    for service, port in sorted(host_port_by_service.items()):
        settings[f"E2I_PORT_{service.upper()}"] = str(port)
    write_text(os.path.join(sandbox_dir, "sandbox.json"), json.dumps(settings, indent=2) + "\n")
    # The env file goes last: clients treat its presence as "the other files are there".
    write_text(os.path.join(sandbox_dir, "sandbox.env"), settings_env_text(settings))
    return settings


def read_env_file(sandbox_dir):
    path = os.path.join(sandbox_dir, "sandbox.env")
    settings = {}
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                raise ValueError(f"{path}:{number}: expected KEY=VALUE, got '{line}'")
            key, value = line.split("=", 1)
            settings[key] = value
    return settings
