package dev.cleave.platform.spi;

/**
 * A setting whose value cannot be used; its message names the variable and what it must be. A context throws it
 * from {@link ContextProvider#start} for its own settings, and the assembly refuses to start with that one line: the
 * operator's typo needs no stack trace.
 */
public class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the variable, its value and what it must be
     */
    public InvalidSettingException(String message) {
        super(message);
    }
}
