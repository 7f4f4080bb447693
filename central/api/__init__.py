"""The HTTP API of the central service."""
