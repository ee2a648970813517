package io.github.serviceaccounts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.serviceaccounts.request.InvalidRequestException;
import io.github.serviceaccounts.request.Violation;

/**
 * A refusal reaches the caller as itself, however the engine wrapped it, and the log as
 * one INFO line; everything else passes as it was.
 */
class RefusedSubmissionsTests {

	final InvalidRequestException refusal = new InvalidRequestException("approveServiceAccount",
			List.of(new Violation("approvalComment", "is required when you reject")));

	final ListAppender<ILoggingEvent> log = new ListAppender<>();

	final Logger logger = (Logger) LoggerFactory.getLogger(RefusedSubmissions.class);

	@BeforeEach
	void captureLog() {
		log.start();
		logger.addAppender(log);
		logger.setLevel(Level.INFO);
	}

	@AfterEach
	void releaseLog() {
		logger.detachAppender(log);
		logger.setLevel(null);
	}

	@Test
	void aRefusalTheEngineWrappedReachesTheCallerAsItselfAndTheLogAsOneInfoLine() {
		RefusedSubmissions interceptor = throwing(new ProcessEngineException(
				"ENGINE-03051 There was an exception while invoking the TaskListener. Message: '" + refusal.getMessage()
						+ "'",
				refusal));

		assertThatThrownBy(() -> interceptor.execute(command())).isSameAs(refusal)
			.hasMessage("Comment: is required when you reject.");
		assertThat(log.list).singleElement().satisfies(line -> {
			assertThat(line.getLevel()).isEqualTo(Level.INFO);
			assertThat(line.getFormattedMessage())
				.isEqualTo("refused: Comment: is required when you reject. (form approveServiceAccount, user (none))");
			assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
		});
	}

	@Test
	void aRefusalPassingThroughNestedCommandsIsLoggedOnceByTheOutermost() {
		RefusedSubmissions inner = throwing(new ProcessEngineException("ENGINE-03051 ...", refusal));
		RefusedSubmissions outer = new RefusedSubmissions();
		outer.setNext(new CommandExecutor() {
			@Override
			public <T> T execute(Command<T> command) {
				return inner.execute(command);
			}
		});

		assertThatThrownBy(() -> outer.execute(command())).isSameAs(refusal);
		assertThat(log.list).hasSize(1);
	}

	@Test
	void camundasOwnFormFieldValidationBecomesARefusalInWords() {
		RefusedSubmissions interceptor = throwing(new FormFieldValidatorException("approvalComment", "maxlength",
				"2000", "x".repeat(2001), "Invalid value submitted for form field 'approvalComment': validation of "
						+ "maxlength(2000) failed."));

		assertThatThrownBy(() -> interceptor.execute(command())).isInstanceOf(InvalidRequestException.class)
			.isInstanceOf(BadUserRequestException.class)
			.hasMessage("Comment: must be at most 2000 characters long.");
		assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("refused: Comment: must be at most 2000 characters long. (form unknown, user (none))");
	}

	@Test
	void everyOtherFailurePassesAsItWasAndIsNotLoggedHere() {
		ProcessEngineException failure = new ProcessEngineException("ENGINE-03051 ...",
				new IllegalStateException("ServiceNow is down"));
		RefusedSubmissions interceptor = throwing(failure);

		assertThatThrownBy(() -> interceptor.execute(command())).isSameAs(failure);
		assertThat(log.list).isEmpty();
	}

	static RefusedSubmissions throwing(RuntimeException exception) {
		RefusedSubmissions interceptor = new RefusedSubmissions();
		interceptor.setNext(new CommandExecutor() {
			@Override
			public <T> T execute(Command<T> command) {
				throw exception;
			}
		});
		return interceptor;
	}

	static Command<Void> command() {
		return commandContext -> null;
	}

}
