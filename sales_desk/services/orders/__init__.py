"""Orders and dispatch [销售合同, 产品发货]: products and prices, the order from draft to closed, its approvals and credit check, prepayments, shipments and returns (the Orders tab)."""
