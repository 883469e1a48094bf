"""`python -m imgsearch` is the `imgsearch` command."""
from imgsearch.cli import main

main()
