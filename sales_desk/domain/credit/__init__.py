"""Credit rules [客户信用管理]: the investigation checklist, the scorecard and grades, the five ways to size a limit."""
