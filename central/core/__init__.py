"""Settings and security helpers of the central service."""
