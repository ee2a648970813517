package io.github.serviceaccounts.request;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal answers 400 with its own plain sentence(s) as the message, whatever Camunda's
 * REST layer wrapped around it; every other answer stays Camunda's.
 */
class RefusedRequestAnswers400Tests {

	private final RefusedRequestAnswers400 mapper = new RefusedRequestAnswers400();

	private final InvalidRequestException refusal = new InvalidRequestException("approveServiceAccount",
			List.of(new Violation("approvalComment", "is required when you reject")));

	@Test
	void aRefusalTheRestLayerTookForAFailureAnswers400WithJustItsSentence() {
		RestException wrapped = new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener. "
						+ "Message: '" + refusal.getMessage() + "'", refusal),
				"Cannot submit task form d1b7c0de-0000-4000-8000-000000000042: ENGINE-03051 There was an exception "
						+ "while invoking the TaskListener. Message: '" + refusal.getMessage() + "'");

		Response response = mapper.toResponse(wrapped);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((ExceptionDto) response.getEntity()).getMessage())
			.isEqualTo("Comment: is required when you reject.");
	}

	@Test
	void aRefusedStartFormAnswers400WithoutTheIdOfTheProcessDefinition() {
		RestException answered = new RestException(Response.Status.BAD_REQUEST, refusal,
				"Cannot instantiate process definition serviceAccountRequest:1:d1b7c0de: " + refusal.getMessage());

		Response response = mapper.toResponse(answered);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((ExceptionDto) response.getEntity()).getMessage())
			.isEqualTo("Comment: is required when you reject.");
	}

	@Test
	void anyOtherEngineFailureStaysA500AndOtherStatusesStayAsTheyAre() {
		Response failure = mapper.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new ProcessEngineException("database unavailable"), "Cannot complete task 42: database unavailable"));
		assertThat(failure.getStatus()).isEqualTo(500);
		assertThat(((ExceptionDto) failure.getEntity()).getMessage())
			.isEqualTo("Cannot complete task 42: database unavailable");
		assertThat(mapper.toResponse(new RestException(Response.Status.NOT_FOUND, "No task 42")).getStatus())
			.isEqualTo(404);
		Response badVariable = mapper.toResponse(new RestException(Response.Status.BAD_REQUEST, "bad variable"));
		assertThat(badVariable.getStatus()).isEqualTo(400);
		assertThat(((ExceptionDto) badVariable.getEntity()).getMessage()).isEqualTo("bad variable");
		assertThat(mapper
			.toResponse(new RestException(Response.Status.NOT_FOUND, new BadUserRequestException("gone"), "No task"))
			.getStatus()).isEqualTo(404);
	}

}
