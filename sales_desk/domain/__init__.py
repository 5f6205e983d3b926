"""Pure business rules and value types: no database, no Qt, no file formats."""
