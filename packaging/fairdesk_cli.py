"""Entry point of the desk's console executable (the headless commands and --self-test)."""

import sys

from desk.__main__ import main

sys.exit(main())
