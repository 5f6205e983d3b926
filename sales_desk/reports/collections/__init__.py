"""Collection letters (reminder to lawyer's letter) and the aging, ledger and liability workbooks."""
