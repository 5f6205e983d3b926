"""Opportunities, leads, quotations and the pipeline [销售机会/项目管理] (the Opportunities tab)."""

# the territories' reassignment calls this one through its registry (issue 18)
from sales_desk.services.opportunities.opportunities import reassign_open_opportunities as reassign_open_opportunities  # noqa: E402,I001
