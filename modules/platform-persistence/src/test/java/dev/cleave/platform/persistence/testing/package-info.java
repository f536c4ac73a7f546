/**
 * Test fixtures the contexts' tests share through the platform's test jar ({@code <type>test-jar</type>}): a
 * throwaway PostgreSQL database provisioned like production. A package of its own, which the platform module does
 * not have, so the test jar on another module's class path never splits one of the module's packages.
 */
package dev.cleave.platform.persistence.testing;
