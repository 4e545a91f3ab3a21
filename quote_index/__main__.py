"""`python3 -m quote_index ...` runs the `quote-index` command."""
from .cli import main

main()
