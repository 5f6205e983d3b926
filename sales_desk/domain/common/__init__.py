"""What every feature's rules share: exact money, typed errors for people, calendar months, the self-approval rule, reading one cell of an import."""
