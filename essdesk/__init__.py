"""ESS Desk: employment intermediation for young people in the social and solidarity economy."""

__version__ = "0.1.0"
