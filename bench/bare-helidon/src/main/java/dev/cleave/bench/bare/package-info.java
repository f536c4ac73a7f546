/**
 * A bare Helidon JSON server answering {@code GET /v1/users/{id}} and {@code POST /v1/orders} from memory: what
 * this machine can serve at all, measured in the same run as Cleave by {@code ./cleave bench}.
 */
package dev.cleave.bench.bare;
