"""What each service a control can refuse tried to do, as a phrase in msgid form (pure data
for refusal_sentences.py): every service of services/common/base.py REGISTRY, named
`module.function`, with the record it named as `{record}` — its number or code (the order
SO2026-00029, the customer C0021 …). Reads (list_*, get_*, *_page …) say “open …”.
tests/unit/test_refusal_sentences.py fails on a registered service without a phrase here.
"""

from __future__ import annotations

from sales_desk.domain.admin.refusal_phrases_selling import SELLING_AND_CARE_PHRASES
from sales_desk.i18n import N_

PHRASES: dict[str, str] = {
    # issue 20: statements of account and the auditor's confirmation letters
    "statement_data.statement_data": N_("prepare a statement of account for {record}"),
    "statement_data.customers_with_balance": N_("list the customers with a balance for statements of account"),
    "statement_data.confirmation_data": N_("prepare the auditor's confirmation letter for {record}"),
    "statements.record_statement": N_("keep the statement of account issued for {record}"),
    "statements.confirm_statement": N_("record the customer's confirmation of the statement {record}"),
    "statements.record_differences": N_("record the differences the customer raised on the statement {record}"),
    "statements.resolve_difference": N_("resolve the difference {record} on a statement of account"),
    "statements.list_statements": N_("open the statements of account"),
    "statements.awaiting_reply": N_("open the statements awaiting the customer's reply"),
    "statements.statement_detail": N_("open the statement of account {record}"),
    # issue 16, search as a Chinese office expects: the window's search box (Ctrl+K)
    "jump.jump_search": N_("search the records"),
    # issue 17, several seats as one office: seats
    "seats.close_seat": N_("log out of this seat"),
    "seats.end_seat": N_("end the seat {record}"),
    "seats.list_seats": N_("open the seats connected"),
    "seats.open_seat": N_("take a seat on this machine"),
    # issue 20 (standards): spending standards, the target calculator
    "standards.standard_of": N_("look up the spending standard of an expense item"),
    "target_calculator.choose_target": N_("carry a worked-out target into the sales plan {record}"),
    "target_calculator.target_history": N_("open last year's sales for the target calculator"),
    # policy2 (issue 15 finished): waiting-for-me lists, resubmissions, the CLI
    "policy.proposals_waiting_for_me": N_("open the policy proposals waiting for approval"),
    "price_lists.lists_waiting_for_me": N_("open the price lists waiting for a step"),
    "price_lists.resubmit": N_("correct and resubmit the price list {record}"),
    "payment_slips.resubmit_slip": N_("correct and resubmit the payment slip {record}"),
    # added with the procedures of issue 15: advance reports, plans, deferrals, policy, prices, slips, year end
    "approvals.review_explanation": N_("review the expense explanation form of the claim {record}"),
    "deferrals.check_deferral": N_("check the deferral request {record} for finance"),
    "deferrals.resubmit_deferral": N_("correct and resubmit the deferral request {record}"),
    "deferrals.withdraw_deferral": N_("withdraw the deferral request {record}"),
    "forms.explanation_form": N_("open the expense explanation form of the claim {record}"),
    "paper.price_list_document": N_("open the price list {record} for printing"),
    "paper.slip_document": N_("open the payment slip {record} for printing"),
    "payment_record.payment_record": N_("open the payment record of {record}"),
    "payment_slips.decide_slip": N_("decide on the payment slip {record}"),
    "payment_slips.fill_slip": N_("fill in a payment slip for the order {record}"),
    "payment_slips.get_slip": N_("open the payment slip {record}"),
    "payment_slips.list_slips": N_("open the payment slips"),
    "payment_slips.record_detail": N_("record the payment detail sheet for the payment slip {record}"),
    "policy.approve_policy": N_("approve the policy proposal {record}"),
    "policy.compare_versions": N_("compare two policy versions"),
    "policy.policy_history": N_("open the policy versions"),
    "policy.policy_on": N_("open the policy in force on {record}"),
    "policy.propose_policy": N_("propose a policy change"),
    "policy.return_policy": N_("return the policy proposal {record}"),
    "price_lists.approve": N_("approve the price list {record}"),
    "price_lists.get_price_list": N_("open the price list {record}"),
    "price_lists.list_price_lists": N_("open the price lists"),
    "price_lists.propose": N_("propose a price list"),
    "price_lists.record_cost_check": N_("record the cost check of the price list {record}"),
    "price_lists.review": N_("review the price list {record} jointly"),
    "price_lists.send_back": N_("return the price list {record}"),
    "report_review.file_report": N_("file the annual expense report {record}"),
    "report_review.report_submissions": N_("open the annual expense reports submitted"),
    "report_review.review_report": N_("review the annual expense report {record}"),
    "report_review.submit_report": N_("submit the annual expense report {record} to the general manager"),
    "year_end.clearance": N_("open the year-end clearance list"),
    "year_end.export_year_end": N_("export the year-end clearance lists"),
    "year_end.uncleared": N_("open what was still open on 1 January of {record}"),
    "advance_reports.file_report": N_("file an advance report on the invoice {record}"),
    "advance_reports.filed_reports": N_("open the advance reports filed"),
    "advance_reports.reports_due": N_("open the advance reports due"),
    "sub_plan_reads.get_sub_plan": N_("open the plan {record}"),
    "sub_plan_reads.month_plans": N_("open the monthly and product plans of {record}"),
    "sub_plan_reads.sub_plan_choices": N_("open the choices for a monthly or product plan"),
    "sub_plans.decide_sub_plan": N_("decide on the plan {record}"),
    "sub_plans.prepare_monthly": N_("prepare the monthly sales plan {record}"),
    "sub_plans.prepare_product": N_("prepare a product sales plan under the monthly plan {record}"),
    "sub_plans.sub_plans_waiting": N_("open the monthly and product plans waiting for a decision"),
    "sub_plans.submit_sub_plan": N_("submit the plan {record}"),
    # aging
    "aging.aging_items": N_("open the aging of the customer {record}"),
    "aging.aging_report": N_("open the aging report"),
    "aging.export_aging": N_("export the aging report"),
    # analysis
    "analysis.aging_totals": N_("open the aging totals"),
    "analysis.annual_report": N_("open the annual sales report {record}"),
    "analysis.expenses_against_budget": N_("open the expenses against the budget {record}"),
    "analysis.monthly_analysis": N_("open the monthly sales analysis {record}"),
    "analysis.sales_composition": N_("open the sales composition {record}"),
    # approvals
    "approvals.approve_claim": N_("approve the expense claim {record}"),
    "approvals.approve_order": N_("approve the order {record} for dispatch"),
    "approvals.approve_price": N_("approve the price below the floor on the order {record}"),
    "approvals.decide_claim": N_("decide on the expense claim {record}"),
    "approvals.finance_check_claim": N_("check the expense claim {record} for finance"),
    "approvals.gm_approve_claim": N_("approve the expense claim {record} as general manager"),
    "approvals.override_credit": N_("override the credit limit on the order {record}"),
    "approvals.pay_claim": N_("pay the expense claim {record}"),
    "approvals.review_claim": N_("review the expense claim {record}"),
    "approvals.review_major_contract": N_("review the major contract {record}"),
    # audit
    "audit.audit_page": N_("open the audit trail"),
    "audit.credit_audit": N_("open the credit audit {record}"),
    "audit.export_audit": N_("export the audit trail"),
    "audit.export_rows": N_("export the audit trail"),
    "audit.verify_chain": N_("verify the audit trail"),
    # auth
    "auth.change_own_password": N_("change their password"),
    "auth.create_first_admin": N_("create the first administrator {record}"),
    "auth.login": N_("log in as {record}"),
    "auth.needs_first_run": N_("start the program for the first time"),
    # backups
    "backups.authorize_restore": N_("restore a backup"),
    "backups.list_backups": N_("open the list of backups"),
    "backups.prepare_restore": N_("prepare to restore a backup"),
    "backups.take_backup": N_("take a backup"),
    # budgets
    "budgets.approve_budget": N_("approve the expense budget {record}"),
    "budgets.budget_versions": N_("open the versions of the expense budget {record}"),
    "budgets.check_budget": N_("check the expense budget {record}"),
    "budgets.departments": N_("open the departments of the expense budget {record}"),
    "budgets.get_budget": N_("open the expense budget {record}"),
    "budgets.prepare_budget": N_("prepare the expense budget {record}"),
    "budgets.revise_budget": N_("revise the expense budget {record}"),
    "budgets.submit_budget": N_("submit the expense budget {record}"),
    # claims
    "claims.apply_for_expense": N_("apply for expenses"),
    "claims.attach_receipts": N_("attach receipts to the expense claim {record}"),
    "claims.resubmit_claim": N_("resubmit the expense claim {record}"),
    "claims.update_claim": N_("change the expense claim {record}"),
    "claims.withdraw_claim": N_("withdraw the expense claim {record}"),
    # credit_check
    "credit_check.order_credit_position": N_("check the credit position of {record} for an order"),
    # dashboard
    "dashboard.dashboard": N_("open the dashboard"),
    # deferrals
    "deferrals.decide_deferral": N_("decide on the deferral {record}"),
    "deferrals.deferrals": N_("open the list of deferrals"),
    "deferrals.request_deferral": N_("ask to defer payments of {record}"),
    # dispatch
    "dispatch.record_handover": N_("record the handover of the dispatch note {record}"),
    "dispatch.record_return": N_("record a return on the dispatch note {record}"),
    "dispatch.ship_order": N_("ship the order {record}"),
    # dispatch_register
    "dispatch_register.count_register": N_("open the dispatch register"),
    "dispatch_register.dispatch_notices": N_("open the dispatch notices"),
    "dispatch_register.dispatch_register": N_("open the dispatch register"),
    "dispatch_register.export_register": N_("export the dispatch register"),
    "dispatch_register.get_shipment": N_("open the dispatch note {record}"),
    "dispatch_register.shipment_id_by_number": N_("find the dispatch note {record}"),
    # drill_down
    "drill_down.warning_records": N_("open the records behind a warning"),
    # dunning
    "dunning.record_step": N_("record a collection step for {record}"),
    "dunning.record_steps": N_("record collection steps"),
    "dunning.run_overdue_notices": N_("send the overdue notices"),
    "dunning.send_lawyer_letter": N_("send a lawyer's letter to {record}"),
    # entry
    "entry.cancel_order": N_("cancel the order {record}"),
    "entry.close_order": N_("close the order {record}"),
    "entry.create_order": N_("create an order for {record}"),
    "entry.sign_order": N_("sign the order {record}"),
    "entry.submit_order": N_("submit the order {record}"),
    "entry.update_order": N_("change the order {record}"),
    "entry.withdraw_order": N_("withdraw the order {record}"),
    # firm (the demo's loader)
    "firm.load_demo": N_("load the demo firm"),
    # files
    "files.assign_rep": N_("assign a sales rep to {record}"),
    "files.create_customer": N_("create a customer file"),
    "files.customer_card": N_("open the customer card of {record}"),
    "files.customer_file": N_("open the customer file {record}"),
    "files.customer_id_by_code": N_("find the customer {record}"),
    "files.file_access_log": N_("open who opened the file of {record}"),
    "files.open_confidential_file": N_("open the confidential part of {record}"),
    "files.review_customer_file": N_("review the customer file {record}"),
    "files.update_customer": N_("change the customer file {record}"),
    # forms
    "forms.claim_for_edit": N_("open the expense claim {record} to change it"),
    "forms.claimants": N_("open the list of claimants"),
    "forms.contract_document": N_("print the contract of the order {record}"),
    "forms.credit_dossier": N_("print the credit dossier of {record}"),
    "forms.dispatch_note_document": N_("print the dispatch note {record}"),
    # importing
    "importing.import_customers": N_("import customer files"),
    "importing.preview_customer_import": N_("preview an import of customer files"),
    # inbox
    "inbox._deferral_slots_taken": N_("open the inbox"),
    "inbox._files_to_review": N_("open the inbox"),
    "inbox.waiting_for_me": N_("open the inbox"),
    "inbox._not_for": N_("open the inbox"),
    # integrity
    "integrity.check_database": N_("check the database"),
    # investigation
    "investigation.get_investigation": N_("open the credit investigation {record}"),
    "investigation.list_investigations": N_("open the list of credit investigations"),
    "investigation.open_investigation": N_("open a credit investigation of {record}"),
    "investigation.record_item": N_("record a document of the credit investigation {record}"),
    "investigation.review_investigation": N_("review the credit investigation {record}"),
    "investigation.set_figures": N_("enter the figures of the credit investigation {record}"),
    "investigation.submit_investigation": N_("submit the credit investigation {record}"),
    "investigation.write_report": N_("write the report of the credit investigation {record}"),
    # issuing
    "issuing.document_by_number": N_("find the document {record}"),
    "issuing.issue_document": N_("issue a document of record"),
    "issuing.issue_documents": N_("issue documents of record"),
    "issuing.issued_for": N_("open the documents issued"),
    "issuing.output": N_("print the document {record}"),
    "issuing.policy_footer": N_("read the policy version a form names"),
    "issuing.outputs_of": N_("open the printings of the document {record}"),
    "issuing.preview": N_("preview the document {record}"),
    # ladder
    "ladder.customer_ladder": N_("open the collection ladder of {record}"),
    # lawsuits
    "lawsuits.customer_lawsuits": N_("open the lawsuits against {record}"),
    "lawsuits.file_lawsuit": N_("file the lawsuit {record}"),
    "lawsuits.prepare_lawsuit": N_("prepare a lawsuit against {record}"),
    "lawsuits.record_evidence": N_("record evidence for the lawsuit {record}"),
    "lawsuits.record_outcome": N_("record the outcome of the lawsuit {record}"),
    # ledger
    "ledger.customer_ledger": N_("open the ledger of {record}"),
    "ledger.export_expense_ledger": N_("export the expense ledger {record}"),
    "ledger.export_ledger": N_("export the ledger of {record}"),
    # letter_data
    "letter_data.letter": N_("print a collection letter to {record}"),
    "letter_data.letters_at": N_("open the collection letters due"),
    # liability
    "liability.export_statement": N_("export the collection liability statement {record}"),
    "liability.liability_months": N_("open the months of collection liability"),
    "liability.liability_statement": N_("open the collection liability statement {record}"),
    "liability.run_liability": N_("work out the collection liability for {record}"),
    # liability_faults
    "liability_faults.debts_awaiting_fault": N_("open the debts awaiting a fault record"),
    "liability_faults.decide_exemption": N_("decide the exemption from collection liability {record}"),
    "liability_faults.exemptions_awaiting": N_("open the exemptions awaiting the general manager"),
    "liability_faults.last_month_charged": N_("open the last month charged for the debt {record}"),
    "liability_faults.record_fault": N_("record fault or no fault for the debt {record}"),
    # limit
    "limit.limit_calculator": N_("work out a credit limit for {record}"),
    "limit.set_credit_limit": N_("set the credit limit of {record}"),
    # listing
    "listing.count_customers": N_("open the customer list"),
    "listing.export_customers": N_("export the customer list"),
    "listing.list_customers": N_("open the customer list"),
    # opening_balances
    "opening_balances.import_receivables": N_("import opening balances"),
    # pickers
    "pickers.find_customers": N_("find a customer"),
    "pickers.list_reps": N_("open the list of sales reps"),
    # plans
    "plans.decide_plan": N_("decide on the sales plan {record}"),
    "plans.get_plan": N_("open the sales plan {record}"),
    "plans.plan_choices": N_("open the choices for a sales plan"),
    "plans.plan_versions": N_("open the versions of the sales plan {record}"),
    "plans.plans_waiting": N_("open the sales plans waiting for approval"),
    "plans.prepare_plan": N_("prepare the sales plan {record}"),
    "plans.revise_plan": N_("revise the sales plan {record}"),
    "plans.submit_plan": N_("submit the sales plan {record}"),
    # position
    "position.get_credit_position": N_("open the credit position of {record}"),
    "position.limit_history": N_("open the credit limit history of {record}"),
    "position.rating_history": N_("open the credit rating history of {record}"),
    "position.record_trigger": N_("record a reason to re-rate {record}"),
    "position.reratings_due": N_("open the re-ratings due"),
    "position.scorecard": N_("open the credit scorecard"),
    "position.triggers_of": N_("open the reasons to re-rate {record}"),
    # prepayments
    # products
    "products.create_product": N_("create a product"),
    "products.get_product": N_("open the product {record}"),
    "products.list_products": N_("open the product list"),
    "products.update_product": N_("change the product {record}"),
    # progress
    "progress.plan_progress": N_("open the progress against the sales plan {record}"),
    # queries
    "queries.claim_page": N_("open the list of expense claims"),
    "queries.count_claims": N_("open the list of expense claims"),
    "queries.get_claim": N_("open the expense claim {record}"),
    "queries.preview_route": N_("preview the approval route of an expense claim"),
    # rating
    "rating.decide_rating": N_("decide on the proposed credit rating {record}"),
    "rating.get_proposal": N_("open the proposed credit rating {record}"),
    "rating.list_proposals": N_("open the proposed credit ratings"),
    "rating.propose_rating": N_("propose a credit rating from the investigation {record}"),
    # receipts
    "receipts.apply_open_credits": N_("apply the open credits of {record}"),
    "receipts.customer_receipts": N_("open the receipts of {record}"),
    "receipts.open_documents": N_("open the open items of {record}"),
    "receipts.record_receipt": N_("record a receipt from {record}"),
    "receipts.reverse_receipt": N_("reverse the receipt {record}"),
    "receipts.written_off_documents": N_("open the written-off items of {record}"),
    # receivables
    "receivables.customer_ledger": N_("open the ledger of {record}"),
    # records
    "records.add_contact": N_("add a contact to {record}"),
    "records.attach_document": N_("attach a document to the file of {record}"),
    "records.handle_interaction": N_("record the handling of the matter {record}"),
    "records.list_interactions": N_("open the visits and complaints of {record}"),
    "records.log_interaction": N_("record a visit or complaint of {record}"),
    "records.open_document": N_("open a document in a customer file"),
    "records.remove_contact": N_("remove the contact {record}"),
    "records.update_contact": N_("change the contact {record}"),
    # refusals
    "refusals.export_refusals": N_("export the refusals log"),
    "refusals.refusals_page": N_("open the refusals log"),
    "refusals.refused_people": N_("open the refusals log"),
    "refusals.repeated_refusals": N_("open the repeated refusals"),
    # register
    "register.export_register": N_("export the document register"),
    "register.register_page": N_("open the document register"),
    # settings
    "settings.expense_items": N_("open the expense items"),
    "settings.get_settings": N_("open the settings"),
    "settings.list_expense_profiles": N_("open the expense profiles"),
    "settings.set_expense_profile": N_("set the expense profile of {record}"),
    "settings.update_settings": N_("change the settings"),
    # targets
    "targets.collection_performance": N_("open the collection performance {record}"),
    # travel
    "travel.apply_for_travel": N_("apply to travel"),
    "travel.approve_travel": N_("approve the trip {record}"),
    "travel.claimable_travel": N_("open the trips to claim for"),
    "travel.gm_approve_travel": N_("approve the trip {record} as general manager"),
    "travel.list_travel": N_("open the list of trips"),
    "travel.withdraw_travel": N_("withdraw the trip {record}"),
    # users
    "users.add_user": N_("create the user account {record}"),
    "users.list_users": N_("open the list of users"),
    "users.reset_password": N_("reset the password of {record}"),
    "users.set_active": N_("enable or disable the user account {record}"),
    "users.set_roles": N_("set the roles of {record}"),
    "users.sod_justification_report": N_("open the separation-of-duties justifications"),
    "users.user_directory": N_("open the user directory"),
    # views
    "views.get_order": N_("open the order {record}"),
    "views.investigation_documents": N_("open the documents of the credit investigation {record}"),
    "views.list_orders": N_("open the order list"),
    "views.order_id_by_number": N_("find the order {record}"),
    # waiting
    "waiting.waiting_for_me": N_("open what waits for them"),
    # worklist
    "worklist.worklist": N_("open the collections worklist"),
    # worklists
    "worklists.waiting_for_me": N_("open what waits for them"),
    # writeoffs
    "writeoffs.decide_writeoff": N_("decide on the write-off {record}"),
    "writeoffs.submit_writeoff": N_("propose a write-off for {record}"),
    "writeoffs.writeoffs": N_("open the list of write-offs"),
    # year_end
}
PHRASES.update(SELLING_AND_CARE_PHRASES)
