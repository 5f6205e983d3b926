"""The CLI runner, for the database tests that drive a command (db setup-roles)."""

from tests.cli.conftest import cli, isolated_env  # noqa: F401 - fixtures shared with tests/cli
