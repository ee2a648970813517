package io.github.serviceaccounts.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.serviceaccounts.servicenow.ServiceNowRateLimitedException;
import io.github.serviceaccounts.servicenow.ServiceNowTransientException;
import io.github.serviceaccounts.servicenow.UnsafeWriteException;

/**
 * What the engine does with a failed job. A ServiceNow rate limit is not a failure of the
 * step: the job is rescheduled for when ServiceNow said to come back, its retries
 * untouched, so a burst of 429s never ends in an incident. Anything else follows the
 * step's retry cycle, except that a step whose write got no clear answer does not run
 * again while ServiceNow may still commit that write (see
 * {@link ServiceNowTransientException#getWriteInDoubtUntil()}): its look-up would miss a
 * record that appears a moment later, and a second membership or a stale password would
 * follow.
 * <p>
 * The product's own jobs that belong to no activity (such as the hand-off mails) follow
 * the steps' retry cycle too; Camunda would retry them three times at once.
 */
class ServiceNowAwareJobRetryCmd extends DefaultJobRetryCmd {

	private static final Logger log = LoggerFactory.getLogger(ServiceNowAwareJobRetryCmd.class);

	// When ServiceNow names no time (a full request queue), come back after this long.
	static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

	// A rule's window is at most an hour; never park a job longer than that.
	static final Duration LONGEST_WAIT = Duration.ofHours(1);

	private final Set<String> ownJobTypes;

	private final String retryCycle;

	ServiceNowAwareJobRetryCmd(String jobId, Throwable exception) {
		this(jobId, exception, Set.of(), null);
	}

	/**
	 * @param ownJobTypes handler types of the product's jobs that belong to no activity
	 * @param retryCycle their retry cycle, e.g. {@code PT10S,PT1M}
	 */
	ServiceNowAwareJobRetryCmd(String jobId, Throwable exception, Set<String> ownJobTypes, String retryCycle) {
		super(jobId, exception);
		this.ownJobTypes = ownJobTypes;
		this.retryCycle = retryCycle;
	}

	@Override
	public Object execute(CommandContext commandContext) {
		JobEntity own = getJob();
		if (own != null && retryCycle != null && ownJobTypes.contains(own.getJobHandlerType())) {
			retryOnCycle(commandContext, own, ParseUtil.parseRetryIntervals(retryCycle));
			return null;
		}
		if (cause(exception, UnsafeWriteException.class).isPresent()) {
			// Refused before anything was written, and repeating cannot make it safe: an
			// incident at once.
			JobEntity job = getJob();
			if (job != null) {
				job.unlock();
				logException(job);
				job.setRetries(0);
				log.warn("Job {} ({}) refused an unsafe write; incident raised without retries: {}", job.getId(),
						job.getActivityId(), exception.getMessage());
			}
			return null;
		}
		Optional<ServiceNowRateLimitedException> rateLimited = rateLimit(exception);
		if (rateLimited.isEmpty()) {
			Object result = super.execute(commandContext);
			writeInDoubtUntil(exception).ifPresent(this::holdBack);
			return result;
		}
		JobEntity job = getJob();
		if (job == null) {
			return null;
		}
		Duration wait = rateLimited.get().getRetryAfter().filter(d -> !d.isNegative()).orElse(DEFAULT_WAIT);
		if (wait.compareTo(LONGEST_WAIT) > 0) {
			wait = LONGEST_WAIT;
		}
		job.unlock();
		// The exception is not recorded on the job: that keeps its first real failure
		// initialising the
		// retries from the step's retry cycle, and a rate limit is no failure an operator
		// must act on.
		job.setDuedate(Date.from(ClockUtil.getCurrentTime().toInstant().plus(wait)));
		notifyAcquisition(commandContext);
		log.info("Job {} ({}) was rate-limited by ServiceNow; rescheduled in {} s without using a retry", job.getId(),
				job.getActivityId(), wait.toSeconds());
		return null;
	}

	/** What Camunda does for a step with a retry cycle, for a job that has no step. */
	private void retryOnCycle(CommandContext commandContext, JobEntity job, FailedJobRetryConfiguration cycle) {
		boolean first = isFirstJobExecution(job);
		logException(job);
		if (first) {
			initializeRetries(job, cycle.getRetries());
		}
		List<String> intervals = cycle.getRetryIntervals();
		int index = Math.max(0, Math.min(intervals.size() - 1, intervals.size() - (job.getRetries() - 1)));
		try {
			job.setDuedate(new DurationHelper(intervals.get(index)).getDateAfter());
		}
		catch (Exception unreadable) {
			throw new IllegalStateException("The retry cycle '" + retryCycle + "' cannot be read", unreadable);
		}
		job.unlock();
		if (job.getRetries() <= 1 && job.getExecutionId() == null && job.getProcessInstanceId() != null
				&& commandContext.getExecutionManager().findExecutionById(job.getProcessInstanceId()) != null) {
			// The incident that follows belongs to the request: bound to the instance,
			// Cockpit
			// shows it there, and the instance's end removes it. Until then the job
			// touched no
			// execution, so it could never collide with a person completing a task.
			job.setExecutionId(job.getProcessInstanceId());
		}
		decrementRetries(job);
		notifyAcquisition(commandContext);
	}

	/**
	 * Moves the retry the cycle has just scheduled to when the write is settled, if it
	 * falls before.
	 */
	private void holdBack(Instant until) {
		JobEntity job = getJob();
		if (job == null || job.getRetries() <= 0) {
			return; // an incident: an operator decides when it runs again
		}
		Duration remaining = Duration.between(Instant.now(), until);
		if (remaining.isNegative() || remaining.isZero()) {
			return;
		}
		Date settled = Date.from(ClockUtil.getCurrentTime().toInstant().plus(remaining));
		if (job.getDuedate() == null || job.getDuedate().before(settled)) {
			job.setDuedate(settled);
			log.info(
					"Job {} ({}) sent ServiceNow a write that got no clear answer; it runs again in {} s, once ServiceNow "
							+ "has committed or cancelled that write (servicenow.write-settle-time)",
					job.getId(), job.getActivityId(), (remaining.toMillis() + 999) / 1000);
		}
	}

	static Optional<Instant> writeInDoubtUntil(Throwable exception) {
		return cause(exception, ServiceNowTransientException.class)
			.flatMap(ServiceNowTransientException::getWriteInDoubtUntil);
	}

	static Optional<ServiceNowRateLimitedException> rateLimit(Throwable exception) {
		return cause(exception, ServiceNowRateLimitedException.class);
	}

	/**
	 * The outermost exception of the type in the chain (the step's failure wraps the
	 * client's).
	 */
	private static <T extends Throwable> Optional<T> cause(Throwable exception, Class<T> type) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return Optional.of(type.cast(cause));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}

}
