"""The analysis charts' figures as a workbook."""
