package io.github.serviceaccounts.engine;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.serviceaccounts.servicenow.ServiceNowRateLimitedException;

/**
 * What the engine does with a failed job. A ServiceNow rate limit is not a failure of the step: the
 * job is rescheduled for when ServiceNow said to come back, its retries untouched, so a burst of
 * 429s never ends in an incident. Anything else follows the step's retry cycle.
 */
class RateLimitAwareJobRetryCmd extends DefaultJobRetryCmd {

	private static final Logger log = LoggerFactory.getLogger(RateLimitAwareJobRetryCmd.class);
	// When ServiceNow names no time (a full request queue), come back after this long.
	static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
	// A rule's window is at most an hour; never park a job longer than that.
	static final Duration LONGEST_WAIT = Duration.ofHours(1);

	RateLimitAwareJobRetryCmd(String jobId, Throwable exception) {
		super(jobId, exception);
	}

	@Override
	public Object execute(CommandContext commandContext) {
		Optional<ServiceNowRateLimitedException> rateLimited = rateLimit(exception);
		if (rateLimited.isEmpty()) {
			return super.execute(commandContext);
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
		// The exception is not recorded on the job: that keeps its first real failure initialising the
		// retries from the step's retry cycle, and a rate limit is no failure an operator must act on.
		job.setDuedate(Date.from(ClockUtil.getCurrentTime().toInstant().plus(wait)));
		notifyAcquisition(commandContext);
		log.info("Job {} ({}) was rate-limited by ServiceNow; rescheduled in {} s without using a retry", job.getId(),
				job.getActivityId(), wait.toSeconds());
		return null;
	}

	static Optional<ServiceNowRateLimitedException> rateLimit(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof ServiceNowRateLimitedException rateLimited) {
				return Optional.of(rateLimited);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}
}
