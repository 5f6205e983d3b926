"""The administrator's area and what underlies every seat: log-in, users and their roles, business settings, backups and restores, the audit trail."""
