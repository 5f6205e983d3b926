"""Services: permission check → load → domain rule → commit → audit, one package per
feature, the same features as ui/tabs/:

    common/       the permission decorator, document numbers and business dates, safe
                  spreadsheet reading, stored files
    admin/        log-in, users and roles, business settings, backups, the audit trail
    customers/    customer files, their records, the list, pickers, the import
    credit/       investigation, rating, limit, holds, the monthly credit audit
    orders/       products and prices, orders and their approvals, the credit check,
                  prepayments, dispatch and returns, what was sold
    collections/  receivables, receipts, aging, the dunning ladder, lawsuits, write-offs,
                  deferrals, liability, the year-end list, opening balances
    expenses/     budgets, claims and their route, travel, payments, ledger, analysis
    planning/     plans and targets, the analysis charts, the dashboard, "waiting for me"

A feature uses only those below it: planning → credit → orders → collections →
customers, expenses → admin → common (the contract in pyproject.toml).
"""
