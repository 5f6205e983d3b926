"""The collection letter's two tables: the overdue items (the reason of the debt: document,
contract / shipment, dates, amount owed, with the total) and the collection so far
[催账经过] (each step taken and each payment received). Both are ruled tables of short
plain strings, drawn rather than laid out as paragraphs: a batch of a thousand letters has
tens of thousands of cells.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from sales_desk.domain.collections.dunning import METHOD_LABELS, STEP_LABELS, SendMethod, Step
from sales_desk.reports.collections.letter_format import letter_date, letter_money
from sales_desk.reports.collections.letter_terms_zh import LetterText
from sales_desk.reports.common.fonts import cjk_font
from sales_desk.reports.common.pdf_base import LINE, SHADE, WIDTH, Styles, para
from sales_desk.services.collections.letter_data import LetterData

W = WIDTH / 100


def _table(rows: list[list[object]], widths: list[float], st: Styles, right: tuple[int, ...] = (),
           center: tuple[int, ...] = (), total_row: bool = False, wrap: tuple[int, ...] = ()) -> Table:
    """A ruled table of short plain strings (drawn, not laid out as paragraphs: a batch of a
    thousand letters has tens of thousands of cells); long text is wrapped as a paragraph."""
    font = cjk_font().name
    size = st.cell.fontSize

    def cell(v: object, c: int) -> object:
        if isinstance(v, str) and stringWidth(v, font, size) > widths[c] - 6:
            return para(v, st.cell)
        return v

    # the headings, and the columns whose text may be long (`wrap`), are measured; dates,
    # numbers and amounts always fit
    data = [[cell(v, c) if r == 0 or c in wrap else v for c, v in enumerate(row)] for r, row in enumerate(rows)]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), st.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), st.cell.leading),
        ("GRID", (0, 0), (-1, -1), 0.5, LINE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in right]
    style += [("ALIGN", (c, 1), (c, -1), "CENTER") for c in center]
    if total_row:
        style += [("SPAN", (0, -1), (-2, -1)), ("BACKGROUND", (0, -1), (-1, -1), SHADE)]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def items_table(d: LetterData, _: LetterText, st: Styles) -> Flowable:
    rows: list[list[object]] = [[_("Document no."), _("Contract / shipment"), _("Document date"), _("Due date"),
                                 _("Days overdue"), _("Amount owed")]]
    for i in d.items:
        rows.append([i.doc_no, i.reference, letter_date(i.doc_date, _), letter_date(i.due_date, _),
                     str(i.days_overdue) if i.days_overdue else "", letter_money(i.open_amount, d, _)])
    rows.append([_("Total owed"), "", "", "", "", letter_money(d.total, d, _)])
    return _table(rows, [17 * W, 26 * W, 15 * W, 15 * W, 10 * W, 17 * W], st, right=(4, 5), center=(2, 3),
                  total_row=True, wrap=(0, 1))


def history_table(d: LetterData, _: LetterText, st: Styles) -> Flowable:
    rows: list[list[object]] = [[_("Date"), _("What was done"), _("Sent by / number"), _("Amount")]]
    for h in d.history:
        if h.what == "receipt":
            what = _("Payment received {number}").format(number=h.reference)
            how = ""
        else:
            label, zh = STEP_LABELS[Step(h.what)]
            what = _.term(label, zh)
            how = " ".join(x for x in (_.term(*METHOD_LABELS[SendMethod(h.sent_via)]) if h.sent_via else "",
                                       h.reference) if x)
        rows.append([letter_date(h.on, _), what, how, letter_money(h.amount, d, _) if h.amount else ""])
    if len(rows) == 1:
        rows.append([_("none"), "", "", ""])
    return _table(rows, [16 * W, 40 * W, 26 * W, 18 * W], st, right=(3,), center=(0,), wrap=(1, 2))
