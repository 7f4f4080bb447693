"""The desk's model: rules, photos, schema, commands. Imports no Qt."""
