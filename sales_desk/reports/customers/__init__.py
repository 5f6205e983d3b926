"""The customer list as a workbook."""
