"""Caring for customers: maintenance plans, market reports, lifecycle and value (domain/relationship/)."""
