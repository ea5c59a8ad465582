"""`careloop backup` and `careloop restore`: a backup restored into an empty database holds every
record, file and audit entry; a damaged, newer or misdirected restore changes nothing."""

import io
import json
import sqlite3
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from careloop.core.attachments import attachment_add_file
from careloop.core.models import AuditEntry
from tests.feedback.factories import make_feedback

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(users, settings, tmp_path):
    settings.MODELS_DIR = tmp_path / "models"
    (settings.MODELS_DIR / "themes" / "run-1").mkdir(parents=True)
    (settings.MODELS_DIR / "themes" / "run-1" / "model.json").write_text('{"themes": 3}')
    (settings.MODELS_DIR / "minilm-int8").mkdir()
    (settings.MODELS_DIR / "minilm-int8" / "model.onnx").write_bytes(b"rebuilt by make model")
    case = make_feedback(user=users["admin"], text="The home lost my father's glasses twice.")
    attachment_add_file(
        record=case,
        file=SimpleUploadedFile("letter.pdf", b"%PDF-1.4 the complaint letter"),
        title="Letter",
        user=users["admin"],
        view_permission="feedback.view",
    )
    return case


@pytest.fixture
def target(tmp_path):
    """An empty database of the suite's engine, and an empty data folder."""
    data = tmp_path / "restored"
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}", data
        return
    db = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:10]}"
    server = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": "postgres"}
    with psycopg.connect(**server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    yield url, data
    with psycopg.connect(**server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _count(db, table: str) -> int:
    return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608


def _rows(url: str) -> dict[str, int]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            names = [
                r[0]
                for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
                if not r[0].startswith("sqlite_")
            ]
            return {n: _count(db, n) for n in names}
    with psycopg.connect(url) as db:
        names = [
            r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        ]
        return {n: _count(db, n) for n in names}


def _backup(path: Path) -> Path:
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def test_a_restore_into_an_empty_database_finds_every_record_file_and_audit_entry(
    council, target, tmp_path
):
    file = _backup(tmp_path / "careloop.tar")
    url, data = target
    out = io.StringIO()
    call_command("restore", str(file), database_url=url, data_dir=str(data), stdout=out)

    rows = _rows(url)
    with tarfile.open(file) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    assert rows == manifest["counts"]  # every table, every row
    assert rows["feedback_feedback"] == 1
    assert rows["core_auditentry"] == AuditEntry.objects.count() > 0
    restored = [p for p in (data / "media").rglob("*") if p.is_file()]
    assert [p.name.endswith("letter.pdf") for p in restored] == [True]
    assert restored[0].read_bytes() == b"%PDF-1.4 the complaint letter"
    assert (data / "models" / "themes" / "run-1" / "model.json").read_text() == '{"themes": 3}'
    assert not (data / "models" / "minilm-int8").exists()  # `make model` writes it again
    assert "Restored" in out.getvalue()


def _refused(file, target, reason):
    url, data = target
    with pytest.raises(CommandError, match=reason):
        call_command("restore", str(file), database_url=url, data_dir=str(data))
    assert _rows(url) == {}  # nothing changed
    assert not (data / "media").exists()


def test_a_file_cut_short_is_refused_and_nothing_changes(council, target, tmp_path):
    whole = _backup(tmp_path / "careloop.tar").read_bytes()
    cut = tmp_path / "cut.tar"
    cut.write_bytes(whole[: len(whole) // 2])
    _refused(cut, target, "Nothing was restored")


def _rewritten(file: Path, change) -> Path:
    members = {}
    with tarfile.open(file) as archive:
        for member in archive.getmembers():
            members[member.name] = archive.extractfile(member).read()
    members["manifest.json"] = json.dumps(change(json.loads(members["manifest.json"]))).encode()
    out = file.with_name("changed.tar")
    with tarfile.open(out, "w") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return out


def test_a_backup_from_a_newer_careloop_is_refused(council, target, tmp_path):
    file = _backup(tmp_path / "careloop.tar")

    def newer(manifest):
        manifest["migrations"]["feedback"].append("9999_from_the_future")
        return manifest

    _refused(_rewritten(file, newer), target, "newer careloop")
    _refused(_rewritten(file, lambda m: {**m, "format": 2}), target, "upgrade careloop")


def test_a_damaged_member_is_refused(council, target, tmp_path):
    file = _backup(tmp_path / "careloop.tar")

    def tampered(manifest):
        name = next(n for n in manifest["members"] if n.startswith("media/"))
        manifest["members"][name] = "0" * 64
        return manifest

    _refused(_rewritten(file, tampered), target, "does not match")


def test_a_restore_never_writes_over_a_database_in_use(council, tmp_path, settings):
    file = _backup(tmp_path / "careloop.tar")
    with pytest.raises(CommandError, match="already holds"):
        call_command("restore", str(file), data_dir=str(tmp_path / "elsewhere"))
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "missing.tar"))
    (tmp_path / "notes.txt").write_text("not a backup")
    with pytest.raises(CommandError, match="not a whole careloop backup"):
        call_command("restore", str(tmp_path / "notes.txt"))
    with pytest.raises(CommandError, match="no folder"):
        call_command("backup", str(tmp_path / "gone" / "careloop.tar"))
    assert not list(tmp_path.glob("**/*.partial"))
