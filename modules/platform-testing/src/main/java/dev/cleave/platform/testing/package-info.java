/**
 * Test fixtures the modules' tests share (as a test-scoped dependency): a throwaway PostgreSQL database provisioned
 * like production, waiting with a deadline for what happens elsewhere, and the transaction port for tests without a
 * database. Never on an assembly's module path.
 */
package dev.cleave.platform.testing;
