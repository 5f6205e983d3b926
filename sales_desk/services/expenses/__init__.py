"""Sales expenses [销售费用]: budgets, claims and their route, travel, payments, the ledger and its analysis (the Expenses tab)."""
