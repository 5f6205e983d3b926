"""Activities, the team's days and territories (issue 18)."""
