"""Every right a role may hold (roles.py grants them): one name per action a control guards."""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    # administration (admin only)
    USERS_MANAGE = "users.manage"
    SETTINGS_MANAGE = "settings.manage"
    BACKUP_MANAGE = "backup.manage"
    AUDIT_VIEW = "audit.view"
    # customer files
    CUSTOMER_VIEW = "customer.view"
    CUSTOMER_CREATE = "customer.create"
    CUSTOMER_EDIT = "customer.edit"
    CUSTOMER_REVIEW = "customer.review"
    CUSTOMER_CONFIDENTIAL = "customer.open_confidential"
    CUSTOMER_EXPORT = "customer.export"
    # Bringing many files in at once from the old books (SPEC §8): the customer-service
    # manager, who keeps the customer information system, and the sales manager. Credit
    # figures in the file need credit.set_limit as well (services/customers/importing.py).
    CUSTOMER_IMPORT = "customer.import"
    CUSTOMER_CONTACT_LOG = "customer.log_contact"
    # credit
    CREDIT_VIEW = "credit.view"  # grade, limit, hold, rating history, re-ratings due
    CREDIT_INVESTIGATE = "credit.investigate"
    CREDIT_REVIEW_INVESTIGATION = "credit.review_investigation"
    CREDIT_APPROVE_RATING = "credit.approve_rating"
    CREDIT_SET_LIMIT = "credit.set_limit"
    CREDIT_RECORD_TRIGGER = "credit.record_trigger"
    CREDIT_OVERRIDE = "credit.override"
    CREDIT_AUDIT = "credit.audit"
    # pricing, orders, dispatch
    PRICING_SET = "pricing.set"
    PRICE_BELOW_FLOOR_APPROVE = "pricing.approve_below_floor"
    # the pricing procedure (二、4): the manager proposes a price list, finance checks its
    # costs, the VP reviews it (pricing.set), the gm approves it; and the prepayment slip
    # [缴款单] the sales manager approves before finance records the money (回款 第7条2)
    PRICING_PROPOSE = "pricing.propose"
    PRICING_COST_CHECK = "pricing.cost_check"
    PRICING_APPROVE = "pricing.approve"
    PREPAYMENT_SLIP_APPROVE = "prepayment.approve_slip"
    CONTRACT_REVIEW_MAJOR = "contract.review_major"
    ORDER_VIEW = "order.view"
    ORDER_CREATE = "order.create"
    ORDER_APPROVE = "order.approve"
    ORDER_RECORD_PREPAYMENT = "order.record_prepayment"
    DISPATCH_SHIP = "dispatch.ship"
    RETURN_RECORD = "return.record"
    # collections
    RECEIVABLE_VIEW = "receivable.view"
    RECEIPT_RECORD = "receipt.record"
    DUNNING_RUN = "dunning.run"
    DUNNING_OVERSEE = "dunning.oversee"
    DEFERRAL_REQUEST = "deferral.request"
    DEFERRAL_APPROVE = "deferral.approve"
    DEFERRAL_CHECK = "deferral.check"  # finance's check of a deferral (财务人员 职责3)
    WRITEOFF_SUBMIT = "writeoff.submit"
    WRITEOFF_APPROVE = "writeoff.approve"
    # liability needs fault (第19条 3): the sales manager records fault or no fault per debt;
    # the general manager approves or rejects an exemption
    LIABILITY_RECORD_FAULT = "liability.record_fault"
    LIABILITY_EXEMPT = "liability.approve_exemption"
    # the rep's advance report before a due date is missed (信用 第15条3), to the manager and the GM
    ADVANCE_REPORT_FILE = "collection.advance_report"
    ADVANCE_REPORT_RECEIVE = "collection.advance_report_receive"
    # statements of account [对账]: the rep with their own customers (销售专员 职责6), finance with
    # all; finance resolves the differences a customer raises and sends the auditor's letters
    STATEMENT_ISSUE = "statement.issue"
    STATEMENT_RESOLVE = "statement.resolve"
    # expenses, budgets, plans
    EXPENSE_APPLY = "expense.apply"
    EXPENSE_REVIEW = "expense.review"
    EXPENSE_APPROVE = "expense.approve"
    EXPENSE_APPROVE_MAJOR = "expense.approve_major"
    EXPENSE_FINANCE_CHECK = "expense.finance_check"
    EXPENSE_PAY = "expense.pay"
    # 费用 第8条3: the VP reviews a department application's explanation form [情况说明表]
    EXPENSE_REVIEW_EXPLANATION = "expense.review_explanation"
    # 费用 第11条2: the GM reads the annual expense-control report before it is filed
    EXPENSE_REPORT_REVIEW = "expense.review_report"
    BUDGET_PREPARE = "budget.prepare"
    BUDGET_CHECK = "budget.check"
    BUDGET_APPROVE = "budget.approve"
    PLAN_PREPARE = "plan.prepare"
    PLAN_APPROVE = "plan.approve"
    # the plan's levels (销售部经理 职责1, 销售主管 职责2): monthly plans approved by the VP,
    # the supervisors' product plans by the sales manager
    PLAN_PREPARE_MONTHLY = "plan.prepare_monthly"
    PLAN_APPROVE_MONTHLY = "plan.approve_monthly"
    PLAN_PREPARE_PRODUCT = "plan.prepare_product"
    PLAN_APPROVE_PRODUCT = "plan.approve_product"
    DASHBOARD_VIEW = "dashboard.view"
    # policy versions (SPEC §9): the role the seed names proposes, the gm approves
    POLICY_VIEW = "policy.view"
    POLICY_PROPOSE = "policy.propose"
    POLICY_APPROVE = "policy.approve"
    # opportunities [销售机会/项目] (issue 18): the sales side reads them (a rep their own), the
    # reps and their supervisors and managers work them (a rep their own only)
    OPPORTUNITY_VIEW = "opportunity.view"
    OPPORTUNITY_EDIT = "opportunity.edit"
    # issue 18 (activities, the team's days, territories): one's own activities and days;
    # a supervisor's view of their people [批复、提醒]; the regions and who works them [销售组织]
    ACTIVITY_RECORD = "activity.record"
    TEAM_OVERSEE = "team.oversee"
    TERRITORY_MANAGE = "territory.manage"
    # customer care (issue 19): complaints and service cases [客户投诉管理, 售后服务跟踪], their
    # analysis; key accounts proposed by the rep or a manager, approved by the sales manager [大客户筛选]
    COMPLAINT_HANDLE = "complaint.handle"
    COMPLAINT_ANALYSE = "complaint.analyse"
    KEY_ACCOUNT_PROPOSE = "key_account.propose"
    KEY_ACCOUNT_APPROVE = "key_account.approve"
    # caring for customers (客户关系维护办法 第7、11条): the customer manager (the rep in charge)
    # writes the maintenance plan, reps and customer-service staff the market report; the sales
    # manager reviews both
    CARE_WRITE_PLAN = "care.write_plan"
    CARE_WRITE_REPORT = "care.write_report"
    CARE_REVIEW = "care.review"
    # performance and commission (issue 19): the sales manager proposes the weights and the
    # commission schemes and evaluates the reps, the GM approves, the rep acknowledges,
    # finance runs the month's commission for payroll
    PERFORMANCE_VIEW = "performance.view"
    PERFORMANCE_TEAM = "performance.view_team"
    PERFORMANCE_PROPOSE = "performance.propose"
    PERFORMANCE_APPROVE = "performance.approve"
    PERFORMANCE_EVALUATE = "performance.evaluate"
    PERFORMANCE_ACKNOWLEDGE = "performance.acknowledge"
    COMMISSION_RUN = "commission.run"
    # distributors and rebates (seed 002 一、10–11): the sales manager marks distributors and
    # proposes agreements and each period's rebate, the rep enters the stock reports [进销存],
    # the general manager approves the money, finance pays it as a credit note
    DISTRIBUTOR_MANAGE = "distributor.manage"
    DISTRIBUTOR_STOCK = "distributor.report_stock"
    REBATE_APPROVE = "rebate.approve"
    REBATE_PAY = "rebate.pay"

