package io.github.serviceaccounts.lifecycle;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;

import java.util.List;
import java.util.function.Consumer;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;

import io.github.serviceaccounts.request.RetryPolicy;
import io.github.serviceaccounts.request.TestSettings;

/** What the process tests of the lifecycle's models share. */
final class LifecycleProcessTestSupport {

	private LifecycleProcessTestSupport() {
	}

	/**
	 * The real listeners that check input and who may act on lifecycle tasks, and the
	 * retry policy.
	 */
	static void registerTaskListeners() {
		Mocks.register("retryPolicy", new RetryPolicy(TestSettings.PROPERTIES));
		Mocks.register("lifecycleTaskListener",
				new LifecycleTaskListener(LifecycleTestSettings.DEFAULTS, TestSettings.PROPERTIES));
		Mocks.register("lifecycleInputListener", new LifecycleInputListener(TestSettings.PROPERTIES));
		Mocks.register("lifecycleDutiesListener", new LifecycleDutiesListener());
	}

	/** Runs the instance's asynchronous steps until none is left (timers stay). */
	static void runJobs(ProcessInstance instance) {
		for (int i = 0; i < 50; i++) {
			List<Job> jobs = managementService().createJobQuery().processInstanceId(instance.getId()).messages().list();
			if (jobs.isEmpty()) {
				return;
			}
			jobs.forEach(job -> execute(job));
		}
		throw new AssertionError("the process kept producing jobs");
	}

	/** The refusal itself, or, from a task listener, the engine's wrapper around it. */
	static Consumer<Throwable> refusal(Class<? extends Throwable> type) {
		return thrown -> {
			Throwable cause = thrown;
			while (cause.getCause() != null && !type.isInstance(cause)) {
				cause = cause.getCause();
			}
			org.assertj.core.api.Assertions.assertThat(cause).isInstanceOf(type);
		};
	}

}
