"""Printed evaluations and commission statements; workbooks for the manager and payroll."""
