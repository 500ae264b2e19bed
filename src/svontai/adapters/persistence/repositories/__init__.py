"""SQLAlchemy Core repositories, one module per aggregate."""
