"""Spreadsheet exports, streamed: constant memory whatever the row count."""
