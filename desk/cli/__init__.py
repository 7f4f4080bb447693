"""Headless commands of `fairdesk`: each module registers one sub-command."""
