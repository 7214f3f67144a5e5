-- Extra databases on the stack's Postgres: the Iceberg SQL catalog and Marquez's own database.
CREATE DATABASE iceberg OWNER airflow;
CREATE DATABASE marquez OWNER airflow;
