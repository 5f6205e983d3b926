"""One module per tab: permission check → load → domain rule → commit → audit."""
