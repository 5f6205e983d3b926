"""Search across the records (the window's Ctrl+K): it reads every feature's lists, so it
sits above them all."""
