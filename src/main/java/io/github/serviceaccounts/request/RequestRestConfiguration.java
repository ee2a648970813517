package io.github.serviceaccounts.request;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the request feature adds to the engine REST API (Jersey). */
@Configuration(proxyBeanMethods = false)
class RequestRestConfiguration {

	@Bean
	ResourceConfigCustomizer refusedRequestAnswers400() {
		return config -> config.register(RefusedRequestAnswers400.class);
	}
}
