package io.github.serviceaccounts.security;

import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.HAND_OVER_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.security.EngineDoors.Door;

/**
 * The same attacks with the application's HTTP wall taken away (no thread marking, no
 * size limit, no canonical paths, no allow-list, no query scan): only Camunda's own
 * authentication stays in front of the engine. What is refused here is refused by
 * {@link EngineGuard} and the listeners inside the engine alone.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:engine-alone;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "camunda.bpm.job-execution.wait-time-in-millis=100",
				"camunda.bpm.job-execution.max-wait=500" })
class EngineAloneAttackTests extends AttackScenarios {

	static final Set<String> HTTP_WALL = Set.of("http-calls", "body-size-limit", "engine-api-wall");

	@TestConfiguration
	static class WithoutHttpWall {

		@Bean
		static BeanPostProcessor httpWallRemoved() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
					if (bean instanceof FilterRegistrationBean<?> registration
							&& HTTP_WALL.contains(registration.getFilterName())) {
						registration.setEnabled(false);
					}
					return bean;
				}
			};
		}

	}

	@Test
	void theHttpWallIsReallyGone() throws Exception {
		// With the wall, a path with ';' answers 400; here it reaches the engine's REST
		// layer.
		assertThat(doors.send(Door.ENGINE_REST, "alice", "POST", "/task;x=1", Map.of()).statusCode()).isEqualTo(200);
	}

	/**
	 * Not even code in this JVM, with nobody authenticated, moves a token: the guard is
	 * for everybody.
	 */
	@Test
	void noInstanceIsStartedElsewhereModifiedRestartedOrMigratedByAnybody() throws Exception {
		Task approval = approvalOfAliceFor("svc_atk_inprocess");
		String pi = approval.getProcessInstanceId();
		String definition = approval.getProcessDefinitionId();

		assertThatThrownBy(() -> runtimeService.createProcessInstanceById(definition)
			.startBeforeActivity(HAND_OVER_CREDENTIALS)
			.execute()).isInstanceOf(AuthorizationException.class)
			.hasMessageContaining("start only at their start event");
		assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(pi)
			.startBeforeActivity(HAND_OVER_CREDENTIALS)
			.execute()).isInstanceOf(AuthorizationException.class);
		assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(pi)
			.cancelAllForActivity(APPROVE_SERVICE_ACCOUNT)
			.executeAsync()).isInstanceOf(AuthorizationException.class);
		assertThatThrownBy(() -> runtimeService.restartProcessInstances(definition)
			.startBeforeActivity(HAND_OVER_CREDENTIALS)
			.processInstanceIds(pi)
			.execute()).isInstanceOf(AuthorizationException.class);
		MigrationPlan plan = runtimeService.createMigrationPlan(definition, definition).mapEqualActivities().build();
		assertThatThrownBy(() -> runtimeService.newMigration(plan).processInstanceIds(pi).execute())
			.isInstanceOf(AuthorizationException.class);

		assertThat(
				runtimeService.createExecutionQuery().processInstanceId(pi).activityId(HAND_OVER_CREDENTIALS).count())
			.isZero();
		assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).isEqualTo(1);
	}

	/**
	 * An administrator, as Cockpit or Admin would act for them, deploys nothing and
	 * deletes no trace of a request.
	 */
	@Test
	void anAdministratorDeploysNothingSkipsNoListenerAndEditsNoComment() throws Exception {
		Task approval = approvalOfAliceFor("svc_atk_admin");
		identityService.setAuthentication("bob", List.of("service-account-requesters"));
		Comment comment = taskService.createComment(approval.getId(), approval.getProcessInstanceId(),
				"Looks right to me");
		identityService.setAuthentication("admin", List.of("camunda-admin"));
		try {
			String deployment = repositoryService.createDeploymentQuery().list().get(0).getId();
			assertThatThrownBy(
					() -> repositoryService.createDeployment().addString("evil.bpmn", "<definitions/>").deploy())
				.isInstanceOf(AuthorizationException.class)
				.hasMessageContaining("Deployments come only from the application");
			assertThatThrownBy(() -> repositoryService.deleteDeployment(deployment, true))
				.isInstanceOf(AuthorizationException.class);
			assertThatThrownBy(
					() -> runtimeService.deleteProcessInstance(approval.getProcessInstanceId(), "gone", true))
				.isInstanceOf(AuthorizationException.class)
				.hasMessageContaining("listeners");
			assertThatThrownBy(() -> taskService.updateTaskComment(approval.getId(), comment.getId(), "Rejected"))
				.isInstanceOf(AuthorizationException.class);
			assertThatThrownBy(() -> taskService.deleteTaskComment(approval.getId(), comment.getId()))
				.isInstanceOf(AuthorizationException.class);
		}
		finally {
			identityService.clearAuthentication();
		}
		assertThat(repositoryService.createDeploymentQuery().count()).isPositive();
		assertThat(
				runtimeService.createProcessInstanceQuery().processInstanceId(approval.getProcessInstanceId()).count())
			.isEqualTo(1);
		assertThat(taskService.getTaskComments(approval.getId())).singleElement()
			.satisfies(kept -> assertThat(kept.getFullMessage()).isEqualTo("Looks right to me"));
	}

	@Override
	boolean hasHttpWall() {
		return false;
	}

	@Override
	Task approvalOfAliceFor(String account) throws Exception {
		return AttackTests.awaitApproval(this, account);
	}

}
