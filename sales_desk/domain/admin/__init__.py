"""Roles and incompatible duties, passwords and lock-out, the audit hash chain, backup retention and the business settings' defaults."""
