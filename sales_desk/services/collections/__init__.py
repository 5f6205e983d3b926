"""Collections [销售回款]: receivables and receipts, aging, the dunning ladder, lawsuits, write-offs, deferrals, staff liability, the year-end list (the Collections tab)."""
