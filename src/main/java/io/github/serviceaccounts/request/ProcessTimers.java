package io.github.serviceaccounts.request;

import java.time.Duration;
import java.util.Date;

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

	public String getValidationReminder() {
		return timers.validationReminder().toString();
	}

	public String getValidationTimeout() {
		return timers.validationTimeout().toString();
	}

	public Date approvalDueDate() {
		return dueIn(timers.approvalReminder());
	}

	public Date validationDueDate() {
		return dueIn(timers.validationReminder());
	}

	// The engine's clock, so tests that move it move due dates too.
	private static Date dueIn(Duration duration) {
		return Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration));
	}

}
