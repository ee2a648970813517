package io.github.serviceaccounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

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
 * The same attacks with the application's HTTP wall taken away (no thread marking, no size limit, no
 * canonical paths, no allow-list, no query scan): only Camunda's own authentication stays in front of the
 * engine. What is refused here is refused by {@link EngineGuard} and the listeners inside the engine alone.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:engine-alone;DB_CLOSE_DELAY=-1",
		"servicenow-simulator.state-file=",
		"camunda.bpm.job-execution.wait-time-in-millis=100",
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
					if (bean instanceof FilterRegistrationBean<?> registration && HTTP_WALL.contains(registration.getFilterName())) {
						registration.setEnabled(false);
					}
					return bean;
				}
			};
		}
	}

	@Test
	void theHttpWallIsReallyGone() throws Exception {
		// With the wall, a path with ';' answers 400; here it reaches the engine's REST layer.
		assertThat(doors.send(Door.ENGINE_REST, "alice", "POST", "/task;x=1", Map.of()).statusCode()).isEqualTo(200);
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
