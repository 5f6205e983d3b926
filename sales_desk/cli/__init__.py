"""The command line: admin and batch commands, calling the same services as the window."""
