package io.github.serviceaccounts.request;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * A request the rules refuse (a form's field breaks a rule, or is not a field of the
 * form) is the caller's mistake, so the engine REST API answers 400 at every door, and
 * its {@code message} is the refusal's own plain sentence(s): Tasklist shows exactly that
 * text below its own heading ("An error happened while submitting the task form"). The
 * engine REST layer would answer 500 where it caught the refusal as any engine failure
 * ({@code /start}, a task's {@code /complete} and both {@code /submit-form}s), and prefix
 * its message with the id of the task or process definition ("Cannot complete task
 * 6f1c...: ..."). Every other answer goes through Camunda's own handling unchanged.
 * <p>
 * Registered with a higher priority than Camunda's mapper for the same exception type, in
 * the engine REST API and in the web apps' engine API that Tasklist uses
 * ({@link RequestRestConfiguration}).
 */
@Priority(Priorities.USER - 100)
class RefusedRequestAnswers400 implements ExceptionMapper<RestException> {

	@Override
	public Response toResponse(RestException exception) {
		ProcessEngineException refusal = refusalIn(exception);
		if (refusal == null || exception.getStatus() != Response.Status.INTERNAL_SERVER_ERROR
				&& exception.getStatus() != Response.Status.BAD_REQUEST) {
			return ExceptionHandlerHelper.getInstance().getResponse(exception);
		}
		return ExceptionHandlerHelper.getInstance()
			.getResponse(new RestException(Response.Status.BAD_REQUEST, refusal, refusal.getMessage()));
	}

	/**
	 * The refusal a REST answer is about: the first bad user request or form field
	 * validation failure among the causes, or null.
	 */
	static ProcessEngineException refusalIn(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = (cause.getCause() == cause) ? null
				: cause.getCause()) {
			if (cause instanceof FormFieldValidationException || cause instanceof BadUserRequestException) {
				return (ProcessEngineException) cause;
			}
		}
		return null;
	}

}
