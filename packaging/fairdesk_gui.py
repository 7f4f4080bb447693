"""Entry point of the desk's windowed executable."""

import sys

from desk.__main__ import main

sys.exit(main())
