package dev.cleave.user.domain;

import java.util.List;

import dev.cleave.platform.api.InvalidInputException;
import dev.cleave.platform.api.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The rules a client's name and email must meet, and how they are normalized, without any storage or HTTP.
 */
class CheckingUserDetailsTest {
    private static final String EMAIL = "ada@example.com";
    private static final String NAME = "Ada Lovelace";

    @Test
    void theNameIsTrimmedAndTheEmailTrimmedAndLowerCased() {
        UserDetails details = UserDetails.of("  \tAda Lovelace \n", "  Ada.Lovelace@Example.COM\t ");

        assertEquals(new UserDetails("Ada Lovelace", "ada.lovelace@example.com"), details);
    }

    @Test
    void aNameMayHaveSpacesInsideIt() {
        assertEquals("Ada  King  Lovelace", UserDetails.of(" Ada  King  Lovelace ", EMAIL).name());
    }

    @Test
    void aNameOfOneCharacterIsAccepted() {
        assertEquals("A", UserDetails.of("A", EMAIL).name());
    }

    @Test
    void aNameOfAHundredCharactersIsAccepted() {
        String name = "n".repeat(UserDetails.MAX_NAME);

        assertEquals(name, UserDetails.of(name, EMAIL).name());
    }

    @Test
    void theNameLimitAppliesAfterTrimming() {
        String name = "n".repeat(UserDetails.MAX_NAME);

        assertEquals(name, UserDetails.of("   " + name + "   ", EMAIL).name());
    }

    @Test
    void aNameOfAHundredAndOneCharactersIsRejected() {
        assertOnlyViolation("name", "must be at most 100 characters",
                            () -> UserDetails.of("n".repeat(UserDetails.MAX_NAME + 1), EMAIL));
    }

    @Test
    void aNameOfAHundredCharactersOutsideTheBasicPlaneIsAccepted() {
        // Characters are counted as a person would, not as UTF-16 units: 100 emoji are 100 characters.
        String name = "\uD83D\uDE00".repeat(UserDetails.MAX_NAME);

        assertEquals(name, UserDetails.of(name, EMAIL).name());
    }

    @Test
    void aNameOfAHundredAndOneCharactersOutsideTheBasicPlaneIsRejected() {
        assertOnlyViolation("name", "must be at most 100 characters",
                            () -> UserDetails.of("\uD83D\uDE00".repeat(UserDetails.MAX_NAME + 1), EMAIL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t\n", "\u2003"})
    void aBlankNameIsRejected(String name) {
        assertOnlyViolation("name", "must not be blank", () -> UserDetails.of(name, EMAIL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u0000Lovelace", "Ada\nLovelace", "Ada\tLovelace", "Ada\u007f", "\u0085Ada",
                            "Ada\u001bLovelace"})
    void aNameWithControlCharactersIsRejected(String name) {
        assertOnlyViolation("name", "must not contain control characters", () -> UserDetails.of(name, EMAIL));
    }

    @Test
    void anEmailOfTwoHundredAndFiftyFourCharactersIsAccepted() {
        String email = "a".repeat(UserDetails.MAX_EMAIL - "@example.com".length()) + "@example.com";

        assertEquals(email, UserDetails.of(NAME, email).email());
    }

    @Test
    void anEmailOfTwoHundredAndFiftyFiveCharactersIsRejected() {
        String email = "a".repeat(UserDetails.MAX_EMAIL + 1 - "@example.com".length()) + "@example.com";

        assertOnlyViolation("email", "must be at most 254 characters", () -> UserDetails.of(NAME, email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void aBlankEmailIsRejected(String email) {
        assertOnlyViolation("email", "must not be blank", () -> UserDetails.of(NAME, email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada.example.com", "ada@lovelace@example.com", "@@example.com", "ada@@example.com"})
    void anEmailWithoutExactlyOneAtSignIsRejected(String email) {
        assertOnlyViolation("email", "must contain exactly one @", () -> UserDetails.of(NAME, email));
    }

    @Test
    void anEmailWithoutALocalPartIsRejected() {
        assertOnlyViolation("email", "must have a local part before the @",
                            () -> UserDetails.of(NAME, "@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@", "ada@example", "ada@.com", "ada@example.", "ada@example..com", "ada@."})
    void anEmailWithoutADottedDomainIsRejected(String email) {
        assertOnlyViolation("email", "must have a domain with a dot after the @, e.g. example.com",
                            () -> UserDetails.of(NAME, email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada lovelace@example.com", "ada@exa mple.com", "ada\u0000@example.com",
                            "ada@example.com\u0007x"})
    void anEmailWithSpacesOrControlCharactersIsRejected(String email) {
        assertOnlyViolation("email", "must not contain spaces or control characters",
                            () -> UserDetails.of(NAME, email));
    }

    @Test
    void everyBrokenRuleIsReportedAtOnceWithItsField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                                               () -> UserDetails.of("   ", "not-an-email"));

        assertEquals(List.of(new Violation("name", "must not be blank"),
                             new Violation("email", "must contain exactly one @")),
                     e.violations());
        assertEquals("2 fields are invalid", e.getMessage());
    }

    @Test
    void missingFieldsAreLeftToTheReaderThatReportedThem() {
        UserDetails details = UserDetails.of(null, null);

        assertNull(details.name());
        assertNull(details.email());
    }

    @Test
    void aMissingNameDoesNotHideABrokenEmail() {
        assertOnlyViolation("email", "must contain exactly one @", () -> UserDetails.of(null, "nobody"));
    }

    private static void assertOnlyViolation(String field, String message, Runnable check) {
        InvalidInputException e = assertThrows(InvalidInputException.class, check::run);
        assertEquals(List.of(new Violation(field, message)), e.violations());
        assertEquals(field + " " + message, e.getMessage());
    }
}
