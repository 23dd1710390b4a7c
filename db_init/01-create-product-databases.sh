#!/bin/sh
# Creates one database and one owner per product service for the docker compose PostgreSQL, with the passwords
# from the environment (docker-compose.yml passes them from .env). Runs once, on an empty data volume.
# Only databases and users live here: each service's schema and seed data are owned by its own Flyway migrations,
# applied when the service starts.
set -eu

create_product_database() {
  # psql's :'var' and :"var" quote the values, so a password may contain any character.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=owner="$1" --set=database="$2" --set=password="$3" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"owner";
SQL
}

create_product_database car_insurance_user car_insurance_db "${CAR_INSURANCE_DB_PASSWORD:?}"
create_product_database health_insurance_user health_insurance_db "${HEALTH_INSURANCE_DB_PASSWORD:?}"
create_product_database house_insurance_user house_insurance_db "${HOUSE_INSURANCE_DB_PASSWORD:?}"
create_product_database banking_user banking_db "${BANKING_DB_PASSWORD:?}"
