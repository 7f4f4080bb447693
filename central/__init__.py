"""The fair's central registration service."""
