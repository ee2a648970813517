package io.github.serviceaccounts.security;

import java.util.Map;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine REST API is open by default. Here every call must carry HTTP basic credentials that
 * Camunda's identity service accepts; the caller then acts as that user (with their groups), so a
 * REST start records them as the requester and authorizations apply to them. Of the API, only what
 * the product needs is exposed ({@link RestApiExposure}).
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
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RestApiExposure> engineRestExposureFilter() {
		FilterRegistrationBean<RestApiExposure> registration = new FilterRegistrationBean<>(new RestApiExposure());
		registration.setName("engine-rest-exposure");
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
		return registration;
	}
}
