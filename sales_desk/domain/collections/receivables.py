"""Receivables [应收账款]: the documents that change what a customer owes, and how a
credit (credit note, prepayment; receipts and write-offs in collections) settles them.

Sign convention: a debit document (invoice, opening balance) has a positive amount, a
credit document (credit note) a negative one; its open amount has the same sign and
moves toward 0 as allocations apply. models/receivables.py explains the tables.
"""

from __future__ import annotations

from enum import StrEnum

from sales_desk.i18n import N_, _


class DocumentKind(StrEnum):
    INVOICE = "invoice"  # from a shipment [发货应收]
    CREDIT_NOTE = "credit_note"  # from a return [红字/贷项]
    OPENING = "opening"  # an opening balance imported by collections [期初余额]

    @property
    def label(self) -> str:
        return _(DOCUMENT_LABELS[self][0])

    @property
    def sign(self) -> int:
        return -1 if self is DocumentKind.CREDIT_NOTE else 1


DOCUMENT_LABELS: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.INVOICE: (N_("Invoice"), "发货应收"),
    DocumentKind.CREDIT_NOTE: (N_("Credit note"), "退货冲减"),
    DocumentKind.OPENING: (N_("Opening balance"), "期初余额"),
}
DOC_PREFIX = {DocumentKind.INVOICE: "INV", DocumentKind.CREDIT_NOTE: "CN"}


class AllocationSource(StrEnum):
    """What settles a debit document. Collections adds RECEIPT and WRITE_OFF."""

    CREDIT_NOTE = "credit_note"
    PREPAYMENT = "prepayment"
    RECEIPT = "receipt"
    WRITE_OFF = "write_off"


def settle(open_amount: int, credit_left: int) -> int:
    """How much of a credit to apply to an open debit document: all of it, or what is open."""
    return max(0, min(open_amount, credit_left))


class PaymentMethod(StrEnum):
    """How money arrives [收款方式]."""

    TRANSFER = "transfer"
    CHEQUE = "cheque"
    BANK_DRAFT = "bank_draft"
    CASH = "cash"

    @property
    def label(self) -> str:
        return _(METHOD_LABELS[self][0])


METHOD_LABELS: dict[PaymentMethod, tuple[str, str]] = {
    PaymentMethod.TRANSFER: (N_("Bank transfer"), "银行转账"),
    PaymentMethod.CHEQUE: (N_("Cheque"), "支票"),
    PaymentMethod.BANK_DRAFT: (N_("Bank acceptance draft"), "银行承兑汇票"),
    PaymentMethod.CASH: (N_("Cash"), "现金"),
}
