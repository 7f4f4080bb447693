"""The service's database: engine, service-only tables, versions, schema creation."""
