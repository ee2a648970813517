package io.github.serviceaccounts.request;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The timer durations and due dates the model reads ({@code ${processTimers...}}), so
 * they come from configuration rather than from the BPMN file.
 */
@Component("processTimers")
public class ProcessTimers {

	private final ServiceAccountsProperties.Timers timers;

	ProcessTimers(ServiceAccountsProperties properties) {
		this.timers = properties.timers();
	}

	public String getApprovalReminder() {
		return timers.approvalReminder().toString();
	}

	public String getApprovalEscalation() {
		return timers.approvalEscalation().toString();
	}

	public Date approvalDueDate() {
		return dueIn(timers.approvalReminder());
	}

	/**
	 * The validation's due date: the reminder's time, counted from when the owner was
	 * first asked in this round (see {@link #validationStartedAt}), so reading the
	 * evidence again does not move it.
	 */
	public Date validationDueDate(VariableScope execution) {
		return Date.from(validationStartedAt(execution).plus(timers.validationReminder()));
	}

	/**
	 * What is left of the reminder's time in this round; once it has passed (the reminder
	 * went out), a time after the time-out, so that it does not go out again.
	 */
	public String validationReminder(VariableScope execution) {
		Duration left = left(execution, timers.validationReminder());
		return (left.isZero() ? left(execution, timers.validationTimeout()).plusDays(1) : left).toString();
	}

	/** What is left of the time-out in this round; at least nothing. */
	public String validationTimeout(VariableScope execution) {
		return left(execution, timers.validationTimeout()).toString();
	}

	/**
	 * When the owner was first asked to validate in this round: the
	 * {@link RequestVariables#VALIDATION_STARTED_AT} that the validation task's listener
	 * set, or now when it is not set yet.
	 */
	static Instant validationStartedAt(VariableScope execution) {
		return RequestVariables.VALIDATION_STARTED_AT.find(execution)
			.map(Instant::parse)
			.orElseGet(() -> ClockUtil.getCurrentTime().toInstant());
	}

	private static Duration left(VariableScope execution, Duration full) {
		Duration left = Duration.between(ClockUtil.getCurrentTime().toInstant(),
				validationStartedAt(execution).plus(full));
		return left.isNegative() ? Duration.ZERO : left;
	}

	// The engine's clock, so tests that move it move due dates too.
	private static Date dueIn(Duration duration) {
		return Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration));
	}

}
