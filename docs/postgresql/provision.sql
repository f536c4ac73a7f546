-- Provisions PostgreSQL for Cleave: one database, one LOGIN role per context, and each context's schema owned by
-- its role. No role gets any privilege on another context's schema, so SQL that crosses a context boundary fails
-- at the database with SQLState 42501 (insufficient privilege). See docs/postgresql.md.
--
-- Run as a superuser (or a role with CREATEDB and CREATEROLE). Safe to run again: it creates what is missing and
-- puts ownership and privileges back as they should be.
--
--   psql -h 127.0.0.1 -U postgres -d postgres \
--        -v database=cleave \
--        -v user_password="$CLEAVE_USER_DB_PASSWORD" -v order_password="$CLEAVE_ORDER_DB_PASSWORD" \
--        -f docs/postgresql/provision.sql
--
-- psql variables, all optional:
--   database        the database both contexts' schemas live in        (default cleave)
--   user_role       the role the user context logs in as               (default cleave_user)
--   order_role      the role the order context logs in as              (default cleave_order)
--   user_password   that role's password; without one it gets none, which only suits trust or peer authentication
--   order_password  likewise for the order context's role
--
-- The schema names are fixed: each context opens its own (users, orders) and migrates it at start.
-- PostgresFixture (modules/platform-testing/src/main/java/dev/cleave/platform/testing) provisions the tests' throwaway
-- databases with the same statements: change both together.

\set ON_ERROR_STOP on

\if :{?database}
\else
  \set database cleave
\endif
\if :{?user_role}
\else
  \set user_role cleave_user
\endif
\if :{?order_role}
\else
  \set order_role cleave_order
\endif

-- One role per context that may log in and do nothing else on the server.
SELECT format('CREATE ROLE %I', :'user_role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user_role') \gexec
SELECT format('CREATE ROLE %I', :'order_role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'order_role') \gexec
ALTER ROLE :"user_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE :"order_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
\if :{?user_password}
ALTER ROLE :"user_role" PASSWORD :'user_password';
\endif
\if :{?order_password}
ALTER ROLE :"order_role" PASSWORD :'order_password';
\endif

-- The database: only the contexts' roles may connect, and they may not create schemas or temporary tables in it.
SELECT format('CREATE DATABASE %I', :'database')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"user_role", :"order_role";
-- Unqualified names resolve in the context's own schema only.
ALTER ROLE :"user_role" IN DATABASE :"database" SET search_path = users;
ALTER ROLE :"order_role" IN DATABASE :"database" SET search_path = orders;

\connect :"database"

-- Nothing shared: nobody but the owner may use or create in the public schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- Each context owns its schema (its migrations create its tables there, owned by its role); a new schema grants
-- nothing to anyone else, and the REVOKEs undo any grant made by hand since.
CREATE SCHEMA IF NOT EXISTS users AUTHORIZATION :"user_role";
ALTER SCHEMA users OWNER TO :"user_role";
REVOKE ALL ON SCHEMA users FROM PUBLIC, :"order_role";
CREATE SCHEMA IF NOT EXISTS orders AUTHORIZATION :"order_role";
ALTER SCHEMA orders OWNER TO :"order_role";
REVOKE ALL ON SCHEMA orders FROM PUBLIC, :"user_role";
