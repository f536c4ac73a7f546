package dev.cleave.platform.web;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleave.platform.api.InvalidInputException;
import dev.cleave.platform.api.Violation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadingJsonFieldsStrictlyTest {

    @Test
    void valuesOfTheRightTypeAreRead() throws Exception {
        JsonFields fields = fields("{\"name\":\"Ada\",\"count\":12,\"lines\":[{\"n\":1},{\"n\":2}]}");

        assertEquals("Ada", fields.string("name"));
        assertEquals(12L, fields.integer("count"));
        assertEquals(List.of(1L, 2L), fields.objects("lines", 10, line -> line.integer("n")));
        fields.done();
    }

    @Test
    void noCoercionBetweenJsonTypes() throws Exception {
        JsonFields fields = fields("{\"a\":5,\"b\":\"5\",\"c\":1.0,\"d\":true,\"e\":{},\"f\":99999999999999999999}");

        assertNull(fields.string("a"));
        assertNull(fields.integer("b"));
        assertNull(fields.integer("c"));
        assertNull(fields.string("d"));
        assertNull(fields.objects("e", 10, line -> line));
        assertNull(fields.integer("f"));
        assertEquals(List.of(new Violation("a", "must be a string, not an integer"),
                             new Violation("b", "must be an integer, not a string"),
                             new Violation("c", "must be an integer, not a decimal number"),
                             new Violation("d", "must be a string, not a boolean"),
                             new Violation("e", "must be an array, not an object"),
                             new Violation("f", "is out of range")),
                     violations(fields));
    }

    @Test
    void missingAndNullFieldsAreRequired() throws Exception {
        JsonFields fields = fields("{\"b\":null}");

        fields.string("a");
        fields.integer("b");
        assertEquals(List.of(new Violation("a", "is required"), new Violation("b", "is required")),
                     violations(fields));
    }

    @Test
    void unknownAndReadOnlyPropertiesAreNamedAlsoInsideArrays() throws Exception {
        JsonFields fields = fields("{\"id\":1,\"name\":\"x\",\"extra\":2,\"lines\":[{\"n\":1,\"oops\":0},7]}")
                .allowOnly(Set.of("name", "lines"), Set.of("id"));

        fields.objects("lines", 10, line -> line.allowOnly(Set.of("n"), Set.of()).integer("n"));
        assertEquals(List.of(new Violation("id", "is read-only"),
                             new Violation("extra", "is not a known property"),
                             new Violation("lines[0].oops", "is not a known property"),
                             new Violation("lines[1]", "must be an object, not an integer")),
                     violations(fields));
    }

    @Test
    void anArrayLongerThanAllowedIsReportedWithoutReadingItsElements() throws Exception {
        JsonFields fields = fields("{\"lines\":[{},{},{}]}");

        assertNull(fields.objects("lines", 2, line -> line.integer("n")));
        assertEquals(List.of(new Violation("lines", "must have at most 2 items")), violations(fields));
    }

    @Test
    void noMoreThanAHundredViolationsAreListed() throws Exception {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 150; i++) {
            json.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":1");
        }
        JsonFields fields = fields(json.append("}").toString()).allowOnly(Set.of(), Set.of());

        InvalidInputException e = assertThrows(InvalidInputException.class, fields::done);
        assertEquals(100, e.violations().size());
        assertEquals("150 problems; the first 100 are listed", e.getMessage());
    }

    @Test
    void buildingReportsTheJsonsProblemsAndTheValuesRulesTogether() throws Exception {
        JsonFields fields = fields("{\"a\":5,\"b\":\"x\"}");
        fields.string("a");
        String b = fields.string("b");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fields.build(() -> {
            throw InvalidInputException.of("b", "is too short (" + b + ")");
        }));
        assertEquals(List.of(new Violation("a", "must be a string, not an integer"),
                             new Violation("b", "is too short (x)")), e.violations());
    }

    @Test
    void buildingReturnsTheValueWhenNothingIsWrong() throws Exception {
        JsonFields fields = fields("{\"b\":\"x\"}");

        assertEquals("X", fields.build(() -> fields.string("b").toUpperCase()));
    }

    private static JsonFields fields(String json) throws Exception {
        return JsonFields.of((ObjectNode) Json.mapper().readTree(json));
    }

    private static List<Violation> violations(JsonFields fields) {
        return assertThrows(InvalidInputException.class, fields::done).violations();
    }
}
