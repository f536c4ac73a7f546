package dev.cleave.platform.auth;

import java.util.Locale;

import io.helidon.config.Config;

/**
 * The rate limits, from {@code cleave.rate-limit.*}: {@code mode} ({@code CLEAVE_RATE_LIMIT}: {@code on}, the
 * default, or {@code off}); per authenticated subject {@code subject.per-second} (default
 * {@value #DEFAULT_SUBJECT_RATE}) with bursts up to {@code subject.burst} ({@value #DEFAULT_SUBJECT_BURST}); per
 * client address, counted before authentication, {@code address.per-second} ({@value #DEFAULT_ADDRESS_RATE}) and
 * {@code address.burst} ({@value #DEFAULT_ADDRESS_BURST}).
 *
 * <p>The defaults are generous on purpose: they stop a runaway client or a flood of forged tokens, not a busy
 * one. The contract suite sends a few thousand requests as fast as one client can, all from 127.0.0.1 as one admin
 * subject, never faster than a few hundred a second on a small machine, which the bursts absorb whole.
 *
 * @param enabled      whether requests are limited at all
 * @param subjectRate  tokens per second per subject
 * @param subjectBurst the most requests a subject may send at once
 * @param addressRate  tokens per second per client address
 * @param addressBurst the most requests an address may send at once
 */
public record RateLimitSettings(boolean enabled, long subjectRate, long subjectBurst, long addressRate,
                                long addressBurst) {
    static final long DEFAULT_SUBJECT_RATE = 1_000;
    static final long DEFAULT_SUBJECT_BURST = 10_000;
    static final long DEFAULT_ADDRESS_RATE = 2_000;
    static final long DEFAULT_ADDRESS_BURST = 20_000;

    /**
     * Reads the settings.
     *
     * @param config the assembly's configuration (its root)
     * @return the settings
     * @throws IllegalArgumentException if a value is not one the settings allow; the message names it
     */
    public static RateLimitSettings from(Config config) {
        Config limits = config.get("cleave.rate-limit");
        String mode = limits.get("mode").asString().orElse("on").trim().toLowerCase(Locale.ROOT);
        boolean enabled = switch (mode) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("CLEAVE_RATE_LIMIT (cleave.rate-limit.mode) must be on or "
                                                          + "off, not '" + mode + "'");
        };
        return new RateLimitSettings(enabled,
                                     positive(limits, "subject.per-second", DEFAULT_SUBJECT_RATE),
                                     positive(limits, "subject.burst", DEFAULT_SUBJECT_BURST),
                                     positive(limits, "address.per-second", DEFAULT_ADDRESS_RATE),
                                     positive(limits, "address.burst", DEFAULT_ADDRESS_BURST));
    }

    private static long positive(Config limits, String key, long fallback) {
        Config setting = limits.get(key);
        if (!setting.exists()) {
            return fallback;
        }
        String value = setting.asString().get().trim();
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the key's name.
        }
        throw new IllegalArgumentException("cleave.rate-limit." + key + " must be a positive whole number, not '"
                                           + value + "'");
    }

    /**
     * One line for the start-up log.
     *
     * @return what is limited
     */
    public String describe() {
        return enabled
                ? "rate limit " + subjectRate + "/s per subject (burst " + subjectBurst + "), " + addressRate
                  + "/s per address (burst " + addressBurst + ")"
                : "rate limit off";
    }
}
