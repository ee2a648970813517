package io.github.serviceaccounts.lifecycle;

import org.springframework.stereotype.Component;

/**
 * The durations the lifecycle model reads ({@code ${lifecycleTimers...}}), so they come
 * from configuration rather than from the BPMN file.
 */
@Component("lifecycleTimers")
public class LifecycleTimers {

	private final LifecycleProperties settings;

	public LifecycleTimers(LifecycleProperties settings) {
		this.settings = settings;
	}

	public String getReviewInterval() {
		return settings.reviewInterval().toString();
	}

	public String getReviewReminder() {
		return settings.reviewReminder().toString();
	}

	public String getReviewEscalation() {
		return settings.reviewEscalation().toString();
	}

	public String getReviewLock() {
		return settings.reviewLock().toString();
	}

	public String getHandOverEscalation() {
		return settings.handOverEscalation().toString();
	}

	public String getHandOverLock() {
		return settings.handOverLock().toString();
	}

	public String getRetirementGrace() {
		return settings.retirementGrace().toString();
	}

	/** The sweep's timer cycle (see {@link LifecycleProperties#sweep()}). */
	public String getSweep() {
		return settings.sweep();
	}

}
