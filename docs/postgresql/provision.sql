-- Provisions PostgreSQL for one Cleave context: its LOGIN role, the shared database (created if missing), and the
-- context's schema owned by its role. No role gets any privilege on another context's schema, so SQL that crosses
-- a context boundary fails at the database with SQLState 42501 (insufficient privilege). See docs/postgresql.md.
--
-- Run it once per context, as a superuser (or a role with CREATEDB and CREATEROLE). Safe to run again: it creates
-- what is missing and puts ownership and privileges back as they should be. A new context needs no edit here:
--
--   psql -h 127.0.0.1 -U postgres -d postgres -v context=user  -v schema=users  \
--        -v password="$CLEAVE_USER_DB_PASSWORD"  -f docs/postgresql/provision.sql
--   psql -h 127.0.0.1 -U postgres -d postgres -v context=order -v schema=orders \
--        -v password="$CLEAVE_ORDER_DB_PASSWORD" -f docs/postgresql/provision.sql
--
-- psql variables:
--   context   the context's name, as in CLEAVE_<CONTEXT>_DB_URL                    (required)
--   schema    the schema the context opens and migrates at start (user: users, order: orders)  (required)
--   database  the database every context's schema lives in                       (default cleave)
--   role      the role the context logs in as                                     (default cleave_<context>)
--   password  that role's password; without one it gets none, which only suits trust or peer authentication
--
-- PostgresFixture (modules/platform-testing/src/main/java/dev/cleave/platform/testing) provisions the tests'
-- throwaway databases with the same statements: change both together.

\set ON_ERROR_STOP on

\if :{?context}
\else
  DO $$ BEGIN RAISE EXCEPTION 'provision.sql needs -v context=NAME -v schema=SCHEMA, e.g. user and users'; END $$;
\endif
\if :{?schema}
\else
  DO $$ BEGIN RAISE EXCEPTION 'provision.sql needs -v schema=SCHEMA, the schema the context owns'; END $$;
\endif
\if :{?database}
\else
  \set database cleave
\endif
\if :{?role}
\else
  SELECT 'cleave_' || :'context' AS role \gset
\endif

-- The context's role may log in and do nothing else on the server.
SELECT format('CREATE ROLE %I', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
\if :{?password}
ALTER ROLE :"role" PASSWORD :'password';
\endif

-- The database: only the contexts' roles may connect, and they may not create schemas or temporary tables in it.
SELECT format('CREATE DATABASE %I', :'database')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"role";
-- Unqualified names resolve in the context's own schema only.
ALTER ROLE :"role" IN DATABASE :"database" SET search_path = :"schema";

\connect :"database"

-- Nothing shared: nobody but the owner may use or create in the public schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- The context owns its schema (its migrations create its tables there, owned by its role); a new schema grants
-- nothing to anyone else, and the REVOKEs undo any grant made by hand since, to PUBLIC or to any other role.
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
ALTER SCHEMA :"schema" OWNER TO :"role";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
SELECT format('REVOKE ALL ON SCHEMA %I FROM %I', :'schema', grantee)
  FROM (SELECT (aclexplode(nspacl)).grantee::regrole::text AS grantee FROM pg_namespace
         WHERE nspname = :'schema') AS grants
 WHERE grantee NOT IN (:'role', '-') \gexec
