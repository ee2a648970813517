package io.github.serviceaccounts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code serviceAccountSweep}: the sweep's step is a mock (its classes have
 * tests of their own); the timer and the retries are the model's.
 */
@Deployment(resources = "processes/serviceAccountSweep.bpmn")
class ServiceAccountSweepProcessTests {

	@RegisterExtension
	static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
		.configurationResource("process-tests.camunda.cfg.xml")
		.assertClassCoverageAtLeast(1.0)
		.build();

	static final JavaDelegate sweepGovernedAccounts = mock(JavaDelegate.class);

	/** Before the deployment, which evaluates the start timer's cycle. */
	@BeforeAll
	static void registerBeans() {
		Mocks.register("lifecycleTimers", new LifecycleTimers(AccountSweepTests.settings(1000)));
		// as RetryPolicy offers it
		Mocks.register("retryPolicy", Map.of("timeCycle", "PT10S,PT1M"));
		Mocks.register("sweepGovernedAccountsDelegate", sweepGovernedAccounts);
	}

	@AfterAll
	static void forgetBeans() {
		Mocks.reset();
	}

	@BeforeEach
	void freshDelegate() {
		reset(sweepGovernedAccounts);
	}

	Job sweepTimer() {
		return managementService().createJobQuery()
			.processDefinitionKey(SweepProcess.PROCESS_ID)
			.timers()
			.singleResult();
	}

	ProcessInstance sweepStartedByItsTimer() {
		execute(sweepTimer());
		return runtimeService().createProcessInstanceQuery()
			.processDefinitionKey(SweepProcess.PROCESS_ID)
			.singleResult();
	}

	@Test
	void theTimerWaitsForTheConfiguredScheduleAndComesBackAfterEachSweep() {
		Job timer = sweepTimer();
		assertThat(timer.getDuedate()).isEqualTo(SweepSettingCheck.check("0 0 2 * * ?"));
		sweepStartedByItsTimer();
		assertThat(sweepTimer()).as("the next day's timer").isNotNull();
		assertThat(sweepTimer().getId()).isNotEqualTo(timer.getId());
	}

	@Test
	void aSweepRunsItsStepAsynchronouslyAndEndsWithItsFigures() throws Exception {
		doAnswer(invocation -> {
			SweepVariables.OWNER_LEFT.set(invocation.<DelegateExecution>getArgument(0), 1L);
			return null;
		}).when(sweepGovernedAccounts).execute(any());
		ProcessInstance sweep = sweepStartedByItsTimer();

		BpmnAwareTests.assertThat(sweep).isWaitingAt(SweepProcess.SWEEP_GOVERNED_ACCOUNTS);
		execute(job());

		BpmnAwareTests.assertThat(sweep)
			.hasPassed(SweepProcess.SWEEP_DUE, SweepProcess.SWEEP_GOVERNED_ACCOUNTS)
			.isEnded()
			.hasPassed(SweepProcess.GOVERNED_ACCOUNTS_SWEPT)
			.variables()
			.containsEntry(SweepVariables.OWNER_LEFT.name(), 1L);
	}

	@Test
	void aFailedSweepIsRetriedOnTheRetryCycleAndStaysAtItsStep() throws Exception {
		doThrow(new IllegalStateException("ServiceNow unavailable")).when(sweepGovernedAccounts).execute(any());
		ProcessInstance sweep = sweepStartedByItsTimer();

		BpmnAwareTests.assertThat(sweep).isWaitingAt(SweepProcess.SWEEP_GOVERNED_ACCOUNTS);
		Job step = job();
		try {
			managementService().executeJob(step.getId());
		}
		catch (IllegalStateException expected) {
			// the job executor would record it; here the test does
		}

		Job retried = job();
		assertThat(retried.getRetries()).as("retries left").isPositive();
		assertThat(retried.getExceptionMessage()).isEqualTo("ServiceNow unavailable");
		assertThat(retried.getDuedate()).as("the next try waits for the retry cycle")
			.isAfter(ClockUtil.getCurrentTime());
		BpmnAwareTests.assertThat(sweep)
			.isWaitingAt(SweepProcess.SWEEP_GOVERNED_ACCOUNTS)
			.hasNotPassed(SweepProcess.GOVERNED_ACCOUNTS_SWEPT);
	}

}
