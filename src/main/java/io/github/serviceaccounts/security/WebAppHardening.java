package io.github.serviceaccounts.security;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Closes the Admin web app's first-run setup endpoint for good (CVE-2026-77226: it lets
 * an unauthenticated caller create an administrator while {@code camunda-admin} has no
 * direct member); administrators are created by configuration instead
 * ({@code camunda.bpm.admin-user}, or the demo users locally).
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

	private static void refuse(ServletResponse response) throws IOException, ServletException {
		HttpServletResponse http = (HttpServletResponse) response;
		http.setStatus(HttpServletResponse.SC_FORBIDDEN);
		http.setContentType("application/json");
		http.getWriter()
			.write("{\"type\":\"Forbidden\",\"message\":\"The first-run setup is disabled; administrators are configured\"}");
	}

}
