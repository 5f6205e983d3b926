"""The Collections tab [销售回款] (SPEC §5): pages by duty — receipts for finance, the ledger and
aging for everyone who follows receivables, the ladder with its letters, lawsuits and
write-offs, deferrals, the year-end clearance, staff liability with the year-end list and the credit audit."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.advance_reports_page import AdvanceReportsPage
from sales_desk.ui.tabs.collections.aging_page import AgingPage
from sales_desk.ui.tabs.collections.deferrals_page import DeferralsPage
from sales_desk.ui.tabs.collections.distributor_stock_page import DistributorStockPage
from sales_desk.ui.tabs.collections.ladder_page import LadderPage
from sales_desk.ui.tabs.collections.ledger_page import LedgerPage
from sales_desk.ui.tabs.collections.liability_page import LiabilityPage
from sales_desk.ui.tabs.collections.rebates_page import RebatesPage
from sales_desk.ui.tabs.collections.receipts_page import ReceiptsPage
from sales_desk.ui.tabs.collections.statements_page import StatementsPage
from sales_desk.ui.tabs.collections.writeoffs_page import WriteOffsPage
from sales_desk.ui.tabs.collections.year_end_page import YearEndPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions

VIEW = frozenset({Perm.RECEIVABLE_VIEW})
PAGES: tuple[PageSpec, ...] = (
    PageSpec("receipts", N_("Money received"), frozenset({Perm.RECEIPT_RECORD}), ReceiptsPage),
    PageSpec("ladder", N_("Collection ladder"), VIEW, LadderPage),
    PageSpec("aging", N_("Aging"), VIEW, AgingPage),
    PageSpec("ledger", N_("Customer ledger"), VIEW, LedgerPage),
    # 销售专员 职责6: the rep reconciles with their customers, finance with all
    PageSpec("statements", N_("Statements of account"), frozenset({Perm.STATEMENT_ISSUE}), StatementsPage),
    # those who run the ladder too: the reps gather a lawsuit's evidence (seed 001 第10条 5)
    PageSpec("writeoffs", N_("Lawsuits and write-offs"),
             frozenset({Perm.WRITEOFF_SUBMIT, Perm.WRITEOFF_APPROVE, Perm.DUNNING_OVERSEE, Perm.DUNNING_RUN}),
             WriteOffsPage),
    PageSpec("deferrals", N_("Deferred payment"),
             frozenset({Perm.DEFERRAL_REQUEST, Perm.DEFERRAL_CHECK, Perm.DEFERRAL_APPROVE}), DeferralsPage),
    PageSpec("year_end", N_("Year-end clearance"), VIEW, YearEndPage),
    PageSpec("liability", N_("Staff liability"), VIEW, LiabilityPage),
    # 信用 第15条3: the rep reports, the sales manager and the GM read
    PageSpec("advance_reports", N_("Advance reports"),
             frozenset({Perm.ADVANCE_REPORT_FILE, Perm.ADVANCE_REPORT_RECEIVE}), AdvanceReportsPage),
    # issue 19 (seed 002 一、10–11): distributors' stock reports and rebates
    PageSpec("rebates", N_("Distributors and rebates"),
             frozenset({Perm.DISTRIBUTOR_MANAGE, Perm.REBATE_APPROVE, Perm.REBATE_PAY}), RebatesPage),
    # the month's sheet of all the distributors one follows [进销存], flagged where it does not add up
    PageSpec("distributor_stock", N_("Distributors' stock"),
             frozenset({Perm.DISTRIBUTOR_MANAGE, Perm.DISTRIBUTOR_STOCK}), DistributorStockPage),
)
COLLECTIONS_TAB_PERMISSIONS = tab_permissions(PAGES)


class CollectionsTab(PagedTab):
    settings_key = "collections"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        home = "receipts" if actor.can(Perm.RECEIPT_RECORD) else "ladder"
        super().__init__(ctx, actor, PAGES, home, parent)
