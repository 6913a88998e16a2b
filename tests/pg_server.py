"""A throwaway PostgreSQL server for the tests, started from the machine's own binaries."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PgServer:
    host: str
    port: int
    user: str
    directory: Path
    run_as: list[str]
    bindir: Path

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def stop(self) -> None:
        subprocess.run(
            [
                *self.run_as,
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.directory / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.directory, ignore_errors=True)


def _bindir() -> Path:
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        raise RuntimeError("pg_config introuvable : installez postgresql (15) pour les tests.")
    out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True)
    bindir = Path(out.stdout.strip())
    if not (bindir / "initdb").exists():
        raise RuntimeError(
            f"initdb introuvable dans {bindir} : installez le paquet serveur postgresql."
        )
    return bindir


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server() -> PgServer:
    bindir = _bindir()
    directory = Path(tempfile.mkdtemp(prefix="essdesk-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        # initdb and pg_ctl refuse to run as root: the server runs as the postgres user.
        shutil.chown(directory, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data = directory / "data"
    subprocess.run(
        [
            *run_as,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        capture_output=True,
        check=True,
    )
    port = _free_port()
    options = f"-p {port} -h 127.0.0.1 -k {directory} -c fsync=off -c full_page_writes=off"
    subprocess.run(
        [
            *run_as,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "-l",
            str(directory / "server.log"),
            "start",
        ],
        capture_output=True,
        check=True,
    )
    return PgServer("127.0.0.1", port, "postgres", directory, run_as, bindir)
