"""The audit trail as a workbook."""
