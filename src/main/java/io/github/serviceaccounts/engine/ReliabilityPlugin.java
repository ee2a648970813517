package io.github.serviceaccounts.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.RetryPolicy;

/**
 * How the engine treats ServiceNow trouble: failure messages that name the step and the
 * account, rate limits that reschedule a job instead of using up its retries, and no
 * retry while ServiceNow may still commit a write that got no clear answer. The product's
 * own job types (every {@link JobHandler} bean) are registered here and retried on the
 * steps' cycle.
 */
@Component
class ReliabilityPlugin extends AbstractProcessEnginePlugin {

	private final List<JobHandler<?>> jobHandlers;

	private final RetryPolicy retryPolicy;

	ReliabilityPlugin(List<JobHandler<?>> jobHandlers, RetryPolicy retryPolicy) {
		this.jobHandlers = List.copyOf(jobHandlers);
		this.retryPolicy = retryPolicy;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		Set<String> ownJobTypes = jobHandlers.stream().map(JobHandler::getType).collect(Collectors.toUnmodifiableSet());
		String retryCycle = retryPolicy.getTimeCycle();
		configuration.setFailedJobCommandFactory(
				(jobId, exception) -> new ServiceNowAwareJobRetryCmd(jobId, exception, ownJobTypes, retryCycle));
		@SuppressWarnings("rawtypes")
		List<JobHandler> handlers = configuration.getCustomJobHandlers() == null ? new ArrayList<>()
				: new ArrayList<>(configuration.getCustomJobHandlers());
		handlers.addAll(jobHandlers);
		configuration.setCustomJobHandlers(handlers);
		configuration.setHistoryEventProducer(new OwnJobsHistoryEventProducer(ownJobTypes));
		configuration.setDelegateInterceptor(new StepFailureMessages(new DefaultDelegateInterceptor()));
		// The business key in every log line the engine writes while it runs a job (MDC
		// "businessKey").
		configuration.setLoggingContextBusinessKey("businessKey");
	}

}
