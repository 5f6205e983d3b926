"""The Qt desktop shell. It reaches the data only through services, run by ui.tasks."""
