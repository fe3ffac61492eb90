"""Allow ``python -m greenland_lib``."""
import sys

from .cli import main

sys.exit(main())
