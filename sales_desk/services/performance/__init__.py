"""Performance evaluation and commission (issue 19): schemes, evaluations, commission runs."""
