-- Creates one database and one owner per product service for the docker compose PostgreSQL.
-- Only databases and users live here: each service's schema and seed data are owned by its own Flyway
-- migrations (product-service-support/src/main/resources/db/migration and <service>/src/main/resources/db/migration),
-- applied when the service starts.
-- The passwords are local-development defaults; production passes real ones via DB_PASSWORD.

CREATE USER car_insurance_user WITH PASSWORD 'local-dev-car-password';
CREATE DATABASE car_insurance_db OWNER car_insurance_user;

CREATE USER health_insurance_user WITH PASSWORD 'local-dev-health-password';
CREATE DATABASE health_insurance_db OWNER health_insurance_user;

CREATE USER house_insurance_user WITH PASSWORD 'local-dev-house-password';
CREATE DATABASE house_insurance_db OWNER house_insurance_user;

CREATE USER banking_user WITH PASSWORD 'local-dev-banking-password';
CREATE DATABASE banking_db OWNER banking_user;
