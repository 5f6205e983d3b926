"""Render the shell offscreen to PNG files, in English and Chinese, on a temporary demo database.

    python tools/screenshots.py OUT_DIR [--lang en zh_CN] [--readme docs/screenshot.png]
                                        [--help-images resources/help/img]

Renders the login and first-run dialogs, the demo users' passwords shown after the
first run, the main window on each admin page, the add-user dialog showing a live
role conflict, and the Customers tab: the list, a customer file's pages (locked for
a manager until a reason is given), the reason prompt, the access card and a new
file; then each module's tabs (credit, expenses, collections, orders, dispatch) and the
dashboard for a rep, a finance clerk and the general manager; the user guide (F1) and About.
With --help-images, the user guide's pictures are made from these, smaller. Nothing touches the user's own settings or data: config, QSettings and the
database all live in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from sales_desk import clock

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "screenshot-password"
WINDOW_SIZE = (1200, 760)


def _prepare_environment(scratch: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")  # config.save() lands here
    os.environ.pop("SALES_DESK_LANG", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--lang", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--readme", type=Path, default=None,
                        help="also save the English general manager's dashboard here (e.g. docs/screenshot.png)")
    parser.add_argument("--help-images", type=Path, default=None,
                        help="also write the user guide's pictures, scaled down, here (resources/help/img)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="sales-desk-shots-") as tmp:
        scratch = Path(tmp)
        _prepare_environment(scratch)
        sys.path.insert(0, str(ROOT))
        written = Shots(scratch, args.out).run(args.lang, args.readme)
    if args.help_images is not None:
        written += help_images(args.out, args.help_images, args.lang)
    for path in written:
        print(path)
    return 0


class Shots:
    def __init__(self, scratch: Path, out: Path):
        from PySide6.QtCore import QSettings, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        # The offscreen platform warns about window-manager calls it cannot honour.
        qInstallMessageHandler(lambda kind, context, text: None if "does not support" in text
                               else print(text, file=sys.stderr))
        self.app = QApplication.instance() or QApplication(["sales-desk-screenshots"])
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "qsettings"))
        self.scratch, self.out = scratch, out
        self.written: list[Path] = []

    # -- helpers ---------------------------------------------------------------------------
    def settle(self) -> None:
        """Let the runner finish and the widgets lay themselves out."""
        for _ in range(3):
            while self.ctx.runner.busy():
                self.app.processEvents()
                time.sleep(0.01)
            for _ in range(5):
                self.app.processEvents()
            time.sleep(0.05)

    def save(self, widget, name: str) -> Path:  # noqa: ANN001
        self.settle()
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        self.written.append(path)
        return path

    # -- the data --------------------------------------------------------------------------
    def window_on(self, actor, key: str):  # noqa: ANN001, ANN201 - an Actor; (MainWindow, its tab)
        """The main window for `actor`, sized for the pictures, showing the tab `key`."""
        from sales_desk.ui.main_window import MainWindow

        window = MainWindow(self.ctx, actor)
        window.resize(*WINDOW_SIZE)
        _no_machine_path(window)
        window.show()
        tab = window.tab(key)
        window.tabs.setCurrentWidget(tab)
        return window, tab

    def open_demo(self) -> None:
        from sales_desk.app import make_restore
        from sales_desk.config import AppConfig
        from sales_desk.db.database import open_database
        from sales_desk.ui.context import AppContext
        from sales_desk.ui.tasks import TaskRunner

        config = AppConfig(data_dir=self.scratch / "data", language="en")
        self.database = open_database(config)
        self.ctx = AppContext(self.database, TaskRunner(), self.database.backups)
        self.ctx.restore = make_restore(self.ctx, config)

    def load_demo(self) -> None:
        from sales_desk.demo import firm as demo
        from sales_desk.services.admin import auth, backups, users

        self.admin = auth.create_first_admin(self.ctx.uow(), "admin", PASSWORD, "系统管理员")
        self.demo_result = demo.load_demo(self.ctx.uow(self.admin))
        # A small firm's allowed conflict, so the justification report has a line.
        users.add_user(self.ctx.uow(self.admin), "zhao.min", PASSWORD, ["sales_rep", "finance"],
                       full_name="赵敏", justification="只有两名员工，出纳兼任销售（总经理每月复核）")
        backups.take_backup(self.ctx.uow(self.admin), self.ctx.backups)

    # -- the pictures ----------------------------------------------------------------------
    def run(self, languages: list[str], readme: Path | None) -> list[Path]:
        from sales_desk.ui.demo_dialog import DemoUsersDialog
        from sales_desk.ui.language import apply_language
        from sales_desk.ui.login import FirstRunDialog, LoginDialog

        self.open_demo()
        try:
            for lang in languages:  # before the admin exists, as a first start shows it
                apply_language(lang)
                first = FirstRunDialog(self.ctx)
                first.show()
                self.save(first, f"{lang}-first-run")
                first.close()
            self.load_demo()
            for lang in languages:
                apply_language(lang)
                passwords = DemoUsersDialog(self.demo_result, self.ctx.description)
                passwords.show()
                self.save(passwords, f"{lang}-demo-users")
                passwords.kept = True  # no question on closing
                passwords.close()
                login = LoginDialog(self.ctx, username="admin")
                login.show()
                self.save(login, f"{lang}-login")
                login.close()
                self.main_window(lang)
                self.customers(lang)
                self.credit(lang)
                self.expenses(lang)
                self.collections(lang)
                self.orders(lang)
                self.warehouse(lang)
                self.dashboard(lang, readme if lang == "en" else None)
                self.help(lang)
        finally:
            self.ctx.runner.shutdown()
            self.database.close()
        return self.written

    def main_window(self, lang: str) -> None:
        from sales_desk.domain.common.roles import Role
        from sales_desk.ui.main_window import MainWindow

        window = MainWindow(self.ctx, self.admin)
        window.resize(*WINDOW_SIZE)
        _no_machine_path(window)
        window.show()
        tab = window.tab("admin")
        for key in tab.pages:
            page = tab.show_page(key)
            self.settle()
            if key in ("users", "audit", "backups") and page.model.rowCount():
                page.table.selectRow(0)
            self.save(window, f"{lang}-main-{key}")
        users_page = tab.show_page("users")
        dialog = users_page.add_user()
        dialog.username.setText("li.na")
        dialog.full_name.setText("李娜")
        dialog.password.setText(PASSWORD)
        dialog.repeat.setText(PASSWORD)
        dialog.picker.boxes[Role.SALES_REP].setChecked(True)
        dialog.picker.boxes[Role.WAREHOUSE].setChecked(True)
        self.save(dialog, f"{lang}-add-user-conflict")
        dialog.reject()
        window.close()

    def collections(self, lang: str) -> None:
        """Every page of the Collections tab: finance's, then the manager's write-offs."""
        window, tab = self.window_on(self.demo_user("wufang"), "collections")
        for key in tab.pages:
            page = tab.show_page(key)
            self.settle()
            if key == "receipts":  # the customer whose cheque bounced, and an amount to allocate
                from sales_desk.services.collections import aging, receipts

                row = next(r for r in aging.aging_report(self.ctx.uow(page.actor)).rows
                           if any(x.reversed_on for x in receipts.customer_receipts(self.ctx.uow(page.actor),
                                                                                    r.customer_id)))
                page.customer.set_customer(row.customer_id, row.code, row.name)
                self.settle()
                page.amount.setText("10,000.00")
                page.preview_oldest_first()
                page.history.selectRow(0)
            if key == "ledger":
                from sales_desk.services.collections import aging

                row = next(r for r in aging.aging_report(self.ctx.uow(page.actor)).rows if r.code == "C0017")
                page.show_customer(row.customer_id, row.code, row.name)
            table = getattr(page, "table", None)
            if table is not None and table.model() is not None and table.model().rowCount():
                table.selectRow(0)
            self.save(window, f"{lang}-collections-{key}")
        window.close()

    def demo_user(self, username: str):  # noqa: ANN201
        from sales_desk.services.admin import auth

        password = next(u.password for u in self.demo_result.users if u.username == username)
        return auth.login(self.ctx.uow(), username, password)

    def customers(self, lang: str) -> None:
        """The Customers tab as a sales manager sees it, and a file as its rep keeps it."""
        from sales_desk.services.customers import listing as customer_list
        from sales_desk.services.customers import records as customer_records
        from sales_desk.services.customers.listing import CustomerFilter
        from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog

        manager, rep = self.demo_user("zhangwei"), self.demo_user("yangfan")
        window, tab = self.window_on(manager, "customers")
        self.settle()
        # The customer on hold in view, not selected (its red would hide under the selection).
        held = customer_list.list_customers(self.ctx.uow(manager), CustomerFilter(credit_hold=True)).rows
        row = (tab.model.row_of(held[0].id) if held else None) or 1
        tab.table.selectRow(row - 1)
        tab.table.scrollTo(tab.model.index(row, 0), tab.table.ScrollHint.PositionAtCenter)
        self.save(window, f"{lang}-customers-list")

        dialog = tab.open_selected()
        dialog.resize(980, 640)
        dialog.show_section("business")
        self.save(dialog, f"{lang}-customers-file-locked")
        prompt = dialog.open_full_file()
        prompt.reason_edit.setText("年度信用复审 / annual credit review")
        self.save(prompt, f"{lang}-customers-reason")
        prompt.accept()  # opened, and written on the access card
        self.settle()
        dialog.show_section("access")
        self.save(dialog, f"{lang}-customers-file-access")
        dialog.reject()
        window.close()

        # The rep's own file with the most entries in its relationship log.
        mine = customer_list.list_customers(self.ctx.uow(rep), limit=500).rows
        logged = max(mine, key=lambda c: len(customer_records.list_interactions(self.ctx.uow(rep), c.id)))
        dialog = CustomerDialog(self.ctx, rep, logged.id)
        dialog.resize(980, 640)
        dialog.show()
        for key in ("basic", "profile", "business", "relationship"):
            page = dialog.show_section(key)
            self.settle()
            if key == "relationship" and page.model.rowCount():
                rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
                page.table.selectRow(next((i for i, r in enumerate(rows) if r.status == "open"), 0))
            self.save(dialog, f"{lang}-customers-file-{key}")
        dialog.reject()

        new = CustomerDialog(self.ctx, rep, None)
        new.resize(980, 640)
        new.show()
        new.fields["name"].setText("杭州新星电子科技有限公司")
        new.fields["short_name"].setText("新星电子")
        new.fields["address"].setText("浙江省杭州市滨江区江南大道 88 号")
        new.fields["phone"].setText("0571-86001234")
        self.save(new, f"{lang}-customers-new")
        new.done(0)  # closed without the question about unsaved changes


    def credit(self, lang: str) -> None:
        """The Credit tab: the specialist's investigation and scorecard, the manager's decision,
        the sales manager's customer view, hold and limit calculator, the re-ratings due."""
        from sales_desk.domain.credit.checklist import InvestigationStatus
        from sales_desk.services.credit import rating as credit_rating
        from sales_desk.ui.tabs.credit.scorecard import ProposeRatingDialog

        spec, csm, manager = self.demo_user("zhoumin"), self.demo_user("chenjing"), self.demo_user("zhangwei")
        window, tab = self.window_on(spec, "credit")
        page = tab.show_page("investigations")
        self.settle()
        rows = page.model.rows()
        returned = next(r for r in rows if r.status == InvestigationStatus.RETURNED)
        page.select(returned.id)
        self.save(window, f"{lang}-credit-investigations")
        dialog = page.open_investigation(returned.id)
        for n, key in enumerate(("checklist", "figures")):
            dialog.tabs.setCurrentIndex(n)
            self.save(dialog, f"{lang}-credit-investigation-{key}")
        dialog.done(0)

        pending = credit_rating.list_proposals(self.ctx.uow(spec))[0]
        proposal = credit_rating.get_proposal(self.ctx.uow(spec), pending.id)
        scorecard = ProposeRatingDialog(self.ctx, spec, proposal.investigation_id,
                                        f"{proposal.customer_code} {proposal.customer_name}", window)
        scorecard.show()
        self.settle()
        model = scorecard.card.model
        for line in proposal.lines[:-2]:  # two left to rate: the total so far, and what remains
            model.setData(model.index(model.row_of(line.indicator), 3), line.rating)
        self.save(scorecard, f"{lang}-credit-scorecard-typing")
        for line in proposal.lines[-2:]:
            model.setData(model.index(model.row_of(line.indicator), 3), line.rating)
        scorecard.summary.setPlainText(proposal.summary)
        self.save(scorecard, f"{lang}-credit-scorecard")
        scorecard.reject()
        window.close()

        window, tab = self.window_on(csm, "credit")
        page = tab.show_page("proposals")
        self.settle()
        page.table.selectRow(0)
        self.save(window, f"{lang}-credit-proposals")
        decision = page.open_selected()
        self.save(decision, f"{lang}-credit-proposal")
        decision.reject()
        window.close()

        window, tab = self.window_on(manager, "credit")
        page = tab.show_page("customers")
        self.settle()
        customers = [page.model.row_at(i) for i in range(page.model.rowCount())]
        rated_b = next(i for i, c in enumerate(customers) if c.credit_grade == "B" and not c.credit_hold)
        page.select_row(rated_b)
        page.panel.history.setCurrentIndex(1)  # the limits set, with their reasons
        self.save(window, f"{lang}-credit-customer")
        calculator = page.panel.open_calculator()
        self.save(calculator, f"{lang}-credit-calculator")
        calculator.reject()
        held = next(i for i, c in enumerate(customers) if c.credit_hold)
        page.select_row(held)
        page.panel.history.setCurrentIndex(2)  # the trigger that put it on hold
        self.save(window, f"{lang}-credit-hold")
        tab.show_page("due")
        self.save(window, f"{lang}-credit-due")
        window.close()

        window, tab = self.window_on(spec, "credit")
        page = tab.show_page("customers")
        self.settle()
        page.select_row(rated_b)
        self.settle()
        trigger = page.panel.record_trigger()
        trigger.description.setPlainText("2026年10月起连续两期货款逾期，且拒绝对账。")
        self.save(trigger, f"{lang}-credit-trigger")
        trigger.reject()
        printer = page.panel.print_forms()
        self.save(printer, f"{lang}-credit-print")
        printer.reject()
        window.close()

    def expenses(self, lang: str) -> None:
        """The Expenses tab: the manager's waiting list, claims, a claim with its steps and the
        decision, travel, budget with break-even, analysis; a rep's application showing its route;
        the cashier paying."""

        from sales_desk.domain.expenses.claims import TRAVEL_ITEM
        from sales_desk.services.customers import listing as customer_list
        from sales_desk.services.expenses import queries as expense_queries

        manager, rep, cashier = self.demo_user("zhangwei"), self.demo_user("yangfan"), self.demo_user("xuqian")
        window, tab = self.window_on(manager, "expenses")
        page = tab.show_page("waiting")
        self.settle()
        page.table.selectRow(0)
        self.save(window, f"{lang}-expenses-waiting")
        claim = page.open_selected()
        claim.resize(900, 640)
        self.settle()
        claim.comment.setText("同意，注意控制招待标准")
        self.save(claim, f"{lang}-expenses-claim")
        claim.reject()
        page = tab.show_page("claims")
        self.settle()
        rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
        returned = next((i for i, r in enumerate(rows) if r.status == "returned"), 3)
        page.table.selectRow(returned)
        self.save(window, f"{lang}-expenses-claims")
        dialog = page.open_claim(rows[returned].id)
        dialog.resize(900, 640)
        self.save(dialog, f"{lang}-expenses-claim-returned")
        dialog.reject()
        # a claim that went round twice: refused, corrected, resubmitted, then paid
        twice = next((r.id for r in rows if r.status == "paid"
                      and expense_queries.get_claim(self.ctx.uow(manager), r.id).round > 1), None)
        if twice is not None:
            dialog = page.open_claim(twice)
            dialog.resize(900, 640)
            self.save(dialog, f"{lang}-expenses-claim-resubmitted")
            dialog.reject()
        tab.show_page("travel")
        self.save(window, f"{lang}-expenses-travel")
        budget = tab.show_page("budget")
        self.settle()
        budget.department.setCurrentIndex(budget.department.findData("销售一部"))
        budget.break_even.fixed.setText("1,200,000")
        budget.break_even.price.setText("2,500")
        budget.break_even.variable.setText("1,700")
        self.save(window, f"{lang}-expenses-budget")
        analysis = tab.show_page("analysis")
        today = clock.now().astimezone().date()
        analysis.month.setCurrentIndex((today.month - 2) % 12)  # last month: complete
        if today.month == 1:
            analysis.year.setValue(today.year - 1)
        self.save(window, f"{lang}-expenses-analysis")
        window.close()

        window, tab = self.window_on(rep, "expenses")
        tab.show_page("claims")
        self.settle()
        form = tab.new_claim()
        self.settle()
        form.category.setCurrentIndex(form.category.findData("logistics"))  # within allowance and plan
        form.item.setCurrentIndex(form.item.findData("Transport"))
        mine = customer_list.list_customers(self.ctx.uow(rep), limit=1).rows
        if mine:
            form.customer.set_customer(mine[0].id, _label(mine[0]))
        form.amount.setText("460")
        form.purpose.setText("样品快递运输")
        form.refresh_preview()
        self.save(form, f"{lang}-expenses-form")
        form.category.setCurrentIndex(form.category.findData("business"))
        form.item.setCurrentIndex(form.item.findData("Hospitality"))
        form.purpose.setText("招待客户洽谈年度合同")
        form.amount.setText("9,600")  # at the threshold and beyond the month's plan
        form.refresh_preview()
        self.save(form, f"{lang}-expenses-form-gm")
        form.item.setCurrentIndex(form.item.findData(TRAVEL_ITEM))
        form.purpose.setText("长沙出差差旅费（交通、住宿）")
        form.amount.setText("2,380")
        form.refresh_preview()
        self.save(form, f"{lang}-expenses-form-travel")
        form.done(0)
        window.close()

        window, tab = self.window_on(cashier, "expenses")
        page = tab.show_page("waiting")
        self.settle()
        rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
        page.table.selectRow(next((i for i, r in enumerate(rows) if r.kind == "payment"), 0))
        claim = page.open_selected()
        claim.resize(900, 640)
        self.settle()
        pay = claim.pay()
        pay.reference.setText("ICBC-20261122-0042")
        self.save(pay, f"{lang}-expenses-pay")
        pay.reject()
        claim.reject()
        window.close()

    def orders(self, lang: str) -> None:
        """The Orders tab: the manager's order list, a rep typing an order with the credit live
        beside it (a price below the floor), the VP's waiting list and price review, the manager's
        approval refused with its figures, the finance director's override, an order partly
        shipped with its steps, finance's prepayment, a return, the ledger, products, printing."""
        from sales_desk.domain.orders.contracts import ApprovalKind, OrderStatus
        from sales_desk.services.customers import listing as customer_list
        from sales_desk.services.orders import products
        from sales_desk.services.orders import views as order_views
        from sales_desk.services.orders.views import OrderFilter
        from sales_desk.ui.tabs.orders.lines_model import PRICE, PRODUCT, QUANTITY

        rep, vp, manager = self.demo_user("yangfan"), self.demo_user("liming"), self.demo_user("zhangwei")
        fd, fin = self.demo_user("suntao"), self.demo_user("wufang")

        def window_for(actor, page: str):  # noqa: ANN001, ANN202
            window, tab = self.window_on(actor, "orders")
            tab.show_page(page)
            self.settle()
            return window, tab

        def first(actor, status: str) -> int:  # noqa: ANN001
            rows = order_views.list_orders(self.ctx.uow(actor), OrderFilter(statuses=(status,))).rows
            return rows[0].id

        window, tab = window_for(manager, "orders")
        page = tab.pages["orders"]
        page.table.selectRow(1)
        self.save(window, f"{lang}-orders-list")
        partly = first(manager, OrderStatus.PARTLY_SHIPPED)
        form = tab.open_order(partly)
        form.resize(1180, 720)
        self.settle()
        self.save(form, f"{lang}-orders-form-shipped")
        form.reject()
        blocked = first(manager, OrderStatus.BLOCKED)
        form = tab.open_order(blocked)
        form.resize(1180, 720)
        self.settle()
        from sales_desk.ui.widgets import dialogs

        asked, dialogs.confirm = dialogs.confirm, lambda *a, **k: True  # no modal question offscreen
        try:
            form.actions.approve()  # the credit check refuses it again, with its figures
            self.settle()
        finally:
            dialogs.confirm = asked
        self.save(form.actions.last_dialog, f"{lang}-orders-approval-refused")
        form.actions.last_dialog.reject()
        self.save(form, f"{lang}-orders-form-blocked")
        form.reject()
        tab.show_page("products")
        self.save(window, f"{lang}-orders-products")
        register = tab.show_page("register")
        self.settle()
        self.save(window, f"{lang}-orders-register")
        # the ledger of the customer whose goods came back: invoices, a credit note, the balance
        rows = [register.model.row_at(i) for i in range(register.model.rowCount())]
        back = next((r for r in rows if r.kind == "return"), None)
        if back is not None:
            from sales_desk.services.customers import files as customers

            ledger = tab.show_page("ledger")
            ledger.show_customer(customers.customer_id_by_code(self.ctx.uow(manager), back.customer_code),
                                 back.customer_name, back.customer_code)
            self.settle()
            self.save(window, f"{lang}-orders-ledger")
        window.close()

        # the rep typing a new order: two lines, one priced below its floor
        window, tab = window_for(rep, "orders")
        self.save(window, f"{lang}-orders-list-rep")
        form = tab.new_order()
        form.resize(1180, 720)
        self.settle()
        mine = customer_list.list_customers(self.ctx.uow(rep), limit=100).rows
        chosen = next(c for c in mine if c.credit_grade == "B" and not c.credit_hold)
        form.customer.set_customer(chosen.id, chosen.name, chosen.code)
        catalogue = products.list_products(self.ctx.uow(rep))
        lines = form.lines
        for row, (code, qty, below) in enumerate((("KZ-100", 4, False), ("CGQ-P1", 20, True))):
            if row:
                lines.add_line()
            p = next(p for p in catalogue if p.code == code)
            lines.setData(lines.index(row, PRODUCT), p.id)
            lines.setData(lines.index(row, QUANTITY), qty)
            if below:
                lines.setData(lines.index(row, PRICE), str((p.floor_price - 1500) / 100))
        form.delivery_terms.setText("汽运送货上门，运费由供方承担")
        form.prepayment.setValue(20)
        time.sleep(0.4)  # the credit position follows the lines after a typing pause
        self.save(form, f"{lang}-orders-form-new")
        form._dirty = False  # closed without the question about unsaved changes
        form.reject()
        window.close()

        window, tab = window_for(vp, "waiting")
        page = tab.pages["waiting"]
        rows = page.model.rows()
        page.table.selectRow(next((i for i, r in enumerate(rows) if r.kind == "price"), 0))
        self.save(window, f"{lang}-orders-waiting")
        price = next(r.order_id for r in rows if r.kind == "price")
        form = tab.open_order(price)
        self.settle()
        review = form.actions.review(ApprovalKind.PRICE)
        review.note.setPlainText("批量采购，同意本次低于限价")
        self.save(review, f"{lang}-orders-review-price")
        review.reject()
        form.reject()
        window.close()

        window, tab = window_for(fd, "waiting")
        form = tab.open_order(blocked)
        self.settle()
        override = form.actions.override()
        self.settle()
        override.reason.setPlainText("客户年底集中回款，终端项目有保证；财务总监书面批准，限本单使用。")
        self.save(override, f"{lang}-orders-override")
        override.reject()
        form.reject()
        window.close()

        window, tab = window_for(fin, "waiting")
        rows = tab.pages["waiting"].model.rows()
        waiting = next((r.order_id for r in rows if r.kind == "prepayment"), None)
        if waiting is not None:
            form = tab.open_order(waiting)
            self.settle()
            pay = form.actions.prepayment()
            pay.reference.setText("工行回单 0042")
            self.save(pay, f"{lang}-orders-prepayment")
            pay.reject()
            form.reject()
        window.close()

        # a rep's shipped order: the return, the ledger, printing
        window, tab = window_for(rep, "orders")
        shipped = [r for r in order_views.list_orders(self.ctx.uow(rep)).rows if r.shipped_value]
        if shipped:
            form = tab.open_order(shipped[0].id)
            self.settle()
            back = form.actions.record_return()
            self.settle()
            next(iter(back.spins.values())).setValue(1)
            back.reason.setPlainText("外壳运输途中破损，客户退回")
            self.save(back, f"{lang}-orders-return")
            back.reject()
            printer = form.actions.print_contract()
            self.save(printer, f"{lang}-orders-print")
            printer.reject()
            form.reject()
        window.close()

    def warehouse(self, lang: str) -> None:
        """The Warehouse tab as the keeper sees it: dispatch notices with a partly shipped order's
        shipments, the ship dialog checking a notice against its order, the register."""
        window, tab = self.window_on(self.demo_user("maqiang"), "warehouse")
        page = tab.show_page("notices")
        self.settle()
        rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
        partly = next((i for i, r in enumerate(rows) if r.shipped_value), 0)
        page.table.selectRow(partly)
        self.settle()
        page.shipments_table.selectRow(0)
        self.save(window, f"{lang}-warehouse-notices")
        ready = next((i for i, r in enumerate(rows) if not r.awaiting_prepayment and not r.on_hold
                      and not r.shipped_value), 0)
        page.table.selectRow(ready)
        self.settle()
        ship = page.ship_selected()
        self.settle()
        spins = list(ship.spins.values())
        if spins:
            spins[0].setValue(max(1, spins[0].value() // 2))
        ship.carrier.setText("顺丰速运")
        ship.tracking.setText("SF1402583369")
        ship.freight.setText("180.00")
        ship.checked.setChecked(True)
        self.save(ship, f"{lang}-warehouse-ship")
        ship.reject()
        tab.show_page("register")
        self.settle()
        self.save(window, f"{lang}-warehouse-register")
        window.close()

    def help(self, lang: str) -> None:
        """The user guide opened with F1 on the Credit tab, and About."""
        window, _tab = self.window_on(self.demo_user("wangjianguo"), "credit")
        self.settle()
        guide = window.help_menu.open_guide()
        guide.resize(1000, 700)
        self.save(guide, f"{lang}-help-credit")
        guide.close()
        about = window.help_menu.open_about()
        self.save(about, f"{lang}-about")
        about.close()
        window.close()

    def dashboard(self, lang: str, readme: Path | None = None) -> None:
        """The dashboard, the window's first tab: a rep's (their own customers; nothing to
        decide), a finance clerk's (receivables and expenses; what waits for finance) and the
        general manager's (every warning; the plan revision, a deferral, overrides waiting);
        the records behind an overdue bucket; the sales plans page; an analysis chart."""
        for username, who in (("yangfan", "rep"), ("wufang", "finance"), ("wangjianguo", "gm")):
            window, tab = self.window_on(self.demo_user(username), "dashboard")
            self.settle()
            overview = tab.overview()
            if overview.model.rowCount():
                overview.table.selectRow(0)
            self.save(window, f"{lang}-dashboard-{who}")
            if who == "finance":
                records = overview.drill("overdue", "1")
                records.resize(900, 420)
                self.save(records, f"{lang}-dashboard-records")
                records.reject()
            if who == "gm" and readme is not None:  # what a newcomer's firm sees first
                readme.parent.mkdir(parents=True, exist_ok=True)
                readme.write_bytes(self.save(window, f"{lang}-dashboard-{who}-readme").read_bytes())
                self.written.append(readme)
            if who == "gm":
                tab.show_page("plans")
                self.save(window, f"{lang}-dashboard-plans")
                analysis = tab.show_page("analysis")
                analysis.by.setCurrentIndex(analysis.by.findData("region"))
                self.save(window, f"{lang}-dashboard-analysis")
                tab.show_page("overview")
            window.close()


# The shots the user guide shows (resources/help/*/*.html name them as img/<lang>-<name>.png).
HELP_SHOTS = ("dashboard-gm", "dashboard-rep", "customers-list", "credit-customer", "orders-list-rep",
              "orders-waiting", "warehouse-notices", "expenses-claims", "expenses-waiting", "expenses-pay",
              "collections-aging", "collections-receipts", "main-users")
HELP_WIDTH = 720  # pixels: legible in the help window, small in the package
HELP_COLOURS = 128


def help_images(shots: Path, out: Path, languages: list[str]) -> list[Path]:
    """The guide's pictures: the full-size shots scaled down and reduced to a palette, so
    the package carries ~30 of them in well under 2 MB."""
    from PIL import Image  # reportlab's dependency; only this tool needs it here

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in languages:
        for name in HELP_SHOTS:
            with Image.open(shots / f"{lang}-{name}.png") as shot:
                height = round(shot.height * HELP_WIDTH / shot.width)
                small = shot.convert("RGB").resize((HELP_WIDTH, height), Image.Resampling.LANCZOS)
                small = small.quantize(HELP_COLOURS, method=Image.Quantize.MEDIANCUT)
                path = out / f"{lang}-{name}.png"
                small.save(path, optimize=True)
                written.append(path)
    return written


def _no_machine_path(window) -> None:  # noqa: ANN001 - a MainWindow
    """The status bar names the database by its file alone: the pictures (the README's, the
    guide's) must not show the temporary folder of the machine that made them."""
    from sales_desk.i18n import _

    window.database_label.setText(_("Database: {where}").format(where="sales-desk.sqlite"))


def _label(row) -> str:  # noqa: ANN001 - a CustomerRow
    from sales_desk.i18n import _

    return _("{name} ({code})").format(name=row.name, code=row.code)


if __name__ == "__main__":
    sys.exit(main())
