package io.github.serviceaccounts.request;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * A request the rules refuse (a form's field breaks a rule, or is not a field of the
 * form) is the caller's mistake, so the engine REST API answers 400 at every door, with
 * the field and the rule in the message. The engine answers 400 by itself only where the
 * refusal reaches the REST layer as it was thrown (a start form submission); at
 * {@code /start} and at a task's {@code /complete} the engine wraps it (a listener's
 * exception) and the REST layer would answer 500. Everything else goes through Camunda's
 * own handling unchanged.
 * <p>
 * Registered with a higher priority than Camunda's mapper for the same exception type, in
 * the engine REST API and in the web apps' engine API that Tasklist uses
 * ({@link RequestRestConfiguration}).
 */
@Priority(Priorities.USER - 100)
class RefusedRequestAnswers400 implements ExceptionMapper<RestException> {

	@Override
	public Response toResponse(RestException exception) {
		RestException answer = exception;
		if (exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR && isRefusal(exception)) {
			answer = (exception.getCause() instanceof Exception cause)
					? new RestException(Response.Status.BAD_REQUEST, cause, exception.getMessage())
					: new RestException(Response.Status.BAD_REQUEST, exception.getMessage());
		}
		return ExceptionHandlerHelper.getInstance().getResponse(answer);
	}

	static boolean isRefusal(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = (cause.getCause() == cause) ? null
				: cause.getCause()) {
			if (cause instanceof FormFieldValidationException || cause instanceof BadUserRequestException) {
				return true;
			}
		}
		return false;
	}

}
