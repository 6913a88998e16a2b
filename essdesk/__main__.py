"""`python -m essdesk`: the same as the `essdesk` command."""

from essdesk.cli import main

if __name__ == "__main__":
    main()
