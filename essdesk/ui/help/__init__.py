"""Aide : the French user guide (F1 opens the current screen's page) and À propos."""
