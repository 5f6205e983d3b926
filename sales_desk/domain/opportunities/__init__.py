"""Selling before the order [销售机会/项目管理]: leads, opportunities and their stages, the pipeline."""
