package io.github.serviceaccounts.servicenow;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.web.client.RestClient;

/** Wires one {@link ServiceNowClient} for the application from {@code servicenow.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ServiceNowProperties.class, ServiceNowPacing.class })
class ServiceNowConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ServiceNowConfiguration.class);

	@Bean
	ServiceNowClient serviceNowClient(RestClient.Builder restClientBuilder, ServiceNowProperties properties,
			ServiceNowPacing pacing, Environment environment) {
		ServiceNowBaseUrl baseUrl = new ServiceNowBaseUrl(properties.baseUrl(), environment);
		if (baseUrl.usesSimulator()) {
			logger.info("servicenow.base-url is not set: using the embedded ServiceNow simulator");
		}
		else {
			logger.info("ServiceNow instance {} with {} authentication", baseUrl.get(),
					properties.usesOAuth() ? "OAuth client-credentials" : "basic");
		}
		return new ServiceNowClient(restClient(restClientBuilder, properties, baseUrl, Clock.systemUTC()), baseUrl,
				Clock.systemUTC(), new RequestPacer(pacing));
	}

	/** The HTTP side of the client; tests build it the same way against WireMock. */
	static RestClient restClient(RestClient.Builder builder, ServiceNowProperties properties,
			Supplier<String> baseUrl, Clock clock) {
		// HTTP/1.1 because some proxies in front of instances mishandle the JDK's h2c upgrade. No cookie
		// handler: ServiceNow serialises requests that share a session cookie and may answer them with 202.
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.readTimeout());
		RestClient.Builder configured = builder.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		if (properties.usesOAuth()) {
			// Cloned before the interceptor is added, so that fetching a token does not ask for a token.
			RestClient tokenClient = configured.clone().build();
			OAuthTokenProvider tokens = new OAuthTokenProvider(tokenClient, baseUrl, properties.oauth().clientId(),
					properties.oauth().clientSecret(), clock);
			configured.requestInterceptor(new OAuthInterceptor(tokens));
		}
		else if (properties.username() != null && !properties.username().isBlank()) {
			configured.requestInterceptor(new BasicAuthenticationInterceptor(properties.username(),
					(properties.password() != null) ? properties.password() : "", StandardCharsets.UTF_8));
		}
		// Without credentials no Authorization header is sent: the embedded simulator needs none.
		return configured.build();
	}
}
