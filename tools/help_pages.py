"""Write the user guide's HTML pages (resources/help/<lang>/*.html) from the text below.

    python tools/help_pages.py

The guide's words live here, one entry per page and language, so both languages are
edited side by side and every page has the same frame (title, picture, links). The
pictures are made by `tools/screenshots.py OUT --help-images resources/help/img`; a page
without a picture key has none. The contents list the pages in sales_desk/ui/help/pages.py's
order (TAB_PAGES, ROLE_PAGES), so a new tab's page is added there and here.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from sales_desk.ui.help.pages import ROLE_PAGES, TAB_PAGES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "help"

STYLE = ("body { font-size: 10pt; } h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 14px; } "
         "p.note { color: #555; } img { margin: 6px 0; }")

# Each page: title, lead paragraph, sections (heading, bullet points), picture (optional),
# related pages.
# Text in bullets may hold <b>; everything else is escaped.
EN: dict[str, dict] = {
    "index": dict(
        title="User guide",
        lead="Sales Desk keeps the firm's sales internal-control policy: who may do what, credit "
             "limits, approvals, collections and expenses. Every rule is checked by the program, "
             "and every change is written to the audit trail. Press <b>F1</b> on any tab to open "
             "its page here.",
        sections=[("The tabs", ["tabs"]), ("A day's work, by role", ["roles"])],
        picture="dashboard-gm",
        see=[]),
    "dashboard": dict(
        title="Dashboard",
        lead="The first tab: what needs your attention today, within what your roles may see.",
        sections=[("What it shows", [
            "<b>Overview</b>: overdue receivables, sales against the plan, expenses against the budget, "
            "customers at risk of churn, credit reviews due, stale customer files.",
            "<b>Waiting for me</b>: every approval that is yours to decide; double-click opens it in its tab.",
            "Double-click a warning to see the records behind its figure.",
            "<b>Sales plans</b> and <b>Monthly and product plans</b>: the VP's overall plan, the sales "
            "manager's monthly plans, the supervisors' product plans.",
            "<b>Analysis</b>: sales by customer grade, product and region, as tables and charts.",
            "<b>Policy versions</b>: the business numbers in force (grades, limits, thresholds), who "
            "proposed them and when the general manager approved them."])],
        picture="dashboard-gm", see=["role-gm", "role-vp"]),
    "customers": dict(
        title="Customers",
        lead="The customer files: who they are, whom we deal with, how business goes.",
        sections=[("What you do here", [
            "Find a customer by name or code; filter by region, grade, rep or a stale file.",
            "<b>New customer</b>: the file is created within a week of first contact by whoever "
            "is in contact, and reviewed by their superior.",
            "A confidential file opens only for customer managers and above, and only with a "
            "reason: each opening is logged like a library card.",
            "Record visits, return visits, complaints and returns in the relationship log.",
            "Import customer files from Excel or CSV: every error with its row, and all rows or none."])],
        picture="customers-list", see=["credit", "role-sales-rep"]),
    "activities": dict(
        title="Activities",
        lead="Customer visits, calls and other activities, planned and recorded; the team's "
             "statuses, attendance and work logs; the sales territories.",
        sections=[("What you do here", [
            "<b>Calendar</b>: the activities of a day or a week (call, visit, reception, "
            "proposal, demonstration), by day and time. PgUp and PgDn (or Alt+Left and "
            "Alt+Right) move a day or a week, T goes to today, D and W switch between the day "
            "and the week. The week is a grid of seven days: the arrows move between days, "
            "Enter records an activity's outcome or plans one on a free day; Alt+R reschedules "
            "a planned activity. A supervisor picks one of their people or the whole team.",
            "<b>Plan activity…</b> (Alt+P): the kind, the customer (type its name, code or "
            "pinyin and pick it), a contact or an open opportunity, the day, the time and the "
            "subject. A supervisor may plan for one of their people.",
            "<b>Record the outcome…</b> (Alt+O, or Enter on a planned activity): what came of it "
            "(required), the next step, and — ticking <b>Plan the next activity</b> — the next "
            "one on the same customer, recorded together. <b>Cancel activity…</b> (Alt+C) "
            "needs the reason.",
            "<b>Due and overdue</b>: planned activities due within 7 days, the overdue first: "
            "your own, and your team's if you lead one; the sales manager, the VP and the "
            "general manager see everyone's. The dashboard's overdue activities open here.",
            "<b>Statuses and attendance</b>: the month's statuses (visiting customers, handling "
            "a complaint, training, on leave, and travelling, taken from the approved travel "
            "applications) and the attendance statistics per person. <b>Enter status…</b> "
            "(Alt+E) records yours for some days.",
            "<b>Work logs</b>: the last 30 days' logs. <b>Write work log…</b> (Alt+W) for your "
            "day; whoever leads people adds <b>Comment…</b> (Enter on a log) and "
            "<b>Remind…</b> (Alt+M); reminders to you show above the logs until marked "
            "<b>Seen to</b>.",
            "<b>Territories</b> (sales manager): each region with the reps responsible and its "
            "customers; <b>Assign rep…</b> makes a rep responsible or no longer. "
            "<b>Reassign…</b> gives a rep's customers, with their planned activities and open "
            "opportunities, to another rep: it needs a reason, says what will move before it "
            "moves it, and is recorded in the audit trail."])],
        see=["opportunities", "customers", "role-supervisor"]),
    "credit": dict(
        title="Credit",
        lead="Credit investigations, ratings, limits and terms, and the customers on credit hold.",
        sections=[("What you do here", [
            "<b>Investigations</b>: the five-section checklist, with documents and deadlines; "
            "finance reviews the report.",
            "<b>Rating proposals</b>: the scorecard gives 0–100 and a grade (A, B, C, D); the "
            "customer-service manager approves.",
            "<b>Customer credit</b>: the limit calculator's five methods side by side; the sales "
            "manager sets the limit and term.",
            "Record a downgrade trigger: the grade falls at once and credit is held until re-rated.",
            "<b>Re-ratings due</b>: the customers whose yearly rating is due.",
            "Print the credit evaluation sheet and the rating report."])],
        picture="credit-customer", see=["orders", "role-finance"]),
    "orders": dict(
        title="Orders",
        lead="Orders and contracts, prices, payment slips, and the credit check before dispatch.",
        sections=[("What you do here", [
            "<b>New order</b>: lines of product, quantity and unit price, payment and delivery terms.",
            "A price below the approved floor needs the VP's approval; a major contract needs the "
            "VP's review before it is signed.",
            "Approval runs the credit check: an order beyond the available credit does not ship "
            "unless the finance director or the general manager approves an override in writing.",
            "Prepayment terms: nothing ships before the prepayment has arrived in full "
            "(the rep's payment slip, approved by the sales manager).",
            "<b>Waiting for me</b>: the orders, prices and overrides you decide.",
            "Print the contract; the dispatch register lists every movement."])],
        picture="orders-list-rep", see=["warehouse", "credit", "role-sales-rep"]),
    "warehouse": dict(
        title="Dispatch",
        lead="The warehouse's tab: dispatch notices to check and ship, and the dispatch register.",
        sections=[("What you do here", [
            "<b>Dispatch notices</b>: check each notice against its order, then ship (carrier, "
            "tracking number, freight, insurance) and record the hand-over. Partial shipments are allowed.",
            "A notice that the credit check holds cannot be shipped.",
            "Print the dispatch note; a shipment raises the customer's receivable.",
            "<b>Dispatch register</b>: every movement, exportable to Excel."])],
        picture="warehouse-notices", see=["role-warehouse", "orders"]),
    "opportunities": dict(
        title="Opportunities",
        lead="The sales pipeline: each opportunity on its way from a lead to an order, stage by "
             "stage, with the day each stage was reached (its time node).",
        sections=[("What you do here", [
            "Filter by <b>Status</b> (open, won, lost or all), <b>Stage</b> or <b>Stalled "
            "only</b>; search by number, title or customer (Enter); sort by newest, largest, "
            "expected soonest or longest in stage.",
            "The funnel above the list: each stage's count and amount, the open ones' total "
            "weighted by each stage's chance of winning, and how many are stalled.",
            "<b>New opportunity…</b> (Alt+N or Ctrl+N): for a customer, picked by name, code or "
            "pinyin initials, or for a lead; its title, expected amount and day, and on four "
            "pages the products with quantities, the contacts involved, the competitors met and "
            "the competitive analysis. <b>Edit…</b> (Alt+E, or Enter on the list) changes them "
            "while it is open.",
            "The stages follow the policy's sales process, in order: lead collection, customer "
            "contact, needs analysis, product presentation, quotation, negotiation, closed "
            "(won). <b>Advance stage…</b> moves the selected opportunity on by one stage, on the "
            "day you give (today unless changed, never before the previous stage); the day is "
            "kept as its time node, shown under the list with the days spent in each stage.",
            "Each open stage has a time limit in days: an opportunity that overstays it is "
            "<b>Stalled</b>, said in red beside it (and ⚠ on its time node).",
            "<b>Won…</b>, only after negotiation: the opportunity closes and makes its draft "
            "order, once, from its latest quotation ready to print (else its products at list "
            "price); you are offered to open the order in <b>Orders</b>, where its own rules "
            "and credit check apply (<b>Open the order</b> later). An opportunity for a lead is "
            "won once the lead has become a customer file.",
            "<b>Lost…</b>, at any open stage: the reason and the competitor it went to are "
            "required.",
            "<b>New quotation…</b> (Alt+Q): the opportunity's products come in at the list price "
            "in force; type a price over it if need be. A price above the ceiling is refused, "
            "one below the floor waits for the sales VP, who chooses <b>Approve the prices…</b> "
            "or <b>Refuse the prices…</b> (with the reason) under the quotation — never on a "
            "quotation or a deal of their own. <b>Print the quotation</b> issues the selected "
            "one, once it is ready to print, as a document of record.",
            "<b>Leads</b> (the second page): prospects not yet customer files. <b>New lead…</b> "
            "records the firm, its contact and their position, phone, region, source, letter "
            "language and the day of first contact; <b>Convert to customer file…</b> opens the "
            "file from it after you confirm (its open opportunities move to the file, which "
            "waits for its review like any new one); a converted lead shows its file. <b>New "
            "opportunity for the lead…</b> starts one from it.",
            "A rep sees and works their own opportunities and those on their customers; the "
            "supervisors and the sales manager the whole team's; the VP and the general "
            "manager read them.",
            "Each step has its Alt key: Alt+N new, Alt+E edit, Alt+D advance stage, Alt+W won, "
            "Alt+L lost, Alt+Q new quotation, Alt+P print, Alt+V approve and Alt+U refuse the "
            "prices, Alt+R open the order."])],
        see=["orders", "activities", "role-sales-rep"]),
    "expenses": dict(
        title="Expenses",
        lead="Expense claims and travel, the budget, and their analysis.",
        sections=[("What you do here", [
            "<b>Expense claims</b>: apply before you spend; attach receipts. A claim within your "
            "monthly allowance and the plan goes straight to finance; others go to the supervisor, "
            "then the sales manager; large or over-budget ones to the general manager.",
            "<b>Travel</b>: applied for before the trip; a rep's is approved by the sales manager, "
            "the sales manager's by the general manager.",
            "<b>Waiting for me</b>: the claims you review, approve, check or pay.",
            "<b>Budget</b>: per year, month, category and department; prepared by sales, checked "
            "by finance, approved by the general manager.",
            "<b>Analysis and reports</b>: the monthly analysis and the annual expense-control report."])],
        picture="expenses-claims", see=["role-cashier", "role-supervisor"]),
    "collections": dict(
        title="Collections",
        lead="Money received, aging, the collection ladder, deferrals, write-offs and staff liability.",
        sections=[("What you do here", [
            "<b>Money received</b>: record a receipt and allocate it to invoices (oldest first).",
            "<b>Aging</b>: receivables in age buckets per customer, rep and region, as of any date.",
            "<b>Collection ladder</b>: reminder, thank-you letter, dunning notice, lawyer's letter, "
            "lawsuit; print the letters one by one or for every customer at a step.",
            "<b>Deferred payment</b>: requested through the rep, checked by finance, approved by the "
            "VP and the general manager; never past 31 December.",
            "<b>Lawsuits and write-offs</b>: finance submits a bad-debt write-off, the sales manager approves.",
            "<b>Staff liability</b>: the 5:3:2 charges per month, for payroll.",
            "<b>Distributors and rebates</b>: a distributor's rebate agreement, its monthly stock "
            "report and the rebate on what was shipped less what came back, paid as a credit note.",
            "<b>Distributors' stock</b>: per distributor and month, each product's opening stock, "
            "what we shipped less returns, what they sold and their closing stock; a closing that "
            "does not add up, or a month not reported, is flagged in red. Export to Excel."])],
        picture="collections-aging", see=["role-finance", "role-sales-rep"]),
    "performance": dict(
        title="Performance",
        lead="Each rep's work evaluation and the team's ranking, the month's commission on money "
             "collected, and the weights and schemes behind them.",
        sections=[("What you do here", [
            "<b>Evaluations and ranking</b>: choose a month or the whole year in <b>Period</b>. "
            "The sales manager presses <b>Work out the period</b>: every active rep is scored "
            "0–100 on six criteria (sales against target, gross profit contribution, "
            "collection rate, overdue share, complaints, expense control against budget), "
            "weighted by the weights in force, and the team is ranked best first.",
            "Select a rep to see each criterion's result, what it is measured against, its "
            "score, weight and points. The sales manager writes the feedback and presses "
            "<b>Give to the rep</b>: the figures are then fixed. The rep sees an evaluation "
            "only once it is given, may add a comment, and presses <b>Acknowledge</b>.",
            "<b>Print…</b> (Ctrl+P) issues the evaluation as a document of record; "
            "<b>Export…</b> writes the ranking to Excel.",
            "<b>Commission</b>: finance chooses the month and presses <b>Run the month</b> "
            "(again if late entries came). Commission is on money collected (receipts applied "
            "in the month to the rep's documents), not on orders, under the scheme in force; "
            "a debt written off earns nothing.",
            "Per rep: collected, excluded, commission, taken back (a receipt reversed after "
            "its month takes back what it earned), the staff liability deducted where the "
            "scheme says so, and the net. Select a rep to see the receipts behind the figures. "
            "A rep sees only their own line.",
            "<b>Print statement…</b> (Ctrl+P) and <b>Payroll workbook…</b> are issued as "
            "documents of record.",
            "<b>Weights and schemes</b>: the sales manager proposes the evaluation weights "
            "(<b>Propose weights…</b>; they must sum to 100 %) and commission schemes "
            "(<b>Propose a scheme…</b>: bands of volume collected, one a line, the first from "
            "0, rates never falling; each band's rate applies to the part of the volume inside "
            "it), each in force from a month.",
            "The general manager presses <b>Approve</b>, or <b>Return…</b> with the reason; "
            "never on their own proposal. A month uses the latest approved weights and scheme "
            "in force."])],
        see=["collections", "role-gm", "role-finance"]),
    "care": dict(
        title="Customer service",
        lead="Complaints and after-sales service cases, their analysis, and key-account screening.",
        sections=[("What you do here", [
            "<b>Complaints and service</b>: record a case with its cause, severity and the "
            "person handling it; its deadline follows from the severity (policy). A complaint "
            "from the same customer about the same cause or product within the policy's window "
            "is marked a repeat. Record each step taken (Enter on a case); close it only with "
            "the customer's confirmation — who and when — and their satisfaction (1–5). Late "
            "cases show on the dashboard.",
            "<b>Complaint analysis</b>: a period's complaints by cause, product, severity, month "
            "and customer, with the days to close, repeats and late ones.",
            "<b>Key accounts</b>: the rep or a manager scores the five criteria (purchase "
            "volume, concentration, service demands, price sensitivity, long partnership) and "
            "proposes; the sales manager approves or rejects, never their own proposal. Only an "
            "approved screening makes a key account."])],
        see=["customers"]),
    "admin": dict(
        title="Administration",
        lead="The administrator's tab: people and their roles, technical settings, backups and the records.",
        sections=[("What you do here", [
            "<b>Users and roles</b>: one account per person; roles that would give one person "
            "incompatible duties are refused unless you record why the firm cannot separate them.",
            "<b>Backups</b>: a backup every day (7 daily, 4 weekly, 12 monthly kept), one now, or a restore.",
            "<b>Audit trail</b> and <b>Refusals log</b>: every change and every refused attempt, "
            "hash-chained; export to Excel.",
            "<b>Document register</b>: every printed form of record, reprinted exactly as issued.",
            "The administrator takes no business decision: business numbers are policy, set in "
            "the dashboard's Policy versions."])],
        picture="main-users", see=["role-admin"]),
    "role-sales-rep": dict(
        title="Sales rep: a day's work",
        lead="You look after your own customers: their files, their orders and their money.",
        sections=[("Every day", [
            "Open the <b>Dashboard</b>: your overdue customers, reviews due and what waits for you.",
            "Keep the customer files current (every 3 months at least) and log each visit.",
            "Take orders in <b>Orders</b>; the credit check tells you at once if an order needs an override.",
            "Follow up receivables: reminders before the due date, advance reports before a "
            "customer runs past its term.",
            "Apply for expenses and travel before spending, in <b>Expenses</b>.",
            "Work through your <b>Activities</b>: what is due, each visit's outcome and next "
            "step, and the day's work log.",
            "Move your <b>Opportunities</b> on stage by stage; win one to make its draft order, "
            "or record why it was lost and to whom.",
            "When an evaluation is given to you in <b>Performance</b>, read it and acknowledge "
            "it; your commission statement is there too."])],
        picture="dashboard-rep", see=["customers", "activities", "orders", "opportunities",
                                      "collections", "expenses", "performance"]),
    "role-supervisor": dict(
        title="Supervisor and sales manager: a day's work",
        lead="You plan, review and approve your team's work.",
        sections=[("Every day", [
            "<b>Waiting for me</b> (Dashboard, Orders, Expenses): the reps' expense claims to "
            "review (supervisor) or approve (sales manager), travel, payment slips.",
            "Supervisor: the reps' product plans and receivables follow-up.",
            "Sales manager: the monthly plans, credit limits and terms per customer, price "
            "proposals, bad-debt write-off approvals, fault or no fault on staff liability.",
            "You never approve your own request: it goes to the next approver.",
            "<b>Activities</b>: your team's due and overdue activities; comment on your "
            "people's work logs. <b>Opportunities</b>: the team's funnel and the stalled ones.",
            "Sales manager: the <b>Territories</b>; in <b>Performance</b>, work out the month's "
            "evaluations and give each rep written feedback; propose the evaluation weights and "
            "commission schemes for the general manager's approval."])],
        picture="expenses-waiting", see=["expenses", "credit", "dashboard", "activities",
                                         "opportunities", "performance"]),
    "role-vp": dict(
        title="Sales VP: a day's work",
        lead="You set the prices and the plan, and review what is large or unusual.",
        sections=[("Every day", [
            "<b>Waiting for me</b> in Orders: prices below the floor, major contracts before "
            "they are signed, price lists for joint review.",
            "Deferred payments (with the general manager) after finance has checked them.",
            "The overall sales plan and the collection targets inside it.",
            "Department expense explanations, before the approvers by amount.",
            "The pipeline in <b>Opportunities</b> and the team's ranking in <b>Performance</b>, "
            "to read."])],
        picture="orders-waiting", see=["orders", "dashboard", "collections", "opportunities"]),
    "role-gm": dict(
        title="General manager: a day's work",
        lead="You approve what the policy keeps for the top: plans, budgets, large spending, "
             "credit overrides and policy numbers.",
        sections=[("Every day", [
            "Open the <b>Dashboard</b>: every warning in the firm and what waits for you.",
            "Approve the sales plan and the expense budget (you never draft them).",
            "Credit overrides, deferred payments, large or over-budget expenses, the sales "
            "manager's travel, liability exemptions.",
            "Policy versions: approve the business numbers the proposing role sets out.",
            "<b>Performance → Weights and schemes</b>: approve the evaluation weights and "
            "commission schemes the sales manager proposes, or return them with the reason.",
            "The audit trail is yours to read and export."])],
        picture="dashboard-gm", see=["dashboard", "orders", "expenses", "performance"]),
    "role-finance": dict(
        title="Finance: a day's work",
        lead="You record the money, watch the receivables and check what others approve.",
        sections=[("Every day", [
            "<b>Money received</b>: record receipts and allocate them; bounced cheques are reversed.",
            "Run the <b>Aging</b> and tell the reps about overdue customers; send the letters of the ladder.",
            "Review credit investigation reports; check deferrals; submit bad-debt write-offs.",
            "Check expense claims against the monthly and annual plan before the cashier pays.",
            "The monthly credit audit, the liability statement for payroll.",
            "<b>Performance → Commission</b>: run the month's commission on money collected; "
            "print the statements and the payroll workbook."])],
        picture="collections-receipts", see=["collections", "expenses", "credit", "performance"]),
    "role-cashier": dict(
        title="Cashier: a day's work",
        lead="You pay what finance has signed: cash, cheque or transfer.",
        sections=[("Every day", [
            "<b>Expenses → Waiting for me</b>: the claims finance has signed, ready to pay.",
            "Record the payment and its method; the claim is then paid.",
            "You may not also sign for finance: the two duties are kept apart."])],
        picture="expenses-pay", see=["expenses", "role-finance"]),
    "role-warehouse": dict(
        title="Warehouse: a day's work",
        lead="You ship what has been approved, and keep the dispatch register.",
        sections=[("Every day", [
            "<b>Dispatch → Dispatch notices</b>: check each notice against its order, pick and ship.",
            "Record carrier, tracking number, freight and insurance, and the hand-over.",
            "Print the dispatch note; goods held by the credit check wait.",
            "You may not take sales orders: the two duties are kept apart."])],
        picture="warehouse-notices", see=["warehouse"]),
    "role-admin": dict(
        title="Administrator: a day's work",
        lead="You keep the program running for everyone else; you take no business decision.",
        sections=[("Every day", [
            "Add people, give them the roles of their duties, disable those who leave.",
            "Check that the daily backup ran; take one before big changes; restore when needed.",
            "Run <b>sales-desk check</b> from time to time: the audit trail, its anchors, and "
            "credit terms and roles against the trail.",
            "Need business rights too? Use a second, ordinary account."])],
        picture="main-users", see=["admin"]),
}

ZH: dict[str, dict] = {
    "index": dict(
        title="用户指南",
        lead="本程序执行公司的销售内部控制制度：谁可以做什么、信用额度、审批、回款与费用。每条规则都由程序检查，"
             "每次变更都写入审计日志。在任何标签页按 <b>F1</b> 即可打开该页的说明。",
        sections=[("各标签页", ["tabs"]), ("各岗位的日常工作", ["roles"])],
        picture="dashboard-gm", see=[]),
    "dashboard": dict(
        title="工作台",
        lead="第一个标签页：今天需要您关注的事项，限于您的岗位可见的范围。",
        sections=[("显示内容", [
            "<b>概览</b>：逾期应收账款、销售计划完成情况、费用与预算对比、可能流失的客户、到期的信用复评、过期未更新的客户档案。",
            "<b>待我审批</b>：所有待您审批的事项；双击即在其所属标签页打开。",
            "双击一条预警，可查看该数字背后的记录。",
            "<b>销售计划</b>与<b>月度及产品计划</b>：销售副总的总体计划、销售部经理的月度计划、销售主管的产品计划。",
            "<b>分析</b>：按客户等级、产品和区域的销售构成，以表格和图表显示。",
            "<b>政策版本</b>：现行的业务数字（等级、额度、阈值），由谁提出、何时经总经理批准。"])],
        picture="dashboard-gm", see=["role-gm", "role-vp"]),
    "customers": dict(
        title="客户",
        lead="客户档案：客户是谁、与谁打交道、业务往来如何。",
        sections=[("在此可以", [
            "按名称或编号查找客户；按区域、等级、销售专员或过期档案筛选。",
            "<b>新建客户</b>：由直接接触客户的人员在首次接触后一周内建立，并由其上级审核。",
            "商业秘密档案仅客户经理及以上人员可以打开，且须填写理由：每次查阅都像借阅卡一样登记。",
            "在客户关系记录中登记拜访、回访、投诉及退换货。",
            "从 Excel 或 CSV 导入客户档案：每个错误都注明行号，要么全部导入，要么都不导入。"])],
        picture="customers-list", see=["credit", "role-sales-rep"]),
    "activities": dict(
        title="活动与日程",
        lead="客户拜访、电话等活动的计划与记录，团队人员的状态、考勤统计与员工日志，以及销售区域。",
        sections=[("在此可以", [
            "<b>日程</b>：一天或一周的活动（电话、拜访、客户接待、提案、演示），按日期和时间排列。"
            "PgUp 和 PgDn（或 Alt+← 和 Alt+→）前后翻一天或一周，T 回到今天，D 和 W 切换日视图"
            "和周视图。周视图是七天的日程表：方向键在各天之间移动，Enter 记录活动结果或在空白日安排活动；"
            "Alt+R 改期尚未进行的活动。销售主管可选择某个下属或整个团队。",
            "<b>计划活动…</b>（Alt+P）：类型、客户（输入名称、编号或拼音后选择）、联系人或进行中"
            "的销售机会、日期、时间和事由。销售主管可为下属计划活动。",
            "<b>记录结果…</b>（Alt+O，或在计划中的活动上按 Enter）：结果（必填）、下一步，勾选"
            "<b>计划下一次活动</b>即可同时计划同一客户的下一次活动。<b>取消活动…</b>（Alt+C）须写明"
            "原因。",
            "<b>待办与逾期</b>：7 天内到期的计划活动，逾期的排在前面：您自己的，带团队的还包括团队"
            "成员的；销售部经理、销售副总和总经理看到所有人的。工作台上的逾期活动在此打开。",
            "<b>状态与考勤统计</b>：本月各人的状态（拜访客户、处理投诉、培训、请假，以及取自已批准"
            "差旅申请的出差）和每人的考勤统计。<b>登记状态…</b>（Alt+E）登记您若干天的状态。",
            "<b>员工日志</b>：最近 30 天的日志。<b>填写员工日志…</b>（Alt+W）记录您当天的工作；"
            "带团队的人员用<b>批复…</b>（在日志上按 Enter）和<b>提醒…</b>（Alt+M）；给您的提醒"
            "显示在日志上方，直到标为<b>已处理</b>。",
            "<b>销售区域</b>（销售部经理）：各地区及其负责的销售专员和客户；<b>指派专员…</b>指定"
            "或取消负责的销售专员。<b>调整客户…</b>把一名销售专员的客户连同计划中的活动和进行中的"
            "销售机会移交给另一名销售专员：须写明原因，移交前说明将移交的内容，并记入审计日志。"])],
        see=["opportunities", "customers", "role-supervisor"]),
    "credit": dict(
        title="信用",
        lead="信用调查、信用等级评定、信用额度与账期，以及被暂停信用的客户。",
        sections=[("在此可以", [
            "<b>信用调查</b>：五个部分的资料清单，附文件和期限；调查报告由财务人员审核。",
            "<b>评级建议</b>：评分表给出 0–100 分及等级（A、B、C、D），由客服部经理批准。",
            "<b>客户信用</b>：信用额度的五种确定方法并列显示；由销售部经理确定额度与账期。",
            "登记降级条件：等级立即下调，并暂停信用直至重新评级。",
            "<b>应复评</b>：年度评级到期的客户。",
            "打印客户信用调查评定表和信用评级报告。"])],
        picture="credit-customer", see=["orders", "role-finance"]),
    "orders": dict(
        title="订单",
        lead="销售订单与合同、价格、缴款单，以及发货前的信用检查。",
        sections=[("在此可以", [
            "<b>新建订单</b>：填写产品、数量、单价各行，以及付款和交货条件。",
            "低于定价区间下限的价格须经销售副总批准；重大合同须在签订前经销售副总审核。",
            "审批时进行信用检查：超出可用信用额度的订单不得发货，除非财务总监或总经理书面批准超额。",
            "预付款条件：预付款全额到账前不得发货（销售专员填写缴款单，由销售部经理批准）。",
            "<b>待我审批</b>：由您决定的订单、价格和超额审批。",
            "打印销售合同；发货登记列出每一笔出库。"])],
        picture="orders-list-rep", see=["warehouse", "credit", "role-sales-rep"]),
    "warehouse": dict(
        title="发货",
        lead="仓储人员的标签页：待审核和发运的发货通知单，以及发货登记。",
        sections=[("在此可以", [
            "<b>发货通知</b>：逐一对照订单审核，然后发运（承运人、运单号、运费、保险）并登记交接。允许分批发货。",
            "被信用检查暂停的通知单不能发运。",
            "打印发货单；发货即形成客户的应收账款。",
            "<b>发货登记</b>：每一笔出库，可导出到 Excel。"])],
        picture="warehouse-notices", see=["role-warehouse", "orders"]),
    "opportunities": dict(
        title="销售机会",
        lead="销售漏斗：每个销售机会从线索到订单逐阶段推进，并记录到达各阶段的日期（时间节"
             "点）。",
        sections=[("在此可以", [
            "按<b>状态</b>（进行中、已成交、丢单或全部）、<b>阶段</b>或<b>仅停滞</b>筛选；按编号、"
            "名称或客户搜索（回车）；可按最新、金额最大、预计最早或停留最久排序。",
            "列表上方的销售漏斗：各阶段的个数和金额，进行中机会按各阶段成交概率加权的总金额，以及"
            "停滞的个数。",
            "<b>新建销售机会…</b>（Alt+N 或 Ctrl+N）：为客户（按名称、编码或拼音首字母选择）或线索"
            "新建；填写标题、预计金额和日期，并在四个页签中填写产品及数量、相关联系人、遇到的竞争对"
            "手和竞争分析。进行中的机会可用<b>编辑…</b>（Alt+E，或在列表上回车）修改。",
            "各阶段按制度规定的销售流程依次进行：线索收集、客户接触、需求分析、产品推介、报价、谈"
            "判、成交。<b>推进阶段…</b>把所选的销售机会推进一个阶段，日期默认当天，可改，但不得早"
            "于上一阶段；该日期作为时间节点保存，显示在列表下方，并注明在各阶段停留的天数。",
            "每个进行中的阶段都有天数期限：超过期限的销售机会即为<b>停滞</b>，在其旁边以红字注明（时"
            "间节点上标 ⚠）。",
            "<b>成交…</b>只能在谈判之后：销售机会随即关闭，并生成其订单草稿，只生成一次：按最近一份"
            "可打印的报价（没有时按其产品的目录价）；随后可在<b>订单</b>中打开该订单，适用订单本身的"
            "规则和信用检查（以后也可用<b>打开订单</b>）。线索的销售机会须在线索转为客户档案后才能成"
            "交。",
            "<b>丢单…</b>：在任何进行中的阶段均可；必须填写丢单原因和拿走订单的竞争对手。",
            "<b>新建报价…</b>（Alt+Q）：销售机会的产品按现行目录价带入，必要时可改价。高于最高限价"
            "的价格被拒绝，低于底价的须由销售副总在报价下方<b>批准价格…</b>或<b>拒绝价格…</b>（说明"
            "理由）；本人制作的报价或本人负责的销售机会不得自批。<b>打印报价单</b>把所选的可打印报价"
            "作为正式文件打印。",
            "<b>线索</b>（第二页）：尚未建立客户档案的潜在客户。<b>新建线索…</b>登记单位、联系人及其"
            "职务、电话、地区、来源、函件语言和首次接触日期；<b>转为客户档案…</b>经确认后据此建立客"
            "户档案（其未结的销售机会一并转入，档案与其他新档案一样等待审核）；已转化的线索显示其客户"
            "档案。<b>为该线索新建销售机会…</b>由线索开始一个销售机会。",
            "销售专员查看和处理自己的以及自己客户的销售机会；销售主管和销售部经理查看和处理全团队"
            "的；销售副总和总经理只读。",
            "每个操作都有 Alt 快捷键：Alt+N 新建，Alt+E 编辑，Alt+D 推进阶段，Alt+W 成交，Alt+L 丢"
            "单，Alt+Q 新建报价，Alt+P 打印报价单，Alt+V 批准价格，Alt+U 拒绝价格，Alt+R 打开订单。"])],
        see=["orders", "activities", "role-sales-rep"]),
    "expenses": dict(
        title="销售费用",
        lead="销售费用申请和差旅、费用预算及其分析。",
        sections=[("在此可以", [
            "<b>费用申请</b>：先申请后支出，并附上单据。在您的月度可自行支配额度和计划之内的申请直接交财务；"
            "其他申请先由销售主管审核，再由销售部经理批准；金额较大或超出预算的交总经理。",
            "<b>差旅</b>：出差前申请；销售专员的由销售部经理批准，销售部经理的由总经理批准。",
            "<b>待我审批</b>：由您审核、批准、复核或支付的申请。",
            "<b>预算</b>：按年、月、费用类别和部门；由销售部门编制，财务复核，总经理批准。",
            "<b>分析与报告</b>：月度费用分析和年度营销费用控制报告。"])],
        picture="expenses-claims", see=["role-cashier", "role-supervisor"]),
    "collections": dict(
        title="回款",
        lead="收款、账龄分析、催款流程、延期付款、呆账核销和回款责任。",
        sections=[("在此可以", [
            "<b>收款</b>：登记收款并核销到发票（默认先到期先核销）。",
            "<b>账龄分析</b>：按客户、销售专员和区域的应收账款账龄，可选任意日期。",
            "<b>催款流程</b>：提醒、感谢信、催款通知书、律师函、起诉；信函可逐份打印，或为处于某一步的所有客户批量打印。",
            "<b>延期付款</b>：经销售专员申请，财务人员核查，销售副总和总经理批准；不得超过 12 月 31 日。",
            "<b>起诉与呆账核销</b>：财务人员提交呆账核销，销售部经理批准。",
            "<b>回款责任</b>：按 5:3:2 的比例逐月计算的扣款，供发放工资使用。",
            "<b>经销商与返利</b>：经销商的返利协议、每月库存报告，以及按发货减退货计算、以贷项通知单支付的返利。",
            "<b>经销商进销存</b>：按经销商和月份列出每种产品的期初库存、本月发货（减退货）、本月销售和期末库存；"
            "期末对不上或当月未报告的，以红色标出。可导出 Excel。"])],
        picture="collections-aging", see=["role-finance", "role-sales-rep"]),
    "performance": dict(
        title="业绩考核",
        lead="销售人员的工作表现及评估和团队排名、按回款计算的月度提成，以及其背后的考核权重"
             "和提成方案。",
        sections=[("在此可以", [
            "<b>业绩评估与排名</b>：在<b>期间</b>中选择月份或全年。销售部经理按<b>计算本期评"
            "估</b>：每位在职销售专员按六个考核项目（销售指标完成情况、毛利贡献、回款率、超期应收"
            "占比、客户投诉、费用预算控制）各得 0–100 分，按现行权重加权；团队按得分由高到低排名。",
            "选中一位销售专员，可看到每个考核项目的实际、考核基准、得分、权重和加权得分。销售部经"
            "理填写反馈意见后按<b>反馈给销售人员</b>：此后数字不再变化。销售专员只能看到已反馈给本"
            "人的评估，可填写意见，并按<b>确认</b>。",
            "<b>打印…</b>（Ctrl+P）把评估作为正式文件打印；<b>导出…</b>把排名导出到 Excel。",
            "<b>提成</b>：财务人员选择月份，按<b>计算本月提成</b>（有补录时可重新计算）。提成按回"
            "款计算（当月核销到该销售专员单据上的收款），而不是按订单，适用现行的提成方案；已核销"
            "的呆账不计提成。",
            "每位销售专员：已收回、已扣除、提成、扣回（以后月份冲回的收款扣回其当时所得的提成）、"
            "按方案扣除的当月回款责任，以及净额。选中一位可查看其背后的各笔收款。销售专员只能看到"
            "本人的一行。",
            "<b>打印结算单…</b>（Ctrl+P）和<b>提成工资表…</b>均作为正式文件出具。",
            "<b>权重与方案</b>：销售部经理提出考核权重（<b>提出权重…</b>；各项之和须为 100 %）和提"
            "成方案（<b>提出方案…</b>：按回款金额分档，每行一档，第一档从 0 开始，比例逐档不降；每"
            "档比例只适用于落在该档内的部分），各自从某月起执行。",
            "总经理按<b>批准</b>，或写明原因<b>退回…</b>；不得审批本人的提议。每月适用当时已生效的"
            "最新批准的权重和方案。"])],
        see=["collections", "role-gm", "role-finance"]),
    "care": dict(
        title="客户服务",
        lead="客户投诉与售后服务案件、投诉分析及大客户筛选。",
        sections=[("在此可以", [
            "<b>投诉与售后服务</b>：登记案件的原因、严重程度和处理人；处理期限按严重程度由政策确"
            "定。同一客户在政策规定的期限内就同一原因或同一产品再次投诉，标记为重复投诉。逐项登记"
            "处理措施（在案件上按回车）；须经客户确认（确认人及日期）方可结案，并记录客户满意度"
            "（1–5）。逾期案件显示在工作台上。",
            "<b>投诉分析</b>：按原因、产品、严重程度、月份和客户分析一段期间的投诉，含结案天数、重"
            "复投诉和逾期件数。",
            "<b>大客户</b>：销售专员或经理按五项标准（采购数量、采购集中性、服务水准要求、价格敏感"
            "度、长期伙伴关系）评分并提名；销售部经理批准或驳回，不得审批本人的提名。只有经批准的"
            "筛选才能设定大客户。"])],
        see=["customers"]),
    "admin": dict(
        title="系统管理",
        lead="系统管理员的标签页：人员及其岗位、技术设置、备份和各项记录。",
        sections=[("在此可以", [
            "<b>用户与岗位</b>：每人一个账户；使一人承担不相容职责的岗位组合会被拒绝，除非您记录公司无法分设的理由。",
            "<b>备份</b>：每天自动备份（保留 7 个日备份、4 个周备份、12 个月备份），也可立即备份或恢复。",
            "<b>审计日志</b>和<b>拒绝记录</b>：每次变更和每次被拒绝的操作，以哈希链相连；可导出到 Excel。",
            "<b>正式文件登记簿</b>：每份打印的正式文件，可按原样重印。",
            "系统管理员不做任何业务审批：业务数字属于政策，在工作台的“政策版本”中设定。"])],
        picture="main-users", see=["role-admin"]),
    "role-sales-rep": dict(
        title="销售专员的日常工作",
        lead="您负责自己的客户：他们的档案、订单和回款。",
        sections=[("每天", [
            "打开<b>工作台</b>：您的逾期客户、到期复评和待您处理的事项。",
            "保持客户档案更新（至少每 3 个月一次），并登记每次拜访。",
            "在<b>订单</b>中录入订单；信用检查会立即提示订单是否需要超额审批。",
            "跟进应收账款：到期前提醒客户；客户将超过账期前提交预警报告。",
            "支出前在<b>销售费用</b>中申请费用和差旅。",
            "在<b>活动与日程</b>中处理您的活动：到期的事项、每次拜访的结果和下一步，以及当天的"
            "员工日志。",
            "在<b>销售机会</b>中逐阶段推进您的销售机会；成交即生成订单草稿，丢单须写明原因和竞"
            "争对手。",
            "评估反馈给您后，在<b>业绩考核</b>中阅读并确认；您的提成结算也在那里。"])],
        picture="dashboard-rep", see=["customers", "activities", "orders", "opportunities",
                                      "collections", "expenses", "performance"]),
    "role-supervisor": dict(
        title="销售主管和销售部经理的日常工作",
        lead="您负责计划、审核和批准团队的工作。",
        sections=[("每天", [
            "<b>待我审批</b>（工作台、订单、销售费用）：销售专员的费用申请，由销售主管审核、销售部经理批准；差旅；缴款单。",
            "销售主管：销售专员的产品计划和应收账款跟进。",
            "销售部经理：月度计划、各客户的信用额度与账期、价格建议、呆账核销审批、回款责任的过错认定。",
            "您永远不能批准自己的申请：它会交给下一位审批人。",
            "<b>活动与日程</b>：团队到期和逾期的活动；批复下属的员工日志。<b>销售机会</b>：团"
            "队的销售漏斗和停滞的机会。",
            "销售部经理：<b>销售区域</b>；在<b>业绩考核</b>中计算每月评估，并向每位销售专员书面"
            "反馈；提出考核权重和提成方案，报总经理批准。"])],
        picture="expenses-waiting", see=["expenses", "credit", "dashboard", "activities",
                                         "opportunities", "performance"]),
    "role-vp": dict(
        title="销售副总的日常工作",
        lead="您制定价格和计划，并审核金额较大或不寻常的事项。",
        sections=[("每天", [
            "订单中的<b>待我审批</b>：低于下限的价格、签订前的重大合同、待联合审核的价格表。",
            "经财务核查后的延期付款（与总经理共同批准）。",
            "总体销售计划及其中的回款目标。",
            "部门费用申请的说明，先于按金额的审批人审核。",
            "阅读<b>销售机会</b>中的销售漏斗和<b>业绩考核</b>中的团队排名。"])],
        picture="orders-waiting", see=["orders", "dashboard", "collections", "opportunities"]),
    "role-gm": dict(
        title="总经理的日常工作",
        lead="您批准制度留给最高层的事项：计划、预算、大额支出、信用超额和政策数字。",
        sections=[("每天", [
            "打开<b>工作台</b>：全公司的预警和待您处理的事项。",
            "批准销售计划和费用预算（您从不编制它们）。",
            "信用超额、延期付款、大额或超预算费用、销售部经理的差旅、回款责任的豁免。",
            "政策版本：批准提出岗位拟定的业务数字。",
            "<b>业绩考核 → 权重与方案</b>：批准销售部经理提出的考核权重和提成方案，或写明原因"
            "退回。",
            "审计日志由您查阅和导出。"])],
        picture="dashboard-gm", see=["dashboard", "orders", "expenses", "performance"]),
    "role-finance": dict(
        title="财务人员的日常工作",
        lead="您登记款项、关注应收账款，并复核他人批准的事项。",
        sections=[("每天", [
            "<b>收款</b>：登记并核销收款；退票予以冲回。",
            "进行<b>账龄分析</b>，把逾期客户告知销售专员；发出催款流程中的信函。",
            "审核信用调查报告；核查延期付款；提交呆账核销。",
            "在出纳付款前，对照月度和年度计划复核费用申请。",
            "每月信用审计，以及供发放工资用的回款责任表。",
            "<b>业绩考核 → 提成</b>：计算当月按回款的提成；打印提成结算单和提成工资表。"])],
        picture="collections-receipts", see=["collections", "expenses", "credit", "performance"]),
    "role-cashier": dict(
        title="出纳的日常工作",
        lead="您支付财务已签字的款项：现金、支票或转账。",
        sections=[("每天", [
            "<b>销售费用 → 待我审批</b>：财务已签字、可以支付的申请。",
            "登记付款及付款方式；申请随即成为已付。",
            "您不能同时为财务签字：这两项职责必须分设。"])],
        picture="expenses-pay", see=["expenses", "role-finance"]),
    "role-warehouse": dict(
        title="仓储人员的日常工作",
        lead="您发运已批准的货物，并保管发货登记。",
        sections=[("每天", [
            "<b>发货 → 发货通知</b>：逐一对照订单审核，拣货并发运。",
            "登记承运人、运单号、运费和保险，以及交接。",
            "打印发货单；被信用检查暂停的货物须等待。",
            "您不能承接销售订单：这两项职责必须分设。"])],
        picture="warehouse-notices", see=["warehouse"]),
    "role-admin": dict(
        title="系统管理员的日常工作",
        lead="您为其他所有人维持程序运行；您不做任何业务决定。",
        sections=[("每天", [
            "添加人员，按其职责分配岗位，停用离职人员的账户。",
            "确认每日备份已完成；重大变更前先备份；需要时进行恢复。",
            "不时运行 <b>sales-desk check</b>：检查审计日志及其锚点，以及信用条件和岗位是否与日志一致。",
            "也需要业务权限？请使用另一个普通账户。"])],
        picture="main-users", see=["admin"]),
}

WORDS = {"en": {"see": "See also", "contents": "Contents", "picture": "Picture"},
         "zh_CN": {"see": "另见", "contents": "目录", "picture": "图"}}


def escape(text: str) -> str:  # apostrophes and quotes stay as typed in text and titles
    return html.escape(text, quote=False)


def _bullet(text: str) -> str:
    # Only <b> is allowed inside a bullet; everything else is text.
    return escape(text).replace("&lt;b&gt;", "<b>").replace("&lt;/b&gt;", "</b>")


def _link(pages: dict[str, dict], key: str) -> str:
    return f'<a href="{key}.html">{escape(pages[key]["title"])}</a>'


def render(lang: str, pages: dict[str, dict], key: str) -> str:
    page = pages[key]
    body = [f"<h1>{escape(page['title'])}</h1>", f"<p>{_bullet(page['lead'])}</p>"]
    for heading, bullets in page["sections"]:
        body.append(f"<h2>{escape(heading)}</h2>")
        if bullets == ["tabs"]:
            bullets_html = [_link(pages, k) for k in TAB_PAGES]
        elif bullets == ["roles"]:
            bullets_html = [_link(pages, k) for k in ROLE_PAGES]
        else:
            bullets_html = [_bullet(b) for b in bullets]
        body.append("<ul>" + "".join(f"<li>{b}</li>" for b in bullets_html) + "</ul>")
    if page.get("picture"):  # optional: img/<lang>-<picture>.png, made by tools/screenshots.py
        alt = f"{WORDS[lang]['picture']}: {page['title']}"
        body.append(f'<p><img src="../img/{lang}-{page["picture"]}.png" width="640" '
                    f'alt="{html.escape(alt)}"></p>')
    links = [_link(pages, k) for k in page["see"]]
    if key != "index":
        links.append(f'<a href="index.html">{escape(WORDS[lang]["contents"])}</a>')
    if links:
        body.append(f"<p><b>{escape(WORDS[lang]['see'])}:</b> " + " · ".join(links) + "</p>")
    html_lang = "zh-CN" if lang == "zh_CN" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(page['title'])}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def main() -> int:
    for lang, pages in (("en", EN), ("zh_CN", ZH)):
        folder = OUT / lang
        folder.mkdir(parents=True, exist_ok=True)
        for key in pages:
            (folder / f"{key}.html").write_text(render(lang, pages, key), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
