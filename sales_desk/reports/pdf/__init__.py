"""Printed forms (reportlab): plain data in, PDF file out; reportlab is imported only here."""
