"""Screens of personal data protection: who is working (login at start)."""
