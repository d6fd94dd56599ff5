"""`python -m newsclean`: the same command as `newsclean`."""
import sys

from newsclean.cli import main

if __name__ == "__main__":
    sys.exit(main())
