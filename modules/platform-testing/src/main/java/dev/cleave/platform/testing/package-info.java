/**
 * Test fixtures the modules' tests share (as a test-scoped dependency): a throwaway PostgreSQL database provisioned
 * like production, and waiting with a deadline for what happens elsewhere. Never on an assembly's module path.
 */
package dev.cleave.platform.testing;
