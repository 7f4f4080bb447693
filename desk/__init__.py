"""Fair Desk: the on-site registration desk of a services trade fair."""

__version__ = "0.1.0"
