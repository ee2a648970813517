package io.github.serviceaccounts.security;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Closes the Admin web app's first-run setup endpoint for good (CVE-2026-77226: it lets an
 * unauthenticated caller create an administrator while {@code camunda-admin} has no direct member);
 * administrators are created by configuration instead ({@code camunda.bpm.admin-user}, or the demo
 * users locally). Guards every query against expressions (CVE-2026-109432, see
 * {@link QueryExpressionGuard}). Lets a start or a task completion set only its own form's fields
 * ({@link SubmittedFieldsGuard}).
 */
@Configuration
class WebAppHardening {

	@Bean
	FilterRegistrationBean<Filter> adminSetupClosed() {
		Filter refuse = (ServletRequest request, ServletResponse response, FilterChain chain) -> refuse(response);
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(refuse);
		registration.setName("admin-setup-closed");
		registration.addUrlPatterns("/camunda/api/admin/setup/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<QueryExpressionGuard> queryExpressionGuard() {
		FilterRegistrationBean<QueryExpressionGuard> registration = new FilterRegistrationBean<>(new QueryExpressionGuard());
		registration.setName("query-expression-guard");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<SubmittedFieldsGuard> submittedFieldsGuard(@Lazy TaskService taskService) {
		Function<String, Optional<String>> formOfTask = taskId -> Optional
			.ofNullable(taskService.createTaskQuery().taskId(taskId).singleResult())
			.map(task -> task.getTaskDefinitionKey());
		FilterRegistrationBean<SubmittedFieldsGuard> registration = new FilterRegistrationBean<>(
				new SubmittedFieldsGuard(FormFields.fromClasspath(), formOfTask));
		registration.setName("submitted-fields-guard");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	private static void refuse(ServletResponse response) throws IOException, ServletException {
		HttpServletResponse http = (HttpServletResponse) response;
		http.setStatus(HttpServletResponse.SC_FORBIDDEN);
		http.setContentType("application/json");
		http.getWriter().write("{\"type\":\"Forbidden\",\"message\":\"The first-run setup is disabled; administrators are configured\"}");
	}
}
