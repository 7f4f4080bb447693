"""What the service does, apart from how it is reached over HTTP or the command line."""
