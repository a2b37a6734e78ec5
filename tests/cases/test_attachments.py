"""Attachments are stored under their content's hash, never overwritten, and read back only
while the hash holds."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import Engine

from akrim.cases.attachments import MAX_BYTES, add_attachment, attachments_dir, read_attachment
from akrim.cases.flow import CaseError, change_status, open_case
from akrim.cases.read import get_case
from akrim.settings import Settings


@pytest.fixture
def case_id(engine: Engine) -> int:
    return open_case(engine, "company", "912345678", "Bygg AS", ["nav"], [], "kari")


def test_an_attachment_is_stored_by_its_hash_and_read_back(
        engine: Engine, settings: Settings, case_id: int) -> None:
    content = "Rapport fra kontroll 5. januar, Bærum\n".encode()
    digest = add_attachment(engine, settings.data_dir, case_id, "C:\\tmp\\rapport.txt",
                            content, "kari")
    assert digest == hashlib.sha256(content).hexdigest()
    assert (attachments_dir(settings.data_dir) / digest).read_bytes() == content
    [stored] = get_case(engine, case_id).attachments
    assert (stored["filename"], stored["size"], stored["sha256"]) == ("rapport.txt",
                                                                      len(content), digest)
    assert read_attachment(engine, settings.data_dir, case_id, stored["id"]) == (
        "rapport.txt", content)
    assert get_case(engine, case_id).timeline[-1]["kind"] == "attachment"


def test_the_same_content_is_one_file_never_overwritten(
        engine: Engine, settings: Settings, case_id: int) -> None:
    first = add_attachment(engine, settings.data_dir, case_id, "a.pdf", b"same", "kari")
    path = attachments_dir(settings.data_dir) / first
    before = path.stat()
    second = add_attachment(engine, settings.data_dir, case_id, "b.pdf", b"same", "ola")
    assert first == second and path.stat().st_mtime_ns == before.st_mtime_ns
    assert [p.name for p in attachments_dir(settings.data_dir).iterdir()] == [first]
    assert [a["filename"] for a in get_case(engine, case_id).attachments] == ["a.pdf", "b.pdf"]


def test_a_changed_file_is_detected(engine: Engine, settings: Settings, case_id: int) -> None:
    digest = add_attachment(engine, settings.data_dir, case_id, "a.txt", b"original", "kari")
    (attachments_dir(settings.data_dir) / digest).write_bytes(b"forged")
    attachment_id = get_case(engine, case_id).attachments[0]["id"]
    with pytest.raises(CaseError) as changed:
        read_attachment(engine, settings.data_dir, case_id, attachment_id)
    assert changed.value.key == "case.attachment_changed"
    with pytest.raises(CaseError) as elsewhere:
        read_attachment(engine, settings.data_dir, case_id + 1, attachment_id)
    assert elsewhere.value.key == "case.attachment_missing"


@pytest.mark.parametrize(("name", "content", "key"), [
    ("a.txt", b"", "case.attachment_size"),
    ("a.txt", b"x" * (MAX_BYTES + 1), "case.attachment_size"),
    ("/", b"x", "case.attachment_name"),
    ("  ", b"x", "case.attachment_name"),
])
def test_an_empty_oversized_or_nameless_file_is_refused(
        engine: Engine, settings: Settings, case_id: int, name: str, content: bytes,
        key: str) -> None:
    with pytest.raises(CaseError) as refused:
        add_attachment(engine, settings.data_dir, case_id, name, content, "kari")
    assert refused.value.key == key
    assert get_case(engine, case_id).attachments == []


def test_a_closed_case_takes_no_attachment(engine: Engine, settings: Settings,
                                           case_id: int) -> None:
    change_status(engine, case_id, "closed", "kari", outcome="Henlagt")
    with pytest.raises(CaseError) as closed:
        add_attachment(engine, settings.data_dir, case_id, "a.txt", b"late", "kari")
    assert closed.value.key == "case.closed"
    assert not attachments_dir(settings.data_dir).exists()
