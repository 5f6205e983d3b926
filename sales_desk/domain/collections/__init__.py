"""Collection rules [销售回款]: receivables, allocation, aging, the dunning ladder, deferral, staff liability."""
