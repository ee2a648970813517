package io.github.serviceaccounts.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.springframework.stereotype.Component;

/**
 * How the engine treats ServiceNow trouble: failure messages that name the step and the
 * account, rate limits that reschedule a job instead of using up its retries, and no
 * retry while ServiceNow may still commit a write that got no clear answer.
 */
@Component
class ReliabilityPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setFailedJobCommandFactory(ServiceNowAwareJobRetryCmd::new);
		configuration.setDelegateInterceptor(new StepFailureMessages(new DefaultDelegateInterceptor()));
		// The business key in every log line the engine writes while it runs a job (MDC
		// "businessKey").
		configuration.setLoggingContextBusinessKey("businessKey");
	}

}
