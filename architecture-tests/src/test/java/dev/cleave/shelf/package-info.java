/**
 * A fixture context no rule, list or test names: its classes break every boundary rule once, and
 * {@code RulesBiteTest} shows each rule reports them, so a context added tomorrow is guarded without edits.
 */
package dev.cleave.shelf;
