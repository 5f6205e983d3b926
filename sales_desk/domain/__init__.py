"""Pure business rules and value types: no database, no Qt, no file formats. One package
per feature (customers/, credit/, orders/, collections/, expenses/, planning/, admin/),
and common/ for what all share: money, errors, roles and duties, calendar months.

Each rule cites the policy article it applies (seed 001 第N条) in its docstring; the
tests in tests/unit/ are named after the rules they prove.
"""
