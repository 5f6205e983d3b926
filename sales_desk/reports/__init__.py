"""Reports: plain data in, file out (PDF with reportlab, xlsx streamed with xlsxwriter),
one package per feature (credit/, orders/, collections/, expenses/, customers/,
planning/, admin/) over common/ (the PDF page and fonts, the policy's Chinese terms,
the streaming workbook writer)."""
