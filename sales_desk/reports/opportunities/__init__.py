"""The pipeline workbook and the printed quotation [报价单]."""
