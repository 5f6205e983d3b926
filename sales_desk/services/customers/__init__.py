"""Customer files [客户档案]: the file and its records, the list and pickers, importing files from a spreadsheet (the Customers tab)."""
