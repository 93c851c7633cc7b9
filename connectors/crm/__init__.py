"""The CRM data source: SQLAlchemy models, tenant-scoped sessions, migrations, demo data, CSV import."""
