"""Engine, unit of work, migrations, backups and the data folder."""
