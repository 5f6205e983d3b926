"""The versions of a year's budget as the budget page shows them: the table listing them,
each one's name in the version chooser, the story of who prepared, checked, approved
or returned it, and the status line and explanation above the page's actions.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.expenses.budget import IN_PROGRESS, BudgetStatus
from sales_desk.i18n import N_, _
from sales_desk.services.expenses.budgets import BudgetView
from sales_desk.ui.tabs.expenses.common import budget_status_text, local_time
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.table import Table

VERSION_HEADERS = (N_("Revision"), N_("Status"), N_("Total"), N_("Prepared by"), N_("Checked by"),
                   N_("Approved by"))


def version_cell(v: BudgetView, column: int) -> str:
    return (str(v.revision), budget_status_text(v.status), money_text(v.total), v.prepared_by, v.checked_by,
            v.approved_by)[column]


def version_text(v: BudgetView) -> str:
    text = _("Revision {n}: {status}").format(n=v.revision, status=budget_status_text(v.status))
    return _("{version} (in force)").format(version=text) if v.status == BudgetStatus.APPROVED.value else text


def history_text(v: BudgetView) -> str:
    """Who prepared, checked, approved or returned this version, and when."""
    lines = [_("Prepared by {who} on {at}.").format(who=v.prepared_by, at=local_time(v.prepared_at))]
    if v.revision_reason:
        lines.append(_("Reason for the revision: {reason}").format(reason=v.revision_reason))
    if v.checked_at:
        lines.append(_("Checked by {who} (finance) on {at}.").format(who=v.checked_by, at=local_time(v.checked_at))
                     + (" " + _("“{comment}”").format(comment=v.check_comment) if v.check_comment else ""))
    if v.approved_at:
        lines.append(_("Approved by {who} on {at}.").format(who=v.approved_by, at=local_time(v.approved_at))
                     + (" " + _("“{comment}”").format(comment=v.approval_comment) if v.approval_comment else ""))
    if v.status == BudgetStatus.RETURNED.value and v.returned_at:
        lines.append(_("Returned by {who} on {at}: {reason}").format(
            who=v.returned_by, at=local_time(v.returned_at), reason=v.returned_reason))
    return "\n".join(lines)


def shown_version_texts(year: int, v: BudgetView | None, versions: list[BudgetView], new_draft: bool,
                        preparer: bool, department: str | None, grid_total: int) -> tuple[str, str]:
    """The page's status line and the text under it: a first version being typed, no
    budget yet, or the version shown (with the chosen department's part, the grid's total)."""
    if new_draft:
        return (_("New budget for {year}, not saved yet — total {total}").format(
                    year=year, total=money_text(grid_total)),
                _("Type the figures per department (choose it above), then save and submit them to finance."))
    if v is None:
        return (_("No budget for {year} yet.").format(year=year),
                _("The sales side prepares it; finance checks it; the general manager approves it.")
                if not preparer else
                _("Start it: the figures of the budget in force last year are copied in to begin with."))
    total = _("{version} — total {total}").format(version=version_text(v), total=money_text(v.total))
    if department is not None:
        total = _("{total}; {department}: {amount}").format(
            total=total, department=department, amount=money_text(grid_total))
    text = history_text(v)
    in_force = next((x for x in versions if x.status == BudgetStatus.APPROVED.value), None)
    if BudgetStatus(v.status) in IN_PROGRESS and in_force is not None:
        text += "\n" + _("Revision {n} stays in force until this one is approved.").format(n=in_force.revision)
    return total, text


class VersionsTable(Table):
    """The year's versions, one row each, as budget_versions returns them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("expenses/budget_versions", parent)
        self.setObjectName("budget_versions")
        self.rows: RowsTableModel[BudgetView] = RowsTableModel(
            [_(h) for h in VERSION_HEADERS], version_cell, self, right_aligned=(0, 2))
        self.setModel(self.rows)
        self.restore_layout({0: 64, 1: 150, 2: 105, 3: 88, 4: 84})
