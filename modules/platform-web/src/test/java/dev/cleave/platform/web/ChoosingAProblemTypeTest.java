package dev.cleave.platform.web;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChoosingAProblemTypeTest {

    @Test
    void aStatusWithItsOwnKindGetsThatKind() {
        assertEquals(ProblemType.NOT_FOUND, ProblemType.forStatus(Status.NOT_FOUND_404));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, ProblemType.forStatus(Status.REQUEST_ENTITY_TOO_LARGE_413));
        assertEquals(ProblemType.MALFORMED_REQUEST, ProblemType.forStatus(Status.BAD_REQUEST_400));
    }

    @Test
    void otherClientErrorsAreMalformedRequestsAndServerErrorsInternal() {
        assertEquals(ProblemType.MALFORMED_REQUEST, ProblemType.forStatus(Status.REQUEST_URI_TOO_LONG_414));
        assertEquals(ProblemType.INTERNAL, ProblemType.forStatus(Status.BAD_GATEWAY_502));
    }

    @Test
    void aProblemKeepsTheStatusItReports() {
        Problem problem = ProblemType.MALFORMED_REQUEST.with(Status.REQUEST_URI_TOO_LONG_414, "too long");

        assertEquals(414, problem.status());
        assertEquals("urn:cleave:problem:malformed-request", problem.type());
    }
}
