"""Write the user guide's HTML pages (resources/help/<lang>/*.html) from the text below.

    python tools/help_pages.py

The guide's words live here, one entry per page and language, so both languages are
edited side by side and every page has the same frame (title, picture, links). The
pictures are made by `tools/screenshots.py OUT --help-images resources/help/img`.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "help"

STYLE = ("body { font-size: 10pt; } h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 14px; } "
         "p.note { color: #555; } img { margin: 6px 0; }")

# Each page: title, lead paragraph, sections (heading, bullet points), picture, related pages.
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
            "<b>Staff liability</b>: the 5:3:2 charges per month, for payroll."])],
        picture="collections-aging", see=["role-finance", "role-sales-rep"]),
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
            "Apply for expenses and travel before spending, in <b>Expenses</b>."])],
        picture="dashboard-rep", see=["customers", "orders", "collections", "expenses"]),
    "role-supervisor": dict(
        title="Supervisor and sales manager: a day's work",
        lead="You plan, review and approve your team's work.",
        sections=[("Every day", [
            "<b>Waiting for me</b> (Dashboard, Orders, Expenses): the reps' expense claims to "
            "review (supervisor) or approve (sales manager), travel, payment slips.",
            "Supervisor: the reps' product plans and receivables follow-up.",
            "Sales manager: the monthly plans, credit limits and terms per customer, price "
            "proposals, bad-debt write-off approvals, fault or no fault on staff liability.",
            "You never approve your own request: it goes to the next approver."])],
        picture="expenses-waiting", see=["expenses", "credit", "dashboard"]),
    "role-vp": dict(
        title="Sales VP: a day's work",
        lead="You set the prices and the plan, and review what is large or unusual.",
        sections=[("Every day", [
            "<b>Waiting for me</b> in Orders: prices below the floor, major contracts before "
            "they are signed, price lists for joint review.",
            "Deferred payments (with the general manager) after finance has checked them.",
            "The overall sales plan and the collection targets inside it.",
            "Department expense explanations, before the approvers by amount."])],
        picture="orders-waiting", see=["orders", "dashboard", "collections"]),
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
            "The audit trail is yours to read and export."])],
        picture="dashboard-gm", see=["dashboard", "orders", "expenses"]),
    "role-finance": dict(
        title="Finance: a day's work",
        lead="You record the money, watch the receivables and check what others approve.",
        sections=[("Every day", [
            "<b>Money received</b>: record receipts and allocate them; bounced cheques are reversed.",
            "Run the <b>Aging</b> and tell the reps about overdue customers; send the letters of the ladder.",
            "Review credit investigation reports; check deferrals; submit bad-debt write-offs.",
            "Check expense claims against the monthly and annual plan before the cashier pays.",
            "The monthly credit audit, the liability statement for payroll."])],
        picture="collections-receipts", see=["collections", "expenses", "credit"]),
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
            "<b>回款责任</b>：按 5:3:2 的比例逐月计算的扣款，供发放工资使用。"])],
        picture="collections-aging", see=["role-finance", "role-sales-rep"]),
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
            "支出前在<b>销售费用</b>中申请费用和差旅。"])],
        picture="dashboard-rep", see=["customers", "orders", "collections", "expenses"]),
    "role-supervisor": dict(
        title="销售主管和销售部经理的日常工作",
        lead="您负责计划、审核和批准团队的工作。",
        sections=[("每天", [
            "<b>待我审批</b>（工作台、订单、销售费用）：销售专员的费用申请，由销售主管审核、销售部经理批准；差旅；缴款单。",
            "销售主管：销售专员的产品计划和应收账款跟进。",
            "销售部经理：月度计划、各客户的信用额度与账期、价格建议、呆账核销审批、回款责任的过错认定。",
            "您永远不能批准自己的申请：它会交给下一位审批人。"])],
        picture="expenses-waiting", see=["expenses", "credit", "dashboard"]),
    "role-vp": dict(
        title="销售副总的日常工作",
        lead="您制定价格和计划，并审核金额较大或不寻常的事项。",
        sections=[("每天", [
            "订单中的<b>待我审批</b>：低于下限的价格、签订前的重大合同、待联合审核的价格表。",
            "经财务核查后的延期付款（与总经理共同批准）。",
            "总体销售计划及其中的回款目标。",
            "部门费用申请的说明，先于按金额的审批人审核。"])],
        picture="orders-waiting", see=["orders", "dashboard", "collections"]),
    "role-gm": dict(
        title="总经理的日常工作",
        lead="您批准制度留给最高层的事项：计划、预算、大额支出、信用超额和政策数字。",
        sections=[("每天", [
            "打开<b>工作台</b>：全公司的预警和待您处理的事项。",
            "批准销售计划和费用预算（您从不编制它们）。",
            "信用超额、延期付款、大额或超预算费用、销售部经理的差旅、回款责任的豁免。",
            "政策版本：批准提出岗位拟定的业务数字。",
            "审计日志由您查阅和导出。"])],
        picture="dashboard-gm", see=["dashboard", "orders", "expenses"]),
    "role-finance": dict(
        title="财务人员的日常工作",
        lead="您登记款项、关注应收账款，并复核他人批准的事项。",
        sections=[("每天", [
            "<b>收款</b>：登记并核销收款；退票予以冲回。",
            "进行<b>账龄分析</b>，把逾期客户告知销售专员；发出催款流程中的信函。",
            "审核信用调查报告；核查延期付款；提交呆账核销。",
            "在出纳付款前，对照月度和年度计划复核费用申请。",
            "每月信用审计，以及供发放工资用的回款责任表。"])],
        picture="collections-receipts", see=["collections", "expenses", "credit"]),
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

TAB_KEYS = ("dashboard", "customers", "credit", "orders", "warehouse", "expenses", "collections", "admin")
ROLE_KEYS = ("role-sales-rep", "role-supervisor", "role-vp", "role-gm", "role-finance", "role-cashier",
             "role-warehouse", "role-admin")
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
            bullets_html = [_link(pages, k) for k in TAB_KEYS]
        elif bullets == ["roles"]:
            bullets_html = [_link(pages, k) for k in ROLE_KEYS]
        else:
            bullets_html = [_bullet(b) for b in bullets]
        body.append("<ul>" + "".join(f"<li>{b}</li>" for b in bullets_html) + "</ul>")
    alt = f"{WORDS[lang]['picture']}: {page['title']}"
    body.append(f'<p><img src="../img/{lang}-{page["picture"]}.png" width="640" alt="{html.escape(alt)}"></p>')
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
