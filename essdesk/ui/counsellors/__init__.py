"""The counsellors' small editor."""
