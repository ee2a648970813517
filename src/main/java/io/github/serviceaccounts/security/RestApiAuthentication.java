package io.github.serviceaccounts.security;

import java.util.Map;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API is open by default. Here every call must carry HTTP basic credentials that
 * Camunda's identity service accepts; the caller then acts as that user, so a REST start records
 * them as the requester and authorizations apply to them.
 */
@Configuration
class RestApiAuthentication {

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		registration.setName("engine-rest-authentication");
		registration.addUrlPatterns("/engine-rest/*");
		registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				HttpBasicAuthenticationProvider.class.getName()));
		return registration;
	}
}
