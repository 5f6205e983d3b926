"""What each audit action says, as a sentence in the reader's language. Pure.

Every action code the program writes (`uow.audit("order.credit_override", …)`) has a
template here: a msgid with named fields, filled by domain/admin/audit_text.py from the
row's before/after and the names the service resolved (`{who}` the person, the entity's
number or code under its own name: `{order}` SO2026-00029, `{customer}` C0021 and its
name, `{user}`, `{claim}` …). tests/unit/test_audit_sentences.py scans the code for
every action code and fails on one without a sentence here or without its translation.

An action whose outcome lies in its payload (approved or refused, a copy or the first
print) has one sentence per outcome: VARIANTS picks the key ("order.price:refused").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sales_desk.i18n import N_

# The entity's label goes into the template under this name (the entity itself as
# written in audit_log.entity when not listed).
ENTITY_SLOTS: dict[str, str] = {
    "expense_claim": "claim", "sales_plan": "plan", "sales_sub_plan": "plan", "expense_budget": "budget",
    "write_off": "writeoff", "travel_application": "trip", "collection_target": "target",
    "perf_evaluation": "evaluation", "commission_scheme": "scheme", "perf_weighting": "weights",
}

SENTENCES: dict[str, str] = {
    # -- log-in, users, administration ---------------------------------------------------
    "auth.login_failed": N_("A log-in as “{username}” failed ({reason})"),
    "seat.open": N_("{who} took a seat on the machine {machine}"),
    "seat.close": N_("{who} left their seat on the machine {machine}"),
    "seat.end": N_("{who} ended a seat on the machine {machine}"),
    "user.create": N_("{who} created the user account {user} with the roles {roles}"),
    "user.roles": N_("{who} set the roles of {user} to {roles}"),
    "user.enable": N_("{who} enabled the user account {user}"),
    "user.disable": N_("{who} disabled the user account {user}"),
    "user.password_reset": N_("{who} reset the password of {user}"),
    "user.password_change": N_("{who} changed their password"),
    "user.keys_issued": N_("{user} was given a new signing key"),
    "backup.take": N_("{who} took the backup {file}"),
    "backup.restore_start": N_("{who} began restoring the backup {backup}"),
    "backup.restore": N_("{who} restored the backup {backup}; the previous data was kept as {previous_data_kept_as}"),
    "setting.change": N_("{who} changed the setting {setting} to {value}"),
    "demo.load": N_("{who} loaded the demo firm"),
    "policy.propose": N_("{who} proposed a policy change ({group}) to take force on {effective_from}: {reason}"),
    "policy.approve": N_("{who} approved policy version {version}, in force from {effective_from}"),
    "policy.return": N_("{who} returned a policy proposal: {reason}"),
    # -- customer files ----------------------------------------------------------------
    "customer.create": N_("{who} created the customer file {customer}"),
    "customer.update": N_("{who} changed the customer file {customer}"),
    "customer.review": N_("{who} reviewed the customer file {customer}"),
    "customer.assign_rep": N_("{who} made {rep_id} the sales rep of {customer}"),
    "customer.open_confidential": N_("{who} opened the confidential part of {customer}: {reason}"),
    "customer.contact_add": N_("{who} added the contact {name} to {customer}"),
    "customer.contact_update": N_("{who} changed a contact of {customer}"),
    "customer.contact_remove": N_("{who} removed the contact {name} from {customer}"),
    "customer.attach": N_("{who} attached “{title}” to the file of {customer}"),
    "customer.open_document": N_("{who} opened a document in the file of {customer}: {reason}"),
    "customer.log_visit": N_("{who} recorded a visit to {customer}: {subject}"),
    "customer.log_return_visit": N_("{who} recorded a return visit to {customer}: {subject}"),
    # caring for customers: maintenance plans and market reports (客户关系维护办法 第7、11条)
    "customer.care_plan_save": N_("{who} wrote the maintenance plan {number} of {customer}"),
    "customer.care_plan_submit": N_("{who} submitted the maintenance plan {number} for review"),
    "customer.care_plan_review": N_("{who} reviewed and filed the maintenance plan {number}"),
    "customer.care_plan_review:returned": N_("{who} returned the maintenance plan {number}: {note}"),
    "customer.market_report_save": N_("{who} wrote the market information report {number} for {period}"),
    "customer.market_report_submit": N_("{who} submitted the market information report {number} for review"),
    "customer.market_report_review": N_("{who} reviewed and filed the market information report {number}"),
    "customer.market_report_review:returned": N_("{who} returned the market information report {number}: {note}"),
    "customer.log_complaint": N_("{who} recorded a complaint from {customer}: {subject}"),
    "customer.log_return_exchange": N_("{who} recorded a return or exchange for {customer}: {subject}"),
    "customer.handle_interaction": N_("{who} recorded the handling of a matter of {customer}: {handling}"),
    "customer.export": N_("{who} exported the customer list ({rows} rows)"),
    "customer.import": N_("{who} imported {customers} customer files from {file}"),
    # -- customer care (issue 19) ------------------------------------------------------
    "care.case_open": N_("{who} recorded the case {case} of {customer}: {subject}"),
    "care.case_step": N_("{who} recorded a step taken on the case {case} of {customer}: {action}"),
    "care.case_close": N_("{who} closed the case {case} of {customer}, confirmed by {confirmed_by}"),
    "care.satisfaction": N_("{who} recorded the satisfaction of {customer}: {score} of 5"),
    "care.key_account_propose": N_("{who} proposed {customer} as a key account (score {total}): {reason}"),
    "care.key_account_approve": N_("{who} approved {customer} as a key account"),
    "care.key_account_reject": N_("{who} rejected the key-account screening of {customer}: {note}"),
    # -- credit --------------------------------------------------------------------------
    "credit.investigation_open": N_("{who} opened a credit investigation of {customer} ({occasion})"),
    "credit.investigation_item": N_("{who} recorded a document of the credit investigation of {customer}"),
    "credit.investigation_figures": N_("{who} entered the financial figures of {customer}"),
    "credit.investigation_report": N_("{who} wrote the investigation report on {customer}"),
    "credit.investigation_submit": N_("{who} submitted the credit investigation of {customer}"),
    "credit.investigation_review": N_("{who} reviewed the credit investigation of {customer}: {status}"),
    "credit.rating_propose": N_("{who} proposed credit grade {grade} for {customer}"),
    "credit.rating_approve": N_("{who} approved credit grade {credit_grade} for {customer}"),
    "credit.rating_reject": N_("{who} rejected the proposed credit rating of {customer}: {note}"),
    "credit.limit_policy": N_("{who} fitted the credit terms of {customer} to its grade: "
                              "limit {credit_limit}, {payment_term_days} days"),
    "credit.set_limit": N_("{who} set the credit limit of {customer} to {credit_limit}, "
                           "{payment_term_days} days, {payment_mode}"),
    "credit.trigger": N_("{who} recorded a reason to downgrade {customer} ({trigger}): grade {credit_grade}, "
                         "credit on hold until re-rated"),
    # recorded before a trigger lowered the grade (migration 0010): a hold only
    "credit.trigger:hold": N_("{who} recorded a reason to re-rate {customer} ({trigger}); its credit is on hold"),
    "credit.scorecard_weights": N_("{who} changed the weights of the credit scorecard"),
    "credit.print": N_("{who} printed the credit evaluation sheet of {customer}"),
    # -- orders, pricing, dispatch -------------------------------------------------------
    "order.create": N_("{who} created order {order} for {customer_id}, total {total}"),
    "order.update": N_("{who} changed order {order}, total {total}"),
    "order.submit": N_("{who} submitted order {order}, total {total}"),
    "order.withdraw": N_("{who} withdrew order {order}"),
    "order.sign": N_("{who} signed order {order} on {signed_on}"),
    "order.price": N_("{who} approved the price below the floor on order {order}"),
    "order.price:refused": N_("{who} refused the price below the floor on order {order}: {note}"),
    "order.major_review": N_("{who} approved the major contract review of order {order}"),
    "order.major_review:refused": N_("{who} refused order {order} in the major contract review: {note}"),
    "order.approve": N_("{who} approved order {order} for dispatch"),
    "order.block": N_("{who} blocked order {order} on credit ({reason})"),
    "order.credit_override": N_("{who} overrode the credit limit on order {order} for {amount}: {reason}"),
    "order.prepayment": N_("{who} recorded a prepayment of {amount} on order {order}"),
    "order.cancel": N_("{who} cancelled order {order}: {reason}"),
    "order.close": N_("{who} closed order {order}: {reason}"),
    "dispatch.ship": N_("{who} shipped {value} on order {order} (dispatch note {shipment})"),
    "dispatch.handover": N_("{who} recorded the handover of dispatch note {shipment} ({received_by})"),
    "dispatch.return": N_("{who} took back goods worth {value} on order {order}: {reason}"),
    "dispatch.export_register": N_("{who} exported the dispatch register ({rows} rows)"),
    "product.create": N_("{who} created the product {product}"),
    "product.update": N_("{who} changed the product {product}"),
    # the pricing procedure and the prepayment paperwork (services/orders/price_lists.py, payment_slips.py)
    "price_list.propose": N_("{who} proposed price list version {version}, effective from {effective_from}: "
                             "{reason}"),
    "price_list.cost_check": N_("{who} recorded the cost check of price list version {version}"),
    "price_list.review": N_("{who} agreed price list version {version} in the joint review"),
    "price_list.approve": N_("{who} approved price list version {version}"),
    "price_list.return": N_("{who} returned price list version {version}: {reason}"),
    "price_list.resubmit": N_("{who} corrected and resubmitted price list version {version}: {reason}"),
    "payment_slip.fill": N_("{who} filled payment slip {number} for {amount} on order {order}"),
    "payment_slip.approve": N_("{who} approved payment slip {number}"),
    "payment_slip.return": N_("{who} returned payment slip {number}: {note}"),
    "payment_slip.resubmit": N_("{who} corrected and resubmitted payment slip {number} for {amount}"),
    "payment_slip.detail": N_("{who} recorded payment detail sheet {detail_number} for {amount} against "
                              "payment slip {number}"),
    # -- collections ---------------------------------------------------------------------
    "receipt.record": N_("{who} recorded receipt {receipt} of {amount} from {customer}"),
    "receipt.reverse": N_("{who} reversed receipt {receipt} of {amount}: {reason}"),
    "receipt.apply_credits": N_("{who} applied {applied} of credits to the open items of {customer}"),
    "receivable.import_opening": N_("{who} imported {rows} opening balances from {file}, total {total}"),
    "receivable.export_aging": N_("{who} exported the aging as of {as_of} ({rows} rows)"),
    "receivable.export_year_end": N_("{who} exported the year-end clearance lists ({rows} rows)"),
    "receivable.export_ledger": N_("{who} exported the ledger of {customer} ({rows} rows)"),
    "dunning.step": N_("{who} recorded the step “{step}” for {customer} ({letter_ref})"),
    "deferral.request": N_("{who} asked to defer {amount} of {customer} to {new_due_date}: {reason}"),
    "deferral.approve": N_("{who} approved deferral {deferral}"),
    "deferral.refuse": N_("{who} refused deferral {deferral}: {note}"),
    "deferral.check": N_("{who} checked deferral {deferral} for finance and passed it on"),
    "deferral.return": N_("{who} returned deferral {deferral} to its requester: {note}"),
    "deferral.resubmit": N_("{who} corrected and resubmitted deferral {deferral} to {new_due_date}"),
    "deferral.withdraw": N_("{who} withdrew deferral {deferral}"),
    "deferral.apply": N_("Deferral {deferral} took effect: new due date {new_due_date}"),
    "writeoff.submit": N_("{who} proposed writing off {amount} of {customer} ({writeoff}): {reason}"),
    "writeoff.approve": N_("{who} approved write-off {writeoff}"),
    "writeoff.refuse": N_("{who} refused write-off {writeoff}: {note}"),
    # issue 19: distributors [经销商], their stock reports [进销存] and rebates [返利]
    "distributor.mark": N_("{who} marked {customer} as a distributor under the agreement {agreement_no}"),
    "distributor.stock": N_("{who} entered the stock report of {customer} for {product}, {month}: "
                            "closing stock {closing}"),
    "distributor.export_stock": N_("{who} exported the distributors' stock sheet for {month} ({rows} rows)"),
    "rebate.agreement_propose": N_("{who} proposed the rebate agreement {number} for {customer}"),
    "rebate.agreement_decide": N_("{who} approved the rebate agreement {number}"),
    "rebate.agreement_decide:refused": N_("{who} refused the rebate agreement {number}: {note}"),
    "rebate.propose": N_("{who} proposed the rebate {number} of {amount} for {customer}"),
    "rebate.decide": N_("{who} approved the rebate {number} of {amount}"),
    "rebate.decide:refused": N_("{who} refused the rebate {number}: {note}"),
    "rebate.pay": N_("{who} paid the rebate {number} to {customer} as the credit note {credit_note}"),
    "lawsuit.prepare": N_("{who} prepared lawsuit {lawsuit} against {customer} for {claim}"),
    "lawsuit.evidence": N_("{who} recorded evidence for lawsuit {lawsuit}: {item}"),
    "lawsuit.file": N_("{who} filed lawsuit {lawsuit} with {court}"),
    "lawsuit.outcome": N_("{who} recorded the outcome of lawsuit {lawsuit}: {outcome}"),
    # performance and commission (issue 19)
    "performance.weights_propose": N_("{who} proposed evaluation weights in force from {effective_from}"),
    "performance.weights_approve": N_("{who} approved the evaluation weights"),
    "performance.weights_return": N_("{who} returned the evaluation weights: {note}"),
    "performance.scheme_propose": N_("{who} proposed the commission scheme {name}, in force from {effective_from}"),
    "performance.scheme_approve": N_("{who} approved the commission scheme {name}"),
    "performance.scheme_return": N_("{who} returned the commission scheme {name}: {note}"),
    "performance.evaluate": N_("{who} worked out the evaluations for {period} ({reps} reps)"),
    "performance.feedback": N_("{who} gave {rep} the evaluation for {period} with feedback"),
    "performance.acknowledge": N_("{who} acknowledged their evaluation for {period}"),
    "performance.commission_run": N_("{who} worked out the commission for {month}: {total}"),
    "liability.run": N_("{who} worked out the collection liability for {month}: {total}"),
    "liability.export": N_("{who} exported the liability statement for {month}"),
    "liability.fault": N_("{who} recorded a finding on the liability for {document}: {reason}"),
    "liability.fault:intent": N_("{who} found the liability for {document} due to intent: {reason}"),
    "liability.fault:gross_negligence": N_(
        "{who} found the liability for {document} due to gross negligence: {reason}"),
    "liability.fault:no_fault": N_(
        "{who} found no fault behind the liability for {document} and proposed an exemption: {reason}"),
    "liability.exemption_approve": N_("{who} approved the liability exemption for {document}"),
    "liability.exemption_reject": N_("{who} rejected the liability exemption for {document}: {note}"),
    "collection.set_target": N_("{who} set the collection target of {rep_id} for {month} to {amount}"),
    "collection.advance_report": N_("{who} reported ahead that {doc_no}, due {due_date}, will be paid late "
                                    "(expected {expected_on}): {reason}"),
    # statements of account (issue 20)
    "statement.issue": N_("{who} issued the statement of account {number} to {customer} for {period_from} to "
                          "{period_to}: balance {amount}"),
    "statement.confirm": N_("{who} recorded that the customer confirmed the balance of statement {number} "
                            "({amount})"),
    "statement.differences": N_("{who} recorded the differences the customer raised on statement {number}: "
                                "{amount} in all"),
    "statement.resolve_difference": N_("{who} resolved a difference of {amount} on statement {number}: {note}"),
    # -- expenses, budgets, travel ---------------------------------------------------------
    "expense.apply": N_("{who} applied for {amount} of expenses ({claim})"),
    "expense.update": N_("{who} changed expense claim {claim}"),
    "expense.resubmit": N_("{who} resubmitted expense claim {claim}"),
    "expense.withdraw": N_("{who} withdrew expense claim {claim}: {reason}"),
    "expense.attach": N_("{who} attached receipts to expense claim {claim}"),
    "expense.review": N_("{who} reviewed expense claim {claim} ({amount})"),
    "expense.approve": N_("{who} approved expense claim {claim} ({amount})"),
    "expense.gm": N_("{who} approved expense claim {claim} ({amount}) as general manager"),
    "expense.finance": N_("{who} checked and signed expense claim {claim} ({amount}) for finance"),
    "expense.explanation": N_("{who} reviewed the explanation form of expense claim {claim} ({amount}) "
                              "as sales VP"),
    "expense.report_submit": N_("{who} submitted the annual expense-control report {year} ({document}) to the "
                                "general manager"),
    "expense.report_review": N_("{who} reviewed the annual expense-control report {year}: {remarks}"),
    "expense.report_review:returned": N_("{who} returned the annual expense-control report {year}: {remarks}"),
    "expense.report_file": N_("{who} filed the annual expense-control report {year} ({document})"),
    "expense.refuse": N_("{who} refused expense claim {claim}: {comment}"),
    "expense.pay": N_("{who} paid expense claim {claim}: {amount}"),
    "expense_profile.set": N_("{who} set the expense profile of {user}"),
    "travel.apply": N_("{who} applied to travel to {destination} from {start_on} to {end_on}"),
    "travel.approve": N_("{who} approved the trip {trip}"),
    "travel.refuse": N_("{who} refused the trip {trip}: {comment}"),
    "travel.withdraw": N_("{who} withdrew the trip {trip}"),
    "budget.prepare": N_("{who} prepared the expense budget {budget}, total {total}"),
    "budget.submit": N_("{who} submitted the expense budget {budget}"),
    "budget.check": N_("{who} checked the expense budget {budget}"),
    "budget.return": N_("{who} returned the expense budget {budget}: {reason}"),
    "budget.approve": N_("{who} approved the expense budget {budget}"),
    "budget.revise": N_("{who} opened a revision of the expense budget {budget}: {reason}"),
    # -- plans ---------------------------------------------------------------------------
    "plan.prepare": N_("{who} prepared the sales plan {plan}"),
    "plan.target": N_("{who} carried a worked-out target into the sales plan {plan}"),
    "plan.submit": N_("{who} submitted the sales plan {plan}, total {total}"),
    "plan.return": N_("{who} returned the sales plan {plan}: {reason}"),
    "plan.approve": N_("{who} approved the sales plan {plan}, total {total}"),
    "plan.revise": N_("{who} opened a revision of the sales plan {plan}: {reason}"),
    "plan.prepare_monthly": N_("{who} prepared the monthly plan {plan}"),
    "plan.submit_monthly": N_("{who} submitted the monthly plan {plan}, sales target {sales}"),
    "plan.return_monthly": N_("{who} returned the monthly plan {plan}: {reason}"),
    "plan.approve_monthly": N_("{who} approved the monthly plan {plan}, sales target {sales}"),
    "plan.prepare_product": N_("{who} prepared the product plan {plan}"),
    "plan.submit_product": N_("{who} submitted the product plan {plan}, sales target {sales}"),
    "plan.return_product": N_("{who} returned the product plan {plan}: {reason}"),
    "plan.approve_product": N_("{who} approved the product plan {plan}, sales target {sales}"),
    # -- documents of record ---------------------------------------------------------------
    "document.issue": N_("{who} issued {document} “{title}” ({reference})"),
    "document.output": N_("{who} printed {document} to {destination}"),
    "document.output:copy": N_("{who} printed a copy of {document} to {destination}"),
    "document.export_register": N_("{who} exported the document register ({rows} rows)"),
    # -- leads, opportunities, quotations (issue 18) ---------------------------------------
    "lead.create": N_("{who} recorded the lead {number} {name}"),
    "lead.update": N_("{who} changed the lead {lead}"),
    "lead.convert": N_("{who} converted the lead {number} into a customer file"),
    "lead.drop": N_("{who} dropped the lead {lead}: {reason}"),
    "opportunity.create": N_("{who} opened the opportunity {number} “{title}”"),
    "opportunity.update": N_("{who} changed the opportunity {number}"),
    "opportunity.advance": N_("{who} moved the opportunity {number} to the stage {stage} on {reached_on}"),
    "opportunity.win": N_("{who} won the opportunity {number}; its draft order is {order}"),
    "opportunity.lose": N_("{who} lost the opportunity {number} to {competitor}"),
    "opportunity.reassign": N_("{who} reassigned the opportunity {number} to {owner_id}"),
    "opportunity.export_pipeline": N_("{who} exported the pipeline analysis"),
    "quotation.create": N_("{who} made the quotation {number} for the opportunity {opportunity}, total {total}"),
    "quotation.price": N_("{who} approved the prices below the floor on the quotation {number}"),
    "quotation.price:refused": N_("{who} refused the prices below the floor on the quotation {number}: {note}"),
    "quotation.issue": N_("{who} issued the quotation {number} as {document}"),
    # -- activities, the team's days, territories (issue 18) -----------------------------------
    "activity.plan": N_("{who} planned a {kind} for {planned_on}: {subject}"),
    "activity.reschedule": N_("{who} moved the activity “{subject}” to {planned_on}"),
    "activity.done": N_("{who} recorded the outcome of “{subject}”: {result}"),
    "activity.cancel": N_("{who} cancelled the activity “{subject}”: {reason}"),
    "team.status": N_("{who} recorded {user_id} as “{kind}” from {start_on} to {end_on}"),
    "team.comment": N_("{who} commented on the work log of {user_id} for {day}: {text}"),
    "team.remind": N_("{who} reminded {user_id} for {due_on}: {text}"),
    "team.assign": N_("{who} put {user} in the team of {supervisor_id}"),
    "territory.assign": N_("{who} made {rep_id} responsible for the region {region}"),
    "territory.unassign": N_("{who} relieved {rep_id} of the region {region}"),
    "territory.reassign": N_("{who} gave the {customers} customers of {user} to {rep_id}, with what is open on them: "
                             "{reason}"),
}

# An action not listed (a code added later): still a sentence, with the code itself.
FALLBACK = N_("{who}: {action} on {what}")
NOBODY = N_("The program")  # rows written with no one logged in


def _refused(payload: Mapping[str, object]) -> str | None:
    return "refused" if payload.get("approved") is False else None


VARIANTS: dict[str, Callable[[Mapping[str, object]], str | None]] = {
    "order.price": _refused,
    "order.major_review": _refused,
    "quotation.price": _refused,
    "rebate.agreement_decide": lambda p: "refused" if p.get("status") == "refused" else None,
    "rebate.decide": lambda p: "refused" if p.get("status") == "refused" else None,
    "document.output": lambda p: "copy" if p.get("copy") else None,
    "liability.fault": lambda p: str(p["finding"]) if p.get("finding") else None,
    "credit.trigger": lambda p: None if "credit_grade" in p else "hold",
    "expense.report_review": lambda p: "returned" if p.get("status") == "returned" else None,
    "customer.care_plan_review": lambda p: "returned" if p.get("status") == "returned" else None,
    "customer.market_report_review": lambda p: "returned" if p.get("status") == "returned" else None,
}


def template_key(action: str, after: Mapping[str, object]) -> str:
    pick = VARIANTS.get(action)
    variant = pick(after) if pick else None
    return f"{action}:{variant}" if variant else action


# -- kinds of action, for the filter ------------------------------------------------------

GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "orders": (N_("Orders, prices and dispatch"), ("order.", "dispatch.", "product.", "price_list.", "payment_slip.")),
    "customers": (N_("Customer files"), ("customer.", "care.")),
    "credit": (N_("Credit"), ("credit.",)),
    "collections": (N_("Collections"), ("receipt.", "receivable.", "dunning.", "deferral.", "writeoff.", "statement.", "rebate.", "distributor.",
                                         "lawsuit.", "liability.", "collection.")),
    "expenses": (N_("Expenses, travel and budgets"), ("expense.", "expense_profile.", "travel.", "budget.")),
    "plans": (N_("Sales plans"), ("plan.",)),
    "documents": (N_("Documents of record"), ("document.",)),
    "users": (N_("Users and log-in"), ("user.", "auth.", "seat.")),
    "admin": (N_("Settings, backups and the demo"), ("setting.", "backup.", "demo.")),
    "policy": (N_("Policy versions"), ("policy.",)),
    "opportunities": (N_("Leads, opportunities and quotations"), ("lead.", "opportunity.", "quotation.")),
    "activities": (N_("Activities, the team and territories"), ("activity.", "team.", "territory.")),
    "performance": (N_("Performance and commission"), ("performance.",)),
}


def group_of(action: str) -> str | None:
    for key, (_label, prefixes) in GROUPS.items():
        if action.startswith(prefixes):
            return key
    return None
