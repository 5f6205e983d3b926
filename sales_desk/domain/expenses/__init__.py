"""Expense rules [销售费用]: claims and allowances, who approves what, the budget and break-even."""
