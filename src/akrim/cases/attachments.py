"""Attachments of cases, stored by content: `data_dir/attachments/<sha256>`.

Why by content: a file's name says what it is, its hash that it is unchanged. A stored file is
never overwritten (the same content uploaded twice is one file; a file whose hash no longer
matches its name has been tampered with), and the case keeps the name, size and hash."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path, PurePath

from sqlalchemy import Engine, insert, select

from akrim.cases.flow import CaseError, record_event, require_open
from akrim.i18n import add_messages
from akrim.ops.db import audit, case_attachment, now

MAX_BYTES = 20_000_000
"""Larger files belong in the agencies' own archives; a case links to them in a note."""

add_messages({
    "case.attachment_size": ("Vedlegget er tomt eller større enn {max} byte.",
                             "The attachment is empty or larger than {max} bytes."),
    "case.attachment_name": ("Vedlegget mangler filnavn.", "The attachment has no file name."),
    "case.attachment_missing": ("Vedlegg {attachment} finnes ikke i sak {case_id}.",
                                "Attachment {attachment} is not in case {case_id}."),
    "case.attachment_changed": ("Filen til vedlegg {attachment} er endret eller borte: hashen "
                                "stemmer ikke.",
                                "The file of attachment {attachment} was changed or removed: "
                                "its hash does not match."),
})


def attachments_dir(data_dir: Path) -> Path:
    return data_dir / "attachments"


def _store(folder: Path, content: bytes) -> str:
    """Write `content` under its hash unless a file of that name is there; the hash."""
    digest = hashlib.sha256(content).hexdigest()
    target = folder / digest
    if target.exists():
        return digest
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.link(temporary, target)  # fails rather than replaces, if another writer won
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)
    return digest


def add_attachment(engine: Engine, data_dir: Path, case_id: int, filename: str,
                   content: bytes, user: str) -> str:
    """Attach `content` under `filename` (its last path part only); returns its sha256."""
    name = PurePath(filename.replace("\\", "/")).name.strip()
    if not name:
        raise CaseError("case.attachment_name")
    if not 0 < len(content) <= MAX_BYTES:
        raise CaseError("case.attachment_size", max=MAX_BYTES)
    with engine.connect() as con:
        require_open(con, case_id)
    digest = _store(attachments_dir(data_dir), content)
    with engine.begin() as con:
        require_open(con, case_id)
        con.execute(insert(case_attachment).values(
            case_id=case_id, filename=name[:255], sha256=digest, size=len(content),
            added_by=user, added_at=now()))
        record_event(con, case_id, user, "attachment", f"{name[:255]} sha256:{digest}")
    audit(engine, "case.attachment", f"case:{case_id}", f"sak:{case_id}", user)
    return digest


def read_attachment(engine: Engine, data_dir: Path, case_id: int, attachment_id: int
                    ) -> tuple[str, bytes]:
    """The attachment's file name and content, checked against its hash."""
    with engine.connect() as con:
        row = con.execute(select(case_attachment).where(
            case_attachment.c.id == attachment_id,
            case_attachment.c.case_id == case_id)).first()
    if row is None:
        raise CaseError("case.attachment_missing", attachment=attachment_id, case_id=case_id)
    path = attachments_dir(data_dir) / row.sha256
    content = path.read_bytes() if path.is_file() else b""
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise CaseError("case.attachment_changed", attachment=attachment_id)
    return row.filename, content
