"""Widgets shared by every tab: dialogs, progress, paged table models, money display."""
