"""What every printed form and workbook shares: the PDF page and fonts, the policy's Chinese terms, the streaming xlsx writer."""
