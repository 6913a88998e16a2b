"""Events: sessions, registrations and attendance, and the figures of their review."""
