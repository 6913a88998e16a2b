"""The import wizard: its pages and the draft they fill in."""
