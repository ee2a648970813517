package io.github.serviceaccounts.engine;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.serviceaccounts.request.InvalidRequestException;
import io.github.serviceaccounts.request.Refusal;
import io.github.serviceaccounts.request.Violation;

/**
 * A submission the request's rules refuse is the person's mistake, not a failure of the
 * application: it reaches the caller as the {@link Refusal} itself, and the log as one
 * INFO line ({@code refused: Comment: is required when you reject. (form
 * approveServiceAccount, user bob)}), without a stack trace.
 * <p>
 * The engine wraps whatever a task listener throws in a failure of its own ("ENGINE-03051
 * There was an exception while invoking the TaskListener. Message: ..."), which its
 * command context logs as an ERROR with the whole stack, and which the REST layers put in
 * front of the person. Inside the command context, this interceptor throws the refusal
 * instead; the command context logs a refusal (a bad user request, or a missing
 * permission) at DEBUG only. Camunda's own form field validation failures (forms with
 * {@code camunda:formData}, which this model does not use) become such a refusal too, in
 * words.
 * <p>
 * A refusal inside a job is left as it is: no person waits for it, and the engine makes
 * it an incident.
 */
final class RefusedSubmissions extends CommandInterceptor {

	private static final Logger log = LoggerFactory.getLogger(RefusedSubmissions.class);

	/** Nested commands of one call: only the outermost logs the refusal. */
	private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

	private static final Map<String, String> VALIDATOR_RULES = Map.of("required", "is required", "readonly",
			"cannot be changed", "minlength", "must be at least %s characters long", "maxlength",
			"must be at most %s characters long", "min", "must be at least %s", "max", "must be at most %s");

	@Override
	public <T> T execute(Command<T> command) {
		if (Context.getJobExecutorContext() != null) {
			return next.execute(command);
		}
		int[] depth = DEPTH.get();
		depth[0]++;
		try {
			return next.execute(command);
		}
		catch (RuntimeException ex) {
			RuntimeException refusal = refusalIn(ex);
			if (refusal == null) {
				throw ex;
			}
			if (depth[0] == 1) {
				String form = ((Refusal) refusal).form();
				log.info("refused: {} (form {}, user {})", refusal.getMessage(), form == null ? "unknown" : form,
						userOf(Context.getCommandContext()));
			}
			throw refusal;
		}
		finally {
			if (--depth[0] == 0) {
				DEPTH.remove();
			}
		}
	}

	/**
	 * The refusal among the exception and its causes, as a {@link Refusal}; null when it
	 * holds none.
	 */
	static RuntimeException refusalIn(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = (cause.getCause() == cause) ? null
				: cause.getCause()) {
			if (cause instanceof Refusal && cause instanceof RuntimeException refusal) {
				return refusal;
			}
			if (cause instanceof FormFieldValidatorException invalid) {
				return new InvalidRequestException(List
					.of(new Violation(invalid.getId(), VALIDATOR_RULES.getOrDefault(invalid.getName(), "is not valid")
						.formatted(invalid.getConfig()))));
			}
			if (cause instanceof FormFieldValidationException invalid) {
				return new InvalidRequestException(List.of(invalid.getDetail() instanceof String field
						? new Violation(field, "is not valid") : Violation.of("A field of the form is not valid")));
			}
		}
		return null;
	}

	private static String userOf(CommandContext context) {
		String user = context == null ? null : context.getAuthenticatedUserId();
		return user == null ? "(none)" : user;
	}

}
