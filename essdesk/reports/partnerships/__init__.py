"""The partnership review (bilan de convention) for a steering committee."""
