"""`check` on the documents of record: each issued document's kept bytes against the hash
written when it was issued, and that hash against the audit chain's record of the issue.

Editing the bytes breaks the first; editing the bytes and the register's hash together
breaks the second, since the audit row is chained, signed and anchored. A document without
its audit row was put in the register without the program.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.models import AuditEntry, DocumentContent, IssuedDocument

CHANGED, MISSING, NOT_AUDITED, NOT_AS_AUDITED = "changed", "missing", "not-audited", "not-as-audited"


@dataclass(frozen=True)
class DocumentFinding:
    number: str
    title: str
    why: str  # one of CHANGED, MISSING, NOT_AUDITED, NOT_AS_AUDITED


def document_findings(uow: UnitOfWork, batch: int = 200) -> list[DocumentFinding]:
    """Every issued document whose bytes or hash the audit trail does not bear out."""
    audited: dict[str, str] = {}
    for entity_id, after in uow.session.execute(
            select(AuditEntry.entity_id, AuditEntry.after).where(AuditEntry.action == "document.issue")):
        try:
            audited[entity_id] = json.loads(after or "{}").get("sha256", "")
        except ValueError:
            audited[entity_id] = ""
    found: list[DocumentFinding] = []
    last = 0
    while True:
        rows = uow.session.execute(
            select(IssuedDocument.id, IssuedDocument.number, IssuedDocument.title, IssuedDocument.sha256,
                   DocumentContent.content)
            .outerjoin(DocumentContent, DocumentContent.document_id == IssuedDocument.id)
            .where(IssuedDocument.id > last).order_by(IssuedDocument.id).limit(batch)).all()
        if not rows:
            return found
        for doc_id, number, title, sha, content in rows:
            why = _why(str(doc_id), sha, content, audited)
            if why:
                found.append(DocumentFinding(number, title, why))
        last = rows[-1][0]
        uow.session.expunge_all()


def _why(doc_id: str, sha: str, content: bytes | None, audited: dict[str, str]) -> str:
    if doc_id not in audited:
        return NOT_AUDITED
    if audited[doc_id] != sha:
        return NOT_AS_AUDITED
    if content is None:
        return MISSING
    if hashlib.sha256(content).hexdigest() != sha:
        return CHANGED
    return ""
