"""Reports: plain data in, file out (PDF with reportlab, xlsx streamed with xlsxwriter)."""
