"""Sales Desk: a sales department's internal-control policy, enforced by the program."""

__version__ = "0.1.0"
