"""The user guide (F1) and About: pages shipped in resources/help, shown in a help window."""
