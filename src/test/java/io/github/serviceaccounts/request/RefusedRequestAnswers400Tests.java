package io.github.serviceaccounts.request;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a refusal by the request rules turns Camunda's 500 into 400; every other answer
 * stays Camunda's.
 */
class RefusedRequestAnswers400Tests {

	private final RefusedRequestAnswers400 mapper = new RefusedRequestAnswers400();

	@Test
	void aWrappedRefusalAnswers400WithTheFieldAndTheRule() {
		InvalidRequestException refusal = new InvalidRequestException(
				List.of(new Violation("approvalComment", "is required when you reject")));
		RestException wrapped = new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener",
						refusal),
				"Cannot complete task 42: The request is not valid. approvalComment: is required when you reject");

		Response response = mapper.toResponse(wrapped);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((ExceptionDto) response.getEntity()).getMessage())
			.contains("approvalComment: is required when you reject");
	}

	@Test
	void anyOtherEngineFailureStaysA500AndOtherStatusesStayAsTheyAre() {
		assertThat(mapper.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new ProcessEngineException("database unavailable"), "Cannot complete task 42: database unavailable"))
			.getStatus()).isEqualTo(500);
		assertThat(mapper.toResponse(new RestException(Response.Status.NOT_FOUND, "No task 42")).getStatus())
			.isEqualTo(404);
		assertThat(mapper.toResponse(new RestException(Response.Status.BAD_REQUEST, "bad variable")).getStatus())
			.isEqualTo(400);
	}

}
