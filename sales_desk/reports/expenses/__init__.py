"""The annual expense-control report [年度营销费用控制报告] and the expense ledger workbook."""
