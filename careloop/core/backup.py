"""Backup and restore of a whole careloop: the database, uploaded files and trained models.

A backup is one tar file: the database (SQLite's online backup, or `pg_dump`'s custom format),
`media/` (uploaded files), `models/` (trained theme models; not the exported base sentence
model, which `make model` writes again) and, last, `manifest.json`: the format, the engine, the
migrations applied, the rows in every table and a SHA-256 of every other member. A restore
reads and checks the whole file before it changes anything: a file cut short has no manifest or
a member that does not match; a file from a newer careloop names migrations this one does not
have. It then restores only into an empty database and an empty files folder, so it never
mixes two councils' records.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
# folders of MODELS_DIR that an install writes again (`make model`), so a backup leaves them out
REBUILT_MODELS = frozenset({"minilm-int8"})


class BackupError(Exception):
    """A backup or restore refused, with the reason a person can act on."""


@dataclass(frozen=True)
class Target:
    """Where a restore writes: a database (Django settings dict) and a data folder."""

    database: dict[str, Any]
    media: Path
    models: Path

    @classmethod
    def configured(cls, database_url: str = "", data_dir: str = "") -> Target:
        database = dj_database_url.parse(database_url) if database_url else connection.settings_dict
        base = Path(data_dir) if data_dir else None
        return cls(
            database=dict(database),
            media=base / "media" if base else Path(settings.MEDIA_ROOT),
            models=base / "models" if base else Path(settings.MODELS_DIR),
        )


def _engine(database: dict[str, Any]) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"careloop backs up SQLite and PostgreSQL only, not {engine}")


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[name] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from error
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-500:]}")


def _describe(query: Callable[[str], list], tables: list[str]) -> tuple[dict, dict]:
    """The rows in every table and the migrations applied, as the dump holds them."""
    counts = {t: int(query(f'SELECT COUNT(*) FROM "{t}"')[0][0]) for t in sorted(tables)}  # noqa: S608
    applied: dict[str, list[str]] = {}
    for app, name in sorted(query("SELECT app, name FROM django_migrations")):
        applied.setdefault(app, []).append(name)
    return counts, applied


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    return [r[0] for r in rows if not r[0].startswith("sqlite_")]


def _dump(dump: Path, engine: str) -> tuple[dict, dict]:
    """Write the database to `dump`; return its rows per table and migrations, read from the
    same moment as the dump (SQLite: the dump itself; PostgreSQL: pg_dump shares the snapshot
    of the transaction that counts)."""
    if engine == "sqlite":
        connection.ensure_connection()
        db = sqlite3.connect(dump)
        try:
            connection.connection.backup(db)
            return _describe(lambda sql: db.execute(sql).fetchall(), _sqlite_tables(db))
        finally:
            db.close()
    if connection.in_atomic_block:
        raise BackupError("A backup runs outside a transaction, so that it sees committed work")
    settings_dict = connection.settings_dict
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        command = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"]
        _run([*command, settings_dict["NAME"]], _pg_env(settings_dict))

        def query(sql: str) -> list:
            cursor.execute(sql)
            return cursor.fetchall()

        return _describe(query, connection.introspection.table_names(cursor))


def _files(folder: Path, prefix: str, skip: frozenset[str] = frozenset()) -> list[tuple[Path, str]]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and relative.parts[0] not in skip:
            found.append((path, f"{prefix}/{relative.as_posix()}"))
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(out: Path) -> dict[str, Any]:
    """Write the whole careloop to `out` (a tar file); return its manifest."""
    engine = _engine(connection.settings_dict)
    if not out.parent.is_dir():
        raise BackupError(f"There is no folder {out.parent} to write the backup in")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / ("database.sqlite3" if engine == "sqlite" else "database.pgdump")
        counts, applied = _dump(dump, engine)
        members = [
            (dump, dump.name),
            *_files(Path(settings.MEDIA_ROOT), "media"),
            *_files(Path(settings.MODELS_DIR), "models", REBUILT_MODELS),
        ]
        manifest = {
            "format": FORMAT,
            "careloop": _version(),
            "engine": engine,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": applied,
            "counts": counts,
            "members": {name: _sha256(path) for path, name in members},
        }
        partial = out.with_name(out.name + ".partial")
        try:
            with tarfile.open(partial, "w") as archive:
                for path, name in members:
                    archive.add(path, arcname=name, recursive=False)
                data = json.dumps(manifest, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        except OSError as error:  # a full disk, say: no half-written backup is left behind
            partial.unlink(missing_ok=True)
            raise BackupError(f"The backup could not be written: {error}") from error
        partial.replace(out)
    return manifest


def _version() -> str:
    try:
        return version("careloop")
    except PackageNotFoundError:
        return "unknown"


def _unpack(source: Path, into: Path) -> dict[str, Any]:
    """Extract `source` into `into` and check it whole; return its manifest."""
    try:
        with tarfile.open(source, "r") as archive:
            archive.extractall(into, filter="data")
    except FileNotFoundError as error:
        raise BackupError(f"There is no backup file at {source}") from error
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{source} is not a whole careloop backup ({error})") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(
            f"{source} has no manifest: it was cut short or is not a backup"
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            f"{source} is a backup of format {manifest.get('format')!r}; this careloop "
            f"restores format {FORMAT}: upgrade careloop first"
        )
    for name, digest in manifest.get("members", {}).items():
        path = into / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"{source} is damaged or cut short: {name} does not match")
    return manifest


def _check_version(manifest: dict[str, Any]) -> None:
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"The backup was made by a newer careloop ({len(unknown)} migrations this one does "
            f"not have, such as {unknown[0]}): upgrade careloop, then restore"
        )


def _tables(database: dict[str, Any]) -> list[str]:
    if database["NAME"] == connection.settings_dict["NAME"]:  # the database careloop runs on
        return connection.introspection.table_names()
    if _engine(database) == "sqlite":
        name = str(database["NAME"])
        if not Path(name).exists():
            return []
        db = sqlite3.connect(name)
        try:
            return _sqlite_tables(db)
        finally:
            db.close()
    # imported here: psycopg is only needed for a PostgreSQL target
    import psycopg

    try:
        with psycopg.connect(**_pg_params(database)) as pg:
            rows = pg.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
    except psycopg.Error as error:
        raise BackupError(
            f"The target database {database['NAME']} cannot be reached (create it empty "
            f"first): {str(error).strip()[:200]}"
        ) from error
    return [r[0] for r in rows]


def _pg_params(database: dict[str, Any]) -> dict[str, Any]:
    params = {"dbname": database["NAME"]}
    for key in ("HOST", "PORT", "USER", "PASSWORD"):
        if database.get(key):
            params[key.lower()] = database[key]
    return params


def _not_empty(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def restore(source: Path, target: Target) -> dict[str, Any]:
    """Restore the backup `source` into `target`, which must be empty; return the manifest."""
    with tempfile.TemporaryDirectory() as work:
        unpacked = Path(work)
        manifest = _unpack(source, unpacked)
        _check_version(manifest)
        engine = _engine(target.database)
        if manifest["engine"] != engine:
            raise BackupError(
                f"The backup is of a {manifest['engine']} database; the target is {engine}"
            )
        if tables := _tables(target.database):
            raise BackupError(
                f"The target database already holds {len(tables)} tables: restore only into an "
                "empty database, so that no records are mixed or lost"
            )
        if _not_empty(target.media):
            raise BackupError(f"The files folder {target.media} is not empty")
        if engine == "sqlite":
            _restore_sqlite(unpacked / "database.sqlite3", Path(target.database["NAME"]))
        else:
            db = target.database
            _run(
                [
                    "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                    "--single-transaction", f"--dbname={db['NAME']}",
                    str(unpacked / "database.pgdump"),
                ],
                _pg_env(db),
            )  # fmt: skip
        for folder, into in (("media", target.media), ("models", target.models)):
            if (unpacked / folder).is_dir():
                into.mkdir(parents=True, exist_ok=True)
                shutil.copytree(unpacked / folder, into, dirs_exist_ok=True)
    return manifest


def _restore_sqlite(dump: Path, into: Path) -> None:
    into.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(dump)
    target = sqlite3.connect(into)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
